import type { StudioInfo } from "../api/types";
import { useServerChanged, useSetStartFullscreen, useSettings, useStandalone } from "../data/settings";
import { LANGUAGES, useI18n } from "../i18n";
import { useSingleKeyShortcuts } from "../prefs";
import { EnrolForm } from "./EnrolForm";
import { ErrorNote } from "./ErrorNote";
import { BackupSettings } from "./BackupSettings";
import { FeedSettings } from "./FeedSettings";
import { OnlineSettings } from "./OnlineSettings";
import { StaffSettings } from "./StaffSettings";
import { StudioSettings } from "./StudioSettings";

/** Language, full screen, and the server this desk works with (an admin's decision: a new
 * address comes with a one-time enrolment code). */
export function SettingsView({
  studio,
  fullscreen,
  onFullscreen,
}: {
  studio?: StudioInfo;
  fullscreen: boolean;
  onFullscreen: (on: boolean) => void;
}) {
  const { t, language, setLanguage } = useI18n();
  const settings = useSettings();
  const [singleKeys, setSingleKeys] = useSingleKeyShortcuts();
  const startFullscreen = useSetStartFullscreen();
  const saved = useServerChanged();
  const standalone = useStandalone();
  const serverUrl = settings.data?.serverUrl ?? "";
  return (
    <section className="settings" aria-label={t("settings.title")}>
      <h2>{t("settings.title")}</h2>
      <fieldset className="choice">
        <legend>{t("settings.language")}</legend>
        {LANGUAGES.map((l) => (
          <button
            type="button"
            key={l.id}
            className={`button choice-item ${l.id === language ? "selected" : ""}`}
            aria-pressed={l.id === language}
            data-language={l.id}
            onClick={() => setLanguage(l.id)}
          >
            {l.label}
          </button>
        ))}
      </fieldset>
      <fieldset className="choice">
        <legend>{t("settings.kiosk")}</legend>
        <label className="toggle">
          <input type="checkbox" checked={fullscreen} onChange={(e) => onFullscreen(e.target.checked)} />
          {t("settings.fullscreen")}
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            checked={settings.data?.startFullscreen ?? false}
            disabled={!settings.data || startFullscreen.isPending}
            onChange={(e) => startFullscreen.mutate(e.target.checked)}
          />
          {t("settings.startFullscreen")}
        </label>
        <ErrorNote error={startFullscreen.error} />
      </fieldset>
      <fieldset className="choice">
        <legend>{t("settings.keyboard")}</legend>
        <label className="toggle">
          <input
            type="checkbox"
            name="shortcuts"
            checked={singleKeys}
            aria-describedby="shortcuts-help"
            onChange={(e) => setSingleKeys(e.target.checked)}
          />
          {t("settings.shortcuts")}
        </label>
        <p id="shortcuts-help" className="muted">
          {t("settings.shortcutsHelp")}
        </p>
      </fieldset>
      <fieldset className="server-settings" data-testid="server-settings">
        <legend>{t("settings.serverTitle")}</legend>
        <p className="muted" data-testid="server-now">
          {serverUrl ? t("settings.serverNow", { url: serverUrl }) : t("settings.standaloneNow")}
        </p>
        <p className="muted">{t("settings.adminOnly")}</p>
        {settings.data && (
          <EnrolForm key={serverUrl} initialUrl={serverUrl} submitLabel={t("enrol.connect")} onEnrolled={(view) => saved(view.settings)} />
        )}
        {serverUrl && (
          <div className="row">
            <button type="button" className="button" disabled={standalone.isPending} onClick={() => standalone.mutate()}>
              {t("settings.standalone")}
            </button>
          </div>
        )}
        <ErrorNote error={standalone.error ?? settings.error} />
      </fieldset>
      {studio && <StaffSettings studio={studio} />}
      {/* Not keyed by the version: a change arriving from another desk while an admin edits
          is shown as such, and their edits stay until they save (refused as stale) or undo. */}
      {studio && <StudioSettings studio={studio} />}
      {studio && <OnlineSettings studio={studio} />}
      {studio && <FeedSettings studio={studio} />}
      <BackupSettings />
    </section>
  );
}
