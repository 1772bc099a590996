import { useId } from "react";
import { useSyncStatus } from "../data/sync";
import { useI18n } from "../i18n";
import { formatTime } from "../time";

/**
 * Always visible in the header, compact: a dot and a word for online/offline, and counts of
 * bookings waiting to sync (amber, as on the board) and of conflicts (red). Its accessible
 * name is what it shows (each count with its words, for screen readers only), so speech
 * input finds it by its visible word; the full sentences are its description and tooltip.
 */
export function SyncBar({ timezone, onOpen }: { timezone: string; onOpen: () => void }) {
  const { t, locale } = useI18n();
  const described = useId();
  const { data: status } = useSyncStatus();
  if (!status) return null;
  const state = !status.configured
    ? { cls: "standalone", short: t("sync.noServer"), full: t("sync.standalone") }
    : status.online
      ? { cls: status.live ? "online live" : "online", short: t("sync.online"), full: status.live ? t("sync.live") : t("sync.online") }
      : { cls: "offline", short: t("sync.offline"), full: t("sync.offline") };
  const full = [
    state.full,
    status.pending > 0 && t("sync.pending", { count: status.pending }),
    status.conflicts > 0 && t("sync.conflicts", { count: status.conflicts }),
    status.configured &&
      (status.lastSync ? t("sync.lastSync", { time: formatTime(status.lastSync, timezone, locale) }) : t("sync.never")),
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <button
      type="button"
      className={`sync-bar ${state.cls}`}
      onClick={onOpen}
      data-testid="sync-bar"
      title={full}
      aria-describedby={described}
    >
      <span className="sync-dot" aria-hidden />
      <span className="sync-state">{state.short}</span>
      {status.pending > 0 && " "}
      {status.pending > 0 && (
        <span className="sync-count sync-pending">
          {status.pending}{" "}
          <span className="sr-only">{t("sync.pendingWords")}</span>
        </span>
      )}
      {status.conflicts > 0 && " "}
      {status.conflicts > 0 && (
        <span className="sync-count sync-conflicts">
          {status.conflicts}{" "}
          <span className="sr-only">{t("sync.conflictsWords")}</span>
        </span>
      )}
      <span id={described} hidden>
        {full}
      </span>
    </button>
  );
}
