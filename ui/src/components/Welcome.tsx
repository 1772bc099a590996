import { useId, useState } from "react";
import { useChooseDemo } from "../data/studio";
import { LANGUAGES, useI18n } from "../i18n";
import { ErrorNote } from "./ErrorNote";
import { ConnectForm } from "./ConnectForm";
import { SetupForm } from "./SetupForm";

export type Step = "choose" | "connect" | "setup";

/**
 * The first run's screen (a desk with an empty data folder): connect to the studio's
 * server, set up this desk's own studio, or try the demo. Any of them ends the first run;
 * the app then shows its usual screens.
 */
export function Welcome() {
  const [step, setStep] = useState<Step>("choose");
  const back = () => setStep("choose");
  return (
    <section className="welcome">
      {step === "choose" && <Choices onStep={setStep} />}
      {step === "connect" && <ConnectForm onBack={back} />}
      {step === "setup" && <SetupForm onBack={back} />}
    </section>
  );
}

/** The language buttons for the header while the desk is in its first run. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t("welcome.language")}>
      {LANGUAGES.map((l) => (
        <button
          type="button"
          key={l.id}
          lang={l.id}
          className={`nav-item ${l.id === language ? "current" : ""}`}
          aria-pressed={l.id === language}
          data-language={l.id}
          onClick={() => setLanguage(l.id)}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}

/** The first run is over: the app leaves the welcome screen, every query asks again. */
function Choices({ onStep }: { onStep: (step: Step) => void }) {
  const { t } = useI18n();
  const demo = useChooseDemo();
  return (
    <>
      <h2>{t("welcome.title")}</h2>
      <p className="welcome-intro">{t("welcome.intro")}</p>
      <div className="welcome-choices">
        <Choice id="connect" title={t("welcome.connect")} help={t("welcome.connectHelp")} onClick={() => onStep("connect")} />
        <Choice id="setup" title={t("welcome.setup")} help={t("welcome.setupHelp")} onClick={() => onStep("setup")} />
        <Choice
          id="demo"
          title={t("welcome.demo")}
          help={demo.isPending ? t("welcome.demoOpening") : t("welcome.demoHelp")}
          disabled={demo.isPending}
          onClick={() => demo.mutate()}
        />
      </div>
      <ErrorNote error={demo.error} />
    </>
  );
}

/** A big card button: its title is its name, the help text its description. */
function Choice({ id, title, help, disabled, onClick }: { id: string; title: string; help: string; disabled?: boolean; onClick: () => void }) {
  const helpId = useId();
  return (
    <button
      type="button"
      className="welcome-choice"
      data-choice={id}
      aria-label={title}
      aria-describedby={helpId}
      disabled={disabled}
      onClick={onClick}
    >
      <span className="welcome-choice-title">{title}</span>
      <span className="welcome-choice-help" id={helpId}>
        {help}
      </span>
      <span className="welcome-choice-go" aria-hidden="true">
        →
      </span>
    </button>
  );
}
