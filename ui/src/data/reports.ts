// The studio's numbers: the period reports, the cash-up of a date, and the CSV exports.
// Money and payments are for admins: their keys carry who is signed in, so an admin signing
// in asks again at once.
import { keepPreviousData, useQuery, type QueryClient } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { CashUpView, CommandError, CustomersView, ExportKind, ExportView, MoneyView, OccupancyView, ReportQuery } from "../api/types";
import type { Language } from "../i18n";
import { keys } from "./keys";
import { useWrite } from "./write";

type Kind = "occupancy" | "money" | "customers";

/** A report's cache key: the view and the prefetch share it. */
const reportKey = (kind: Kind, query: ReportQuery | null, who: string) =>
  keys.report(kind, query?.from ?? "", query?.to ?? "", query?.rooms ?? "", who);

/** One report of a period; nothing is asked while `query` is null (no room chosen). */
function useReport<T>(kind: Kind, ask: (q: ReportQuery) => Promise<T>, query: ReportQuery | null, who: string) {
  return useQuery<T, CommandError>({
    queryKey: reportKey(kind, query, who),
    queryFn: () => ask(query as ReportQuery),
    enabled: query !== null,
    // The last period's figures stay while the next period's are read: no flicker.
    placeholderData: keepPreviousData,
    // Money refused for want of an admin: asking again changes nothing until one signs in
    // (then `who` changes and it is asked anew).
    ...(kind === "money" ? { retry: false } : {}),
  });
}

export const useOccupancyReport = (query: ReportQuery | null, who: string) =>
  useReport<OccupancyView>("occupancy", api.reportOccupancy, query, who);

export const useMoneyReport = (query: ReportQuery | null, who: string) => useReport<MoneyView>("money", api.reportMoney, query, who);

export const useCustomersReport = (query: ReportQuery | null, who: string) =>
  useReport<CustomersView>("customers", api.reportCustomers, query, who);

/** Asks the three reports of `query` ahead into the cache the view reads (the desk does it
 * for the period Reports opens with, while it waits), so the first open does not wait for
 * the backend. A refused report (no one signed in, no admin) is left for the view to ask. */
export async function prefetchReports(client: QueryClient, query: ReportQuery, who: string): Promise<void> {
  const ahead = <T,>(kind: Kind, ask: (q: ReportQuery) => Promise<T>) =>
    client.prefetchQuery({ queryKey: reportKey(kind, query, who), queryFn: () => ask(query), retry: false });
  await Promise.all([ahead("occupancy", api.reportOccupancy), ahead("money", api.reportMoney), ahead("customers", api.reportCustomers)]);
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
