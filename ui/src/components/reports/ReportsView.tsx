// The Reports screen: the figures of a period (utilisation, heatmap, revenue, rates, top
// customers, exports) and the end-of-day cash-up, as two tabs.
import { useState } from "react";
import type { StudioInfo } from "../../api/types";
import { useI18n } from "../../i18n";
import { CashUpView } from "./CashUpView";
import { PeriodReports } from "./PeriodReports";

type Tab = "figures" | "cashUp";

export function ReportsView({ studio }: { studio: StudioInfo }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>("figures");
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
      <div role="tabpanel">{tab === "figures" ? <PeriodReports studio={studio} /> : <CashUpView studio={studio} />}</div>
    </section>
  );
}
