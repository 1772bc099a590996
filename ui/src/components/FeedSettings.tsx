// Calendar feeds, for an admin in Settings: the studio's feeds (a room's or the whole
// studio's), a new one with how much of the customer it shows, its secret address shown once
// to copy, and revoking one after a confirmation. Feeds live on the studio's server: a
// standalone desk says so instead.
import { useRef, useState } from "react";
import type { Feed, FeedDetail, StudioInfo } from "../api/types";
import { useCreateFeed, useFeeds, useRevokeFeed } from "../data/feeds";
import { useSettings } from "../data/settings";
import { useI18n } from "../i18n";
import { Dialog } from "./Dialog";
import { ErrorNote } from "./ErrorNote";
import { useStaff } from "./SignIn";

/** The longest label the server takes (CreateFeedRequest.label). */
const LABEL_MAX = 120;

export function FeedSettings({ studio }: { studio: StudioInfo }) {
  const { t } = useI18n();
  const settings = useSettings();
  const connected = (settings.data?.serverUrl ?? "") !== "";
  const who = useStaff().state?.signedIn?.id ?? "";
  const feeds = useFeeds(who, connected);
  const [made, setMade] = useState<Feed | null>(null);
  const [revoking, setRevoking] = useState<Feed | null>(null);
  const roomName = (id: string | null | undefined) =>
    id ? (studio.rooms.find((r) => r.id === id)?.name ?? id) : t("feeds.wholeStudio");
  return (
    <section className="feed-settings" aria-label={t("feeds.title")} data-testid="feed-settings">
      <h3>{t("feeds.title")}</h3>
      <p className="muted">{t("feeds.help")}</p>
      {settings.data && !connected ? (
        <p className="muted" data-testid="feeds-standalone">
          {t("feeds.standalone")}
        </p>
      ) : (
        <>
          <FeedList feeds={feeds.data ?? []} roomName={roomName} onRevoke={setRevoking} />
          <ErrorNote error={feeds.error} />
          <NewFeed studio={studio} onMade={setMade} />
          {made?.url && <MadeFeed feed={made} roomName={roomName} onDone={() => setMade(null)} />}
        </>
      )}
      {revoking && <RevokeFeed feed={revoking} roomName={roomName} onDone={() => setRevoking(null)} />}
    </section>
  );
}

function FeedList({
  feeds,
  roomName,
  onRevoke,
}: {
  feeds: Feed[];
  roomName: (id: string | null | undefined) => string;
  onRevoke: (feed: Feed) => void;
}) {
  const { t, locale } = useI18n();
  if (feeds.length === 0) return <p className="muted">{t("feeds.none")}</p>;
  return (
    <ul className="feed-list">
      {feeds.map((feed) => (
        <li key={feed.id} className="feed-row" data-feed={feed.id}>
          <span>
            <strong>{roomName(feed.room)}</strong>
            {feed.label ? ` · ${feed.label}` : ""}
          </span>
          <span className="muted">
            {t(feed.detail === "name" ? "feeds.detail.name" : "feeds.detail.booked")} ·{" "}
            {t("feeds.made", { date: new Date(feed.createdAt).toLocaleDateString(locale) })}
          </span>
          <button type="button" className="button" onClick={() => onRevoke(feed)}>
            {t("feeds.revoke")}
          </button>
        </li>
      ))}
    </ul>
  );
}

function NewFeed({ studio, onMade }: { studio: StudioInfo; onMade: (feed: Feed) => void }) {
  const { t } = useI18n();
  const [room, setRoom] = useState("");
  const [detail, setDetail] = useState<FeedDetail>("booked");
  const [label, setLabel] = useState("");
  const create = useCreateFeed({
    onSuccess: (feed) => {
      setLabel("");
      onMade(feed);
    },
  });
  return (
    <form
      className="feed-new"
      aria-label={t("feeds.new")}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ room: room || null, detail, label: label.trim() || null });
      }}
    >
      <h4>{t("feeds.new")}</h4>
      <label>
        {t("feeds.room")}
        <select name="feed-room" value={room} onChange={(e) => setRoom(e.target.value)}>
          <option value="">{t("feeds.wholeStudio")}</option>
          {studio.rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="choice">
        <legend>{t("feeds.detail")}</legend>
        {(["booked", "name"] as const).map((d) => (
          <label key={d} className="toggle">
            <input type="radio" name="feed-detail" value={d} checked={detail === d} onChange={() => setDetail(d)} />
            {t(d === "name" ? "feeds.detail.name" : "feeds.detail.booked")}
          </label>
        ))}
      </fieldset>
      <label>
        {t("feeds.label")}
        <input name="feed-label" value={label} maxLength={LABEL_MAX} placeholder={t("feeds.labelExample")} onChange={(e) => setLabel(e.target.value)} />
      </label>
      <div className="row">
        <button type="submit" className="button primary" disabled={create.isPending}>
          {t("feeds.make")}
        </button>
      </div>
      <ErrorNote error={create.error} />
    </form>
  );
}

/** The new feed's address, this once: to copy into a calendar. */
function MadeFeed({ feed, roomName, onDone }: { feed: Feed; roomName: (id: string | null | undefined) => string; onDone: () => void }) {
  const { t } = useI18n();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "select" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(feed.url ?? "");
      setCopied("yes");
    } catch {
      // No clipboard in this webview, or refused: the address is selected for Ctrl+C.
      field.current?.select();
      setCopied("select");
    }
  };
  return (
    <Dialog title={t("feeds.madeTitle", { feed: roomName(feed.room) })} onClose={onDone} className="feed-made">
      <p>{t("feeds.onlyOnce")}</p>
      <label>
        {t("feeds.address")}
        <input ref={field} name="feed-url" readOnly value={feed.url ?? ""} onFocus={(e) => e.target.select()} />
      </label>
      <p className="muted">{t("feeds.subscribe")}</p>
      {copied && (
        <p className="ok-note" role="status">
          {t(copied === "yes" ? "feeds.copied" : "feeds.copyKeys")}
        </p>
      )}
      <div className="row">
        <button type="button" className="button primary" onClick={copy}>
          {t("feeds.copy")}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t("feeds.done")}
        </button>
      </div>
    </Dialog>
  );
}

function RevokeFeed({ feed, roomName, onDone }: { feed: Feed; roomName: (id: string | null | undefined) => string; onDone: () => void }) {
  const { t } = useI18n();
  const revoke = useRevokeFeed({ onSuccess: onDone });
  return (
    <Dialog title={t("feeds.revokeTitle", { feed: roomName(feed.room) })} onClose={onDone} role="alertdialog">
      <p>{t("feeds.revokeHelp")}</p>
      <ErrorNote error={revoke.error} />
      <div className="row">
        <button type="button" className="button danger" disabled={revoke.isPending} onClick={() => revoke.mutate(feed.id)}>
          {t("feeds.revoke")}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t("feeds.keep")}
        </button>
      </div>
    </Dialog>
  );
}
