// Changes made offline that the server refused (the booking changed meanwhile on another
// desk, or the new time was taken): both versions side by side, and staff choose.
import type { Booking, StudioInfo } from "../api/types";
import { useRefusedChanges, useResolveRefusedChange } from "../data/sync";
import { useI18n } from "../i18n";
import { dateOf, formatShortDate, formatTime } from "../time";
import { roomName } from "./BookingDetails";
import { ErrorNote } from "./ErrorNote";

export function RefusedChanges({ studio }: { studio: StudioInfo }) {
  const { t, locale } = useI18n();
  const refused = useRefusedChanges();
  const resolve = useResolveRefusedChange();
  if (!refused.data || refused.data.length === 0) return <ErrorNote error={refused.error} />;
  const tz = studio.timezone;
  const line = (b: Booking) =>
    `${b.customer.name} · ${roomName(studio, b.room)} · ${formatShortDate(dateOf(b.start, tz), locale)} ${formatTime(b.start, tz, locale)}–${formatTime(b.end, tz, locale)}${b.note ? ` · ${b.note}` : ""}`;
  return (
    <section className="refused-changes" aria-label={t("sync.refusedTitle")}>
      <h3>{t("sync.refusedTitle")}</h3>
      <ul className="conflict-list">
        {refused.data.map((r) => (
          <RefusedItem
            key={r.mutation}
            reason={r.reason}
            mine={line(r.mine)}
            current={r.current ? line(r.current) : null}
            busy={resolve.isPending}
            onChoose={(applyMine) => resolve.mutate({ mutation: r.mutation, applyMine })}
            testId="refused-change"
          />
        ))}
      </ul>
      <ErrorNote error={resolve.error} />
    </section>
  );
}

/** One refused change: why, what staff asked for, what the server has now, and the choice. */
export function RefusedItem({
  reason,
  mine,
  current,
  busy,
  onChoose,
  testId,
}: {
  reason: string;
  mine: string;
  current: string | null;
  busy: boolean;
  onChoose: (applyMine: boolean) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <li className="conflict-item" data-testid={testId}>
      <p className="muted">{reason}</p>
      <p>
        <strong>{t("sync.refusedMine")}:</strong> {mine}
      </p>
      {current && (
        <p>
          <strong>{t("sync.refusedCurrent")}:</strong> {current}
        </p>
      )}
      <div className="row">
        <button type="button" className="button" disabled={busy} onClick={() => onChoose(false)}>
          {t("sync.keepServer")}
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => onChoose(true)}>
          {t("sync.applyMine")}
        </button>
      </div>
    </li>
  );
}
