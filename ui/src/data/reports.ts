// The studio's numbers: the period reports, the cash-up of a date, and the CSV exports.
// Money and payments are for admins: their keys carry who is signed in, so an admin signing
// in asks again at once.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import * as api from "../api/commands";
import type { CashUpView, CommandError, CustomersView, ExportKind, ExportView, MoneyView, OccupancyView, ReportQuery } from "../api/types";
import type { Language } from "../i18n";
import { keys, type Root } from "./keys";
import { useWrite } from "./write";

type Kind = "occupancy" | "money" | "customers";

/**
 * One report of a period; nothing is asked while `query` is null (no room chosen). While
 * `shown` is false (the Reports view kept mounted out of sight, see App.tsx) a report is
 * asked only if it never had an answer, once for the pre-render: changes mark it stale, and
 * it is asked again when the view is shown (`useAskReportsAgain`), not in the background.
 */
function useReport<T>(kind: Kind, ask: (q: ReportQuery) => Promise<T>, query: ReportQuery | null, who: string, shown: boolean) {
  return useQuery<T, CommandError>({
    queryKey: keys.report(kind, query?.from ?? "", query?.to ?? "", query?.rooms ?? "", who),
    queryFn: () => ask(query as ReportQuery),
    enabled: (q) => query !== null && (shown || (q.state.dataUpdateCount === 0 && q.state.errorUpdateCount === 0)),
    // The last period's figures stay while the next period's are read: no flicker.
    placeholderData: keepPreviousData,
    // Money refused for want of an admin: asking again changes nothing until one signs in
    // (then `who` changes and it is asked anew).
    ...(kind === "money" ? { retry: false } : {}),
  });
}

export const useOccupancyReport = (query: ReportQuery | null, who: string, shown = true) =>
  useReport<OccupancyView>("occupancy", api.reportOccupancy, query, who, shown);

export const useMoneyReport = (query: ReportQuery | null, who: string, shown = true) =>
  useReport<MoneyView>("money", api.reportMoney, query, who, shown);

export const useCustomersReport = (query: ReportQuery | null, who: string, shown = true) =>
  useReport<CustomersView>("customers", api.reportCustomers, query, who, shown);

/** Asks again every report and cash-up on screen (the rest are marked stale); a request
 * already under way is kept rather than asked twice. */
export function useAskReportsAgain() {
  const client = useQueryClient();
  return useCallback(() => void client.invalidateQueries({ queryKey: ["reports" satisfies Root] }, { cancelRefetch: false }), [client]);
}

export function useCashUp(date: string, who: string) {
  return useQuery<CashUpView, CommandError>({
    queryKey: keys.cashUp(date, who),
    queryFn: () => api.cashUp(date),
    retry: false,
  });
}

export interface ExportRequest {
  kind: ExportKind;
  query: ReportQuery;
  language: Language;
}

/** Writes a CSV file; the answer says where it went. Changes nothing the desk shows. */
export function useExportCsv() {
  return useWrite<ExportView, ExportRequest>((r) => api.exportCsv(r.kind, r.query, r.language), {});
}
