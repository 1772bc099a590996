// Busy by weekday and hour: the chosen rooms together, as a matrix chart, with the same
// figures in a table for screen readers.
import { useMemo } from "react";
import { useI18n } from "../../i18n";
import { weekdayNames } from "../../time";
import { heatmapChart, heatmapOf } from "./figures";
import { useChart } from "./useChart";
import type { OccupancyReport } from "../../api/types";

export function HeatmapSection({ report }: { report: OccupancyReport }) {
  const { t, locale } = useI18n();
  const map = useMemo(() => heatmapOf(report.heatmap, weekdayNames(locale)), [report, locale]);
  const config = useMemo(() => {
    const format = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    return heatmapChart(map, (v) => format.format(v));
  }, [map, locale]);
  const canvas = useChart(config);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return (
    <section className="report-section" aria-labelledby="report-heatmap">
      <h3 id="report-heatmap">{t("reports.heatmap")}</h3>
      <p className="muted" id="report-heatmap-help">
        {t("reports.heatmapHelp")}
      </p>
      <div className="report-chart report-heatmap">
        <canvas ref={canvas} aria-hidden="true" data-testid="report-chart-heatmap" />
      </div>
      <table className="sr-only" aria-describedby="report-heatmap-help" data-testid="report-heatmap-table">
        <caption>{t("reports.heatmap")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.hour")}</th>
            {map.weekdays.map((day) => (
              <th scope="col" key={day}>
                {day}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {map.hours.map((hour) => (
            <tr key={hour}>
              <th scope="row">{hour}:00</th>
              {map.weekdays.map((day) => {
                const v = map.points.find((p) => p.x === hour && p.y === day)?.v ?? null;
                return <td key={day}>{v === null ? t("reports.closed") : percent.format(v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
