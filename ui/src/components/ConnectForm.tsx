// The first run's "connect to our studio's server": the address and a one-time enrolment
// code from the administrator; the desk exchanges the code for its token.
import { useFinishFirstRun } from "../data/studio";
import { useI18n } from "../i18n";
import { EnrolForm } from "./EnrolForm";
import { StepHeading } from "./WelcomeStep";

export function ConnectForm({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  const finish = useFinishFirstRun();
  return (
    <>
      <StepHeading title={t("welcome.connect")} onBack={onBack} />
      <p className="muted">{t("welcome.connectHelp")}</p>
      <EnrolForm submitLabel={t("enrol.connect")} onEnrolled={(view) => finish(undefined, view.settings)} />
      <p className="muted">{t("welcome.connectHint")}</p>
    </>
  );
}
