// Revenue of the bookings of the period (admins): billed (what the bookings owe, as their
// receipts say) and paid by room and by month, the part of it that is cancellation and
// no-show fees, received by payment method, and what is still unpaid.
import type { StudioInfo } from "../../api/types";
import { formatMoney } from "../../format";
import { useI18n } from "../../i18n";
import { formatMonth } from "../../time";
import { roomName } from "../BookingDetails";
import { ReportTable } from "./ReportTable";
import type { MoneyReport } from "../../api/types";

export function MoneySection({ studio, report }: { studio: StudioInfo; report: MoneyReport }) {
  const { t, locale } = useI18n();
  const money = (minor: number) => formatMoney(minor, report.currency, locale);
  const month = (ym: string) => formatMonth(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), locale);
  const totals = report.byRoom.reduce(
    (s, r) => ({ bookings: s.bookings + r.bookings, billed: s.billed + r.billed, fees: s.fees + (r.fees ?? 0), paid: s.paid + r.paid }),
    { bookings: 0, billed: 0, fees: 0, paid: 0 },
  );
  return (
    <section className="report-section" aria-labelledby="report-revenue" data-testid="report-revenue">
      <h3 id="report-revenue">{t("reports.revenue")}</h3>
      <p className="report-unpaid" data-testid="report-unpaid">
        <strong>{t("reports.unpaid")}:</strong> {t("reports.unpaidLine", { count: report.unpaid.bookings, amount: money(report.unpaid.amount) })}
      </p>
      <div className="report-tables">
        <ReportTable
          caption={t("reports.byRoom")}
          heads={[t("reports.room"), t("reports.bookings"), t("reports.billed"), t("reports.fees"), t("reports.paid")]}
          foot={
            <tr>
              <th scope="row">{t("cashUp.total")}</th>
              <td>{totals.bookings}</td>
              <td>{money(totals.billed)}</td>
              <td>{money(totals.fees)}</td>
              <td>{money(totals.paid)}</td>
            </tr>
          }
        >
          {report.byRoom.map((r) => (
            <tr key={r.room} data-room={r.room}>
              <th scope="row">{roomName(studio, r.room)}</th>
              <td>{r.bookings}</td>
              <td>{money(r.billed)}</td>
              <td>{money(r.fees ?? 0)}</td>
              <td>{money(r.paid)}</td>
            </tr>
          ))}
        </ReportTable>
        <ReportTable caption={t("reports.byMonth")} heads={[t("reports.month"), t("reports.billed"), t("reports.fees"), t("reports.paid")]}>
          {report.byMonth.map((m) => (
            <tr key={m.month} data-month={m.month}>
              <th scope="row">{month(m.month)}</th>
              <td>{money(m.billed)}</td>
              <td>{money(m.fees ?? 0)}</td>
              <td>{money(m.paid)}</td>
            </tr>
          ))}
        </ReportTable>
        <ReportTable caption={t("reports.byMethod")} heads={[t("reports.method"), t("reports.paid")]}>
          {report.byMethod.map((m) => (
            <tr key={m.method} data-method={m.method}>
              <th scope="row">{t(`payment.${m.method}`)}</th>
              <td>{money(m.paid)}</td>
            </tr>
          ))}
        </ReportTable>
      </div>
    </section>
  );
}
