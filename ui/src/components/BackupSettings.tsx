// The desk's backups, for an admin in Settings: the daily backups of this desk's file with
// when each was made and what it holds, and restoring one after a preview that says what
// happens to the work recorded since (a connected desk gets it back from its server).
import { useState } from "react";
import type { BackupView, RestoredView } from "../api/types";
import { useBackups, useRestoreBackup } from "../data/backups";
import { useSettings } from "../data/settings";
import { useI18n } from "../i18n";
import { Dialog } from "./Dialog";
import { ErrorNote } from "./ErrorNote";
import { useStaff } from "./SignIn";

export function BackupSettings() {
  const { t, locale } = useI18n();
  const who = useStaff().state?.signedIn?.id ?? "";
  const backups = useBackups(who);
  const [choosing, setChoosing] = useState<BackupView | null>(null);
  const [restored, setRestored] = useState<RestoredView | null>(null);
  const when = (backup: BackupView) =>
    new Date(backup.madeAt).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section className="backup-settings" aria-label={t("backups.title")} data-testid="backup-settings">
      <h3>{t("backups.title")}</h3>
      <p className="muted">{t("backups.help")}</p>
      {restored && (
        <p className="ok-note" role="status">
          {t("backups.restored", { when: when(restored.backup) })}
          {restored.kept && ` ${t("backups.kept", { path: restored.kept })}`}
        </p>
      )}
      {backups.data?.length === 0 && <p className="muted">{t("backups.none")}</p>}
      <ul className="backup-list">
        {(backups.data ?? []).map((backup) => (
          <li key={backup.name} className="backup-row" data-backup={backup.name}>
            <strong>{when(backup)}</strong>
            <span className="muted">
              {t("backups.holds", { bookings: backup.bookings, customers: backup.customers })}
            </span>
            <button type="button" className="button" onClick={() => setChoosing(backup)}>
              {t("backups.restore")}
            </button>
          </li>
        ))}
      </ul>
      <ErrorNote error={backups.error} />
      {choosing && (
        <RestoreBackup
          backup={choosing}
          when={when(choosing)}
          onDone={(done) => {
            setChoosing(null);
            if (done) setRestored(done);
          }}
        />
      )}
    </section>
  );
}

function RestoreBackup({ backup, when, onDone }: { backup: BackupView; when: string; onDone: (done: RestoredView | null) => void }) {
  const { t } = useI18n();
  const connected = (useSettings().data?.serverUrl ?? "") !== "";
  const restore = useRestoreBackup({ onSuccess: (done) => onDone(done) });
  return (
    <Dialog title={t("backups.restoreTitle", { when })} onClose={() => onDone(null)} role="alertdialog">
      <p>{t("backups.preview", { bookings: backup.bookings, customers: backup.customers, studio: backup.studio, when })}</p>
      <p className="muted">{t(connected ? "backups.connected" : "backups.standalone")}</p>
      <ErrorNote error={restore.error} />
      <div className="row">
        <button type="button" className="button danger" disabled={restore.isPending} onClick={() => restore.mutate(backup.name)}>
          {t("backups.confirm")}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t("backups.keep")}
        </button>
      </div>
    </Dialog>
  );
}
