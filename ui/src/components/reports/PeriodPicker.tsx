// The period of the reports: a day, week, month or year of a date, or from–to; stepped
// back and forth by its own length.
import { useI18n } from "../../i18n";
import { DateField } from "../DateField";
import { PERIOD_KINDS, periodLabel, periodOf, shiftPeriod, type Period } from "./period";

export function PeriodPicker({ period, today, onChange }: { period: Period; today: string; onChange: (period: Period) => void }) {
  const { t, locale } = useI18n();
  // Another kind of period holds today while the one shown does (this month's week is
  // this week), else the first date shown.
  const anchor = period.from <= today && today <= period.to ? today : period.from;
  return (
    <div className="report-period">
      <div className="report-kinds" role="group" aria-label={t("reports.period")}>
        {PERIOD_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`button ${period.kind === kind ? "primary" : ""}`}
            aria-pressed={period.kind === kind}
            data-testid={`report-period-${kind}`}
            onClick={() => onChange(kind === "range" ? { ...period, kind } : periodOf(kind, anchor))}
          >
            {t(`reports.kind.${kind}`)}
          </button>
        ))}
      </div>
      <div className="report-step">
        <button type="button" className="button" aria-label={t("reports.previous")} title={t("reports.previous")} onClick={() => onChange(shiftPeriod(period, -1))}>
          ←
        </button>
        <h2 className="report-period-label" data-testid="report-period" data-from={period.from} data-to={period.to}>
          {periodLabel(period, locale)}
        </h2>
        <button type="button" className="button" aria-label={t("reports.next")} title={t("reports.next")} onClick={() => onChange(shiftPeriod(period, 1))}>
          →
        </button>
      </div>
      {period.kind === "range" ? (
        <div className="report-range">
          <DateField label={t("reports.from")} name="report-from" value={period.from} onChange={(from) => onChange({ ...period, from })} />
          <DateField label={t("reports.to")} name="report-to" value={period.to} onChange={(to) => onChange({ ...period, to })} />
        </div>
      ) : (
        <DateField label={t("reports.period")} name="report-date" value={period.from} onChange={(date) => onChange(periodOf(period.kind, date))} />
      )}
    </div>
  );
}
