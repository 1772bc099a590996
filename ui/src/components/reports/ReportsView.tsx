// The Reports screen: the figures of a period (utilisation, heatmap, revenue, rates, top
// customers, exports) and the end-of-day cash-up, as two tabs. The desk keeps it mounted out
// of sight between visits (`shown` false, see App.tsx): its reports are asked again each time
// it is shown, and out of sight it holds no cash-up sheet (nothing of it can print).
import { useEffect, useRef, useState } from "react";
import type { StudioInfo } from "../../api/types";
import { useAskReportsAgain } from "../../data/reports";
import { useI18n } from "../../i18n";
import { CashUpView } from "./CashUpView";
import { PeriodReports } from "./PeriodReports";

type Tab = "figures" | "cashUp";

export function ReportsView({ studio, shown = true }: { studio: StudioInfo; shown?: boolean }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>("figures");
  // Shown again after being out of sight: the figures it had stay until the current ones
  // come. (Mounted shown, its reports are asked as it mounts.)
  const askAgain = useAskReportsAgain();
  const wasShown = useRef(shown);
  useEffect(() => {
    if (shown && !wasShown.current) askAgain();
    wasShown.current = shown;
  }, [shown, askAgain]);
  const tabs: { tab: Tab; label: string; testId: string }[] = [
    { tab: "figures", label: t("reports.figures"), testId: "report-figures-open" },
    { tab: "cashUp", label: t("cashUp.title"), testId: "cash-up-open" },
  ];
  return (
    <section className="reports" aria-label={t("nav.reports")}>
      <div className="toolbar no-print" role="tablist" aria-label={t("nav.reports")}>
        {tabs.map((x) => (
          <button
            key={x.tab}
            type="button"
            role="tab"
            aria-selected={tab === x.tab}
            className={`button ${tab === x.tab ? "primary" : ""}`}
            data-testid={x.testId}
            onClick={() => setTab(x.tab)}
          >
            {x.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === "figures" ? <PeriodReports studio={studio} shown={shown} /> : shown && <CashUpView studio={studio} />}
      </div>
    </section>
  );
}
