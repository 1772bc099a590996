// The server address and a one-time enrolment code: how a desk joins its studio's server,
// on the welcome screen and in Settings. No token is ever typed or shown.
import { useState } from "react";
import type { CommandError, EnrolView, ErrorCode } from "../api/types";
import { useEnrol } from "../data/settings";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { addressProblem, codeProblem } from "../serverAddress";
import { ErrorNote } from "./ErrorNote";

/** What a failed connection means on this form, said with what to do here (the form is on
 * the welcome screen, where there is no Settings yet, and in Settings). */
const CONNECT_PROBLEMS: Partial<Record<ErrorCode, MessageKey>> = {
  // An unknown, used or expired code: said as such (not as a token problem).
  unauthorized: "enrol.codeRefused",
  unreachable: "enrol.unreachable",
  not_found: "enrol.notFound",
  method_not_allowed: "enrol.notFound",
  forbidden: "enrol.forbidden",
};

function ConnectProblem({ error }: { error: CommandError | null }) {
  const { t } = useI18n();
  const key = error ? CONNECT_PROBLEMS[error.code] : undefined;
  if (!error || !key) return <ErrorNote error={error} />;
  return (
    <div className="error-note" role="alert">
      <span>{t(key, { message: error.message })}</span>
    </div>
  );
}

export function EnrolForm({
  initialUrl = "",
  submitLabel,
  onEnrolled,
}: {
  initialUrl?: string;
  submitLabel: string;
  onEnrolled: (view: EnrolView) => void;
}) {
  const { t } = useI18n();
  const [serverUrl, setServerUrl] = useState(initialUrl);
  const [code, setCode] = useState("");
  const [problem, setProblem] = useState<MessageKey | null>(null);
  // What was typed is passed to `mutate`, not read from a closure (see SettingsView).
  const enrol = useEnrol({
    onSuccess: (view) => {
      setCode("");
      onEnrolled(view);
    },
  });
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setProblem(null);
    enrol.reset();
  };
  return (
    <form
      className="server-form enrol-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = addressProblem(serverUrl) ?? codeProblem(code);
        setProblem(found);
        if (!found) enrol.mutate({ serverUrl: serverUrl.trim(), code: code.trim() });
      }}
    >
      <label>
        {t("settings.server")}
        <input
          value={serverUrl}
          onChange={(e) => edit(setServerUrl)(e.target.value)}
          placeholder="https://…"
          name="server"
          autoComplete="off"
        />
      </label>
      <label>
        {t("enrol.code")}
        <input
          value={code}
          onChange={(e) => edit(setCode)(e.target.value)}
          placeholder="K7QM-2XRP9F"
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
        />
      </label>
      <p className="muted">{t("enrol.codeHelp")}</p>
      <div className="row">
        <button type="submit" className="button primary" disabled={enrol.isPending}>
          {enrol.isPending ? t("welcome.connecting") : submitLabel}
        </button>
      </div>
      {enrol.isSuccess && <p className="ok-note">{t("enrol.joined", { name: enrol.data.studioName })}</p>}
      {problem && (
        <div className="error-note" role="alert">
          <span>{t(problem)}</span>
        </div>
      )}
      <ConnectProblem error={enrol.error} />
    </form>
  );
}
