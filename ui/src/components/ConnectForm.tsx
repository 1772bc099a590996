// The first run's "connect to our studio's server": tested before it is saved.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { CommandError, Settings } from "../api/types";
import { useI18n } from "../i18n";
import { ErrorNote } from "./ErrorNote";
import { finish, StepHeading } from "./WelcomeStep";

interface Connection {
  serverUrl: string;
  token: string;
}

/** Connect: the address and token are tested (naming the studio) before they are saved. */
export function ConnectForm({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [serverUrl, setServerUrl] = useState("");
  const [token, setToken] = useState("");
  // What was typed is passed to `mutate`, not read from a closure (see SettingsView).
  const test = useMutation<string, CommandError, Connection>({
    mutationFn: (c) => api.testConnection(c.serverUrl, c.token),
  });
  const save = useMutation<Settings, CommandError, Connection>({
    mutationFn: (c) => api.saveSettings(c.serverUrl, c.token),
    onSuccess: (saved) => finish(client, undefined, saved),
  });
  // Only what was tested is saved: an edit asks for a new test.
  const tested = test.isSuccess ? test.variables : undefined;
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    test.reset();
    save.reset();
  };
  const connection = (): Connection => ({ serverUrl: serverUrl.trim(), token });
  return (
    <>
      <StepHeading title={t("welcome.connect")} onBack={onBack} />
      <form
        className="server-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (tested) save.mutate(tested);
          else if (serverUrl.trim()) test.mutate(connection());
        }}
      >
        <p className="muted">{t("welcome.connectHelp")}</p>
        <label>
          {t("settings.server")}
          <input value={serverUrl} onChange={(e) => edit(setServerUrl)(e.target.value)} placeholder="https://…" name="server" autoComplete="off" />
        </label>
        <label>
          {t("settings.token")}
          <input value={token} onChange={(e) => edit(setToken)(e.target.value)} type="password" name="token" autoComplete="off" />
        </label>
        <p className="muted">{t("welcome.connectHint")}</p>
        <div className="row">
          <button
            type={tested ? "button" : "submit"}
            className={`button ${tested ? "" : "primary"}`}
            onClick={tested ? () => test.mutate(connection()) : undefined}
            disabled={test.isPending || save.isPending || !serverUrl.trim()}
          >
            {test.isPending ? t("settings.testing") : t("settings.test")}
          </button>
          {tested && (
            <button type="submit" className="button primary" disabled={save.isPending}>
              {save.isPending ? t("welcome.connecting") : t("welcome.connectTo", { name: test.data ?? "" })}
            </button>
          )}
        </div>
        {tested && <p className="ok-note">{t("welcome.found", { name: test.data ?? "" })}</p>}
        <ErrorNote error={test.error ?? save.error} />
      </form>
    </>
  );
}

/** Stand-alone: the studio's name, zone, currency, rooms, one daily range, closed dates. */
