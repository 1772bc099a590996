import { useEffect, useState } from "react";
import { useIsFetching, useIsMutating } from "@tanstack/react-query";
import { useI18n } from "../i18n";

/** True once `busy` has lasted `delayMs`: quick answers show no flicker. */
export function useDelayed(busy: boolean, delayMs = 300): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setShown(true), delayMs);
    return () => {
      clearTimeout(timer);
      setShown(false);
    };
  }, [busy, delayMs]);
  return busy && shown;
}

/** A bar at the top while anything takes longer than ~300 ms. */
export function Progress() {
  const { t } = useI18n();
  const busy = useIsFetching() + useIsMutating() > 0;
  const shown = useDelayed(busy);
  return shown ? (
    <div className="progress" role="progressbar" aria-label={t("common.loading")}>
      <div className="progress-bar" />
    </div>
  ) : null;
}
