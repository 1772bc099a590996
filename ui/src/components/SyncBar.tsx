import { useSyncStatus } from "../queries";
import { useI18n } from "../i18n";
import { formatTime } from "../time";

/** Always visible: online/offline, bookings waiting to sync, conflicts to resolve. */
export function SyncBar({ timezone, onOpen }: { timezone: string; onOpen: () => void }) {
  const { t, locale } = useI18n();
  const { data: status } = useSyncStatus();
  if (!status) return null;
  const state = !status.configured
    ? { cls: "standalone", text: t("sync.standalone") }
    : status.online
      ? { cls: "online", text: status.live ? t("sync.live") : t("sync.online") }
      : { cls: "offline", text: t("sync.offline") };
  return (
    <button type="button" className={`sync-bar ${state.cls}`} onClick={onOpen} data-testid="sync-bar">
      <span className="sync-dot" aria-hidden />
      <span className="sync-state">{state.text}</span>
      {status.pending > 0 && <span className="sync-pending">{t("sync.pending", { count: status.pending })}</span>}
      {status.conflicts > 0 && (
        <span className="sync-conflicts">{t("sync.conflicts", { count: status.conflicts })}</span>
      )}
      {status.configured && (
        <span className="sync-last">
          {status.lastSync
            ? t("sync.lastSync", { time: formatTime(status.lastSync, timezone, locale) })
            : t("sync.never")}
        </span>
      )}
    </button>
  );
}
