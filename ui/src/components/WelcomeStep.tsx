// What the first run's steps share: the heading with its way back, and finishing the run.
import type { QueryClient } from "@tanstack/react-query";
import type { Settings, StudioInfo } from "../api/types";
import { useI18n } from "../i18n";
import { keys } from "../queries";

/** Ends the first run in the cache: the studio and settings as answered, everything asked again. */
export function finish(client: QueryClient, studio?: StudioInfo, settings?: Settings) {
  if (studio) client.setQueryData(keys.studio, studio);
  client.setQueryData<Settings>(keys.settings, (old) => settings ?? (old && { ...old, firstRun: false }));
  void client.invalidateQueries();
}

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
