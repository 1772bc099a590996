// TEMPORARY: the report shapes of crates/protocol/src/reports.rs (camelCase), until the
// generated ones land in ui/src/api/generated/; then this file goes and the imports point
// at ../../api/types.
import type { PaymentMethod } from "../../api/generated";

export interface ReportQuery {
  from: string;
  to: string;
  rooms?: string | null;
}
export interface RoomOccupancy {
  room: string;
  openMinutes: number;
  bookedMinutes: number;
  changeoverMinutes: number;
}
export interface HeatCell {
  weekday: number;
  hour: number;
  openMinutes: number;
  bookedMinutes: number;
}
export interface OccupancyReport {
  from: string;
  to: string;
  rooms: RoomOccupancy[];
  heatmap: HeatCell[];
}
export interface RoomMoney {
  room: string;
  bookings: number;
  billed: number;
  paid: number;
}
export interface MonthMoney {
  month: string;
  billed: number;
  paid: number;
}
export interface MethodMoney {
  method: PaymentMethod;
  paid: number;
}
export interface MoneyReport {
  from: string;
  to: string;
  currency: string;
  byRoom: RoomMoney[];
  byMonth: MonthMoney[];
  byMethod: MethodMoney[];
  unpaid: { bookings: number; amount: number };
}
export interface TopCustomer {
  customer: string;
  name: string;
  bookings: number;
  minutes: number;
}
export interface CustomersReport {
  from: string;
  to: string;
  bookings: number;
  cancelled: number;
  noShows: number;
  series: number;
  top: TopCustomer[];
}
export interface PaymentEntry {
  at: string;
  booking: string;
  room: string | null;
  customer: string | null;
  method: PaymentMethod;
  amount: number;
  staff: string | null;
  desk: string;
}
export interface CashUpTotals {
  received: number;
  refunded: number;
}
export interface CashUp {
  date: string;
  currency: string;
  payments: PaymentEntry[];
  byMethod: (CashUpTotals & { method: PaymentMethod })[];
  byStaff: (CashUpTotals & { staff: string | null })[];
  total: CashUpTotals;
}
export type ExportKind = "bookings" | "payments" | "customers";
export interface ExportResult {
  path: string;
  fileName: string;
  rows: number;
}
export type ReportSource = "server" | "desk";
export type OccupancyView = OccupancyReport & { source: ReportSource };
export type MoneyView = MoneyReport & { source: ReportSource };
export type CustomersView = CustomersReport & { source: ReportSource };
export type CashUpView = CashUp & { source: ReportSource };
export type ExportView = ExportResult & { source: ReportSource };
export type ExportLanguage = "en" | "de";
