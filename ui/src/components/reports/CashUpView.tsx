// The end-of-day cash-up (admins): the payments recorded on a date by time, with method,
// staff member and amount; totals by method and by staff member; received, refunded, net.
// "Print" opens the system's print dialog with the sheet alone on A4.
import { useState } from "react";
import type { StudioInfo } from "../../api/types";
import { useCashUp } from "../../data/reports";
import { formatMoney } from "../../format";
import { useI18n } from "../../i18n";
import { formatDate, formatTime, todayIn } from "../../time";
import { roomName } from "../BookingDetails";
import { DateField } from "../DateField";
import { useStaff } from "../SignIn";
import { PrintSheet } from "./PrintSheet";
import { ReportTable } from "./ReportTable";
import { ReportError } from "./ReportError";
import { SourceNote } from "./SourceNote";
import type { CashUpTotals } from "../../api/types";

export function CashUpView({ studio }: { studio: StudioInfo }) {
  const { t, locale } = useI18n();
  const [date, setDate] = useState(() => todayIn(studio.timezone));
  const who = useStaff().state?.signedIn?.id ?? "";
  const query = useCashUp(date, who);
  const cashUp = query.data;
  const money = (minor: number) => formatMoney(minor, cashUp?.currency ?? studio.currency, locale);
  const totals = (x: CashUpTotals) => (
    <>
      <td>{money(x.received)}</td>
      <td>{money(x.refunded)}</td>
      <td>{money(x.received - x.refunded)}</td>
    </>
  );
  const heads = [t("cashUp.received"), t("cashUp.refunded"), t("cashUp.net")];
  return (
    <div className="cash-up-view">
      <div className="toolbar no-print">
        <DateField label={t("cashUp.date")} name="cash-up-date" value={date} onChange={setDate} />
        <button type="button" className="button primary" data-testid="cash-up-print" disabled={!cashUp} onClick={() => window.print()}>
          {t("cashUp.print")}
        </button>
      </div>
      <div className="no-print">
        <ReportError error={query.error} onRetry={() => void query.refetch()} />
        {cashUp && <SourceNote source={cashUp.source} />}
      </div>
      {query.isPending && !query.isError && <p className="status">{t("common.loading")}</p>}
      {cashUp && (
        <PrintSheet testId="cash-up" label={t("cashUp.title")}>
          <header className="sheet-head">
            <h2>
              {t("cashUp.title")} · {studio.name}
            </h2>
            <p>{formatDate(cashUp.date, locale)}</p>
          </header>
          <h3>{t("cashUp.payments")}</h3>
          {cashUp.payments.length === 0 ? (
            <p data-testid="cash-up-none">{t("cashUp.none")}</p>
          ) : (
            <ReportTable
              sheet
              testId="cash-up-payments"
              heads={[t("cashUp.time"), t("reports.room"), t("reports.customer"), t("cashUp.method"), t("cashUp.staff"), t("cashUp.desk"), t("cashUp.amount")]}
            >
              {cashUp.payments.map((p, i) => (
                <tr key={`${p.at}-${p.booking}-${i}`} className={p.amount < 0 ? "refund" : undefined}>
                  <td>{formatTime(p.at, studio.timezone, locale)}</td>
                  <td>{p.room ? roomName(studio, p.room) : "—"}</td>
                  <td>{p.customer ?? "—"}</td>
                  <td>{t(`payment.${p.method}`)}</td>
                  <td>{p.staff ?? "—"}</td>
                  <td>{p.desk}</td>
                  <td className="amount">{money(p.amount)}</td>
                </tr>
              ))}
            </ReportTable>
          )}
          <div className="report-tables">
            <ReportTable sheet testId="cash-up-by-method" caption={t("cashUp.byMethod")} heads={[t("cashUp.method"), ...heads]}>
              {cashUp.byMethod.map((m) => (
                <tr key={m.method} data-method={m.method}>
                  <th scope="row">{t(`payment.${m.method}`)}</th>
                  {totals(m)}
                </tr>
              ))}
            </ReportTable>
            <ReportTable sheet testId="cash-up-by-staff" caption={t("cashUp.byStaff")} heads={[t("cashUp.staff"), ...heads]}>
              {cashUp.byStaff.map((s) => (
                <tr key={s.staff ?? ""}>
                  <th scope="row">{s.staff ?? t("cashUp.noStaff")}</th>
                  {totals(s)}
                </tr>
              ))}
            </ReportTable>
          </div>
          <ReportTable sheet testId="cash-up-total" heads={[t("cashUp.total"), ...heads]}>
            <tr>
              <th scope="row">{formatDate(cashUp.date, locale)}</th>
              {totals(cashUp.total)}
            </tr>
          </ReportTable>
        </PrintSheet>
      )}
    </div>
  );
}
