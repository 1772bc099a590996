import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { CommandError, Settings, StudioInfo } from "../api/types";
import { LANGUAGES, useI18n } from "../i18n";
import { keys } from "../queries";
import { ErrorNote } from "./ErrorNote";
import { StaffSettings } from "./StaffSettings";
import { StudioSettings } from "./StudioSettings";

/** The server address and token as typed. */
interface Connection {
  serverUrl: string;
  token: string;
}

/** Server address and desk token (with a connection test), language, full screen. */
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
  const client = useQueryClient();
  const settings = useQuery<Settings, CommandError>({ queryKey: keys.settings, queryFn: api.getSettings });
  const [serverUrl, setServerUrl] = useState("");
  const [token, setToken] = useState("");
  useEffect(() => {
    if (settings.data) setServerUrl(settings.data.serverUrl);
  }, [settings.data]);
  const startFullscreen = useMutation<Settings, CommandError, boolean>({
    mutationFn: (on) => api.setStartFullscreen(on),
    onSuccess: (saved) => client.setQueryData(keys.settings, saved),
  });
  // What was typed is passed to `mutate`, not read from a closure: the mutation's options
  // are updated after the render, so a click right after typing would send the old text.
  const test = useMutation<string, CommandError, Connection>({
    mutationFn: (c) => api.testConnection(c.serverUrl, c.token),
  });
  const save = useMutation<Settings, CommandError, Connection>({
    mutationFn: (c) => api.saveSettings(c.serverUrl, c.token),
    onSuccess: (saved) => {
      client.setQueryData(keys.settings, saved);
      void client.invalidateQueries();
    },
  });
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
      <form
        className="server-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ serverUrl, token });
        }}
      >
        <label>
          {t("settings.server")}
          <input value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder="https://…" name="server" />
        </label>
        <p className="muted">{t("settings.serverHelp")}</p>
        <label>
          {t("settings.token")}
          <input value={token} onChange={(e) => setToken(e.target.value)} type="password" name="token" />
        </label>
        {settings.data?.hasToken && <p className="muted">{t("settings.tokenSaved")}</p>}
        <div className="row">
          <button type="button" className="button" onClick={() => test.mutate({ serverUrl, token })} disabled={test.isPending || !serverUrl.trim()}>
            {test.isPending ? t("settings.testing") : t("settings.test")}
          </button>
          <button type="submit" className="button primary" disabled={save.isPending}>
            {t("settings.save")}
          </button>
        </div>
        {test.isSuccess && <p className="ok-note">{t("settings.testOk", { name: test.data })}</p>}
        <ErrorNote error={test.error} />
        {save.isSuccess && <p className="ok-note">{t("settings.saved")}</p>}
        <ErrorNote error={save.error ?? settings.error} />
      </form>
      {studio && <StaffSettings studio={studio} />}
      {/* Not keyed by the version: a change arriving from another desk while an admin edits
          is shown as such, and their edits stay until they save (refused as stale) or undo. */}
      {studio && <StudioSettings studio={studio} />}
    </section>
  );
}
