// What the first run's steps share: the heading with its way back (finishing the run is
// data/studio.ts's finishFirstRun).
import { useI18n } from "../i18n";

/** A step's title with the way back to the three choices. */
export function StepHeading({ title, onBack }: { title: string; onBack: () => void }) {
  const { t } = useI18n();
  return (
    <div className="welcome-step-head">
      <button type="button" className="button" onClick={onBack}>
        ‹ {t("welcome.back")}
      </button>
      <h2>{title}</h2>
    </div>
  );
}
