// Utilisation per room: booked share of the open time as bars, the changeover after
// bookings apart, and every figure as text beside the chart.
import { useMemo } from "react";
import type { StudioInfo } from "../../api/types";
import { formatDuration } from "../../format";
import { useI18n } from "../../i18n";
import { roomName } from "../BookingDetails";
import { formatPercent, utilisationChart, utilisationRows } from "./figures";
import { ReportTable } from "./ReportTable";
import { useChart } from "./useChart";
import type { OccupancyReport } from "../../api/types";

export function UtilisationSection({ studio, report }: { studio: StudioInfo; report: OccupancyReport }) {
  const { t, locale } = useI18n();
  const rows = useMemo(() => utilisationRows(report, (id) => roomName(studio, id)), [report, studio]);
  const booked = t("reports.booked");
  const changeover = t("reports.changeover");
  const config = useMemo(() => utilisationChart(rows, { booked, changeover }), [rows, booked, changeover]);
  const canvas = useChart(config);
  const percent = (part: number, whole: number) => formatPercent(part, whole, locale);
  const summary = rows
    .map((r) => t("reports.utilisationLine", { room: r.name, booked: percent(r.bookedMinutes, r.openMinutes), changeover: percent(r.changeoverMinutes, r.openMinutes) }))
    .join("; ");
  return (
    <section className="report-section" aria-labelledby="report-utilisation">
      <h3 id="report-utilisation">{t("reports.utilisation")}</h3>
      <p className="muted">{t("reports.utilisationHelp")}</p>
      <div className="report-chart" style={{ height: 48 + 36 * rows.length }}>
        <canvas ref={canvas} role="img" aria-label={summary} data-testid="report-chart-utilisation" />
      </div>
      <ReportTable testId="report-utilisation" heads={[t("reports.room"), t("reports.open"), booked, changeover]}>
        {rows.map((r) => (
          <tr key={r.room} data-room={r.room}>
            <th scope="row">{r.name}</th>
            <td>{formatDuration(r.openMinutes)}</td>
            <td>
              {percent(r.bookedMinutes, r.openMinutes)} <span className="muted">({formatDuration(r.bookedMinutes)})</span>
            </td>
            <td>
              {percent(r.changeoverMinutes, r.openMinutes)} <span className="muted">({formatDuration(r.changeoverMinutes)})</span>
            </td>
          </tr>
        ))}
      </ReportTable>
    </section>
  );
}
