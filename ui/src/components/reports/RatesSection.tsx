// No-shows, cancellations and the series share of the period's bookings, and the customers
// who booked most.
import { formatDuration } from "../../format";
import { useI18n } from "../../i18n";
import { formatPercent } from "./figures";
import { ReportTable } from "./ReportTable";
import type { CustomersReport } from "../../api/types";

export function RatesSection({ report }: { report: CustomersReport }) {
  const { t, locale } = useI18n();
  const kept = report.bookings - report.cancelled;
  // As the report defines them: no-shows and cancellations over every booking made, the
  // series share over those not cancelled.
  const rates = [
    { key: "noShows", label: t("reports.noShowRate"), part: report.noShows, whole: report.bookings },
    { key: "cancelled", label: t("reports.cancelRate"), part: report.cancelled, whole: report.bookings },
    { key: "series", label: t("reports.seriesShare"), part: report.series, whole: kept },
  ];
  return (
    <>
      <section className="report-section" aria-labelledby="report-rates" data-testid="report-rates">
        <h3 id="report-rates">{t("reports.rates")}</h3>
        <dl className="report-rates">
          {rates.map((r) => (
            <div key={r.key} data-rate={r.key}>
              <dt>{r.label}</dt>
              <dd>
                <strong>{formatPercent(r.part, r.whole, locale)}</strong>{" "}
                <span className="muted">{t("reports.rateOf", { part: r.part, whole: r.whole })}</span>
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="report-section" aria-labelledby="report-top">
        <h3 id="report-top">{t("reports.top")}</h3>
        {report.top.length === 0 ? (
          <p className="muted">{t("reports.noBookings")}</p>
        ) : (
          <ReportTable testId="report-top" heads={["#", t("reports.customer"), t("reports.bookings"), t("reports.timeBooked")]}>
            {report.top.map((c, i) => (
              <tr key={c.customer}>
                <td>{i + 1}</td>
                <th scope="row">{c.name}</th>
                <td>{c.bookings}</td>
                <td>{formatDuration(c.minutes)}</td>
              </tr>
            ))}
          </ReportTable>
        )}
      </section>
    </>
  );
}
