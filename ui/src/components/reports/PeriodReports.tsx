// The figures of a period: one request per report (occupancy, money, customers) with the
// same query, each section shown as soon as its answer is there.
import { useEffect, useMemo, useState } from "react";
import type { StudioInfo } from "../../api/types";
import { useCustomersReport, useMoneyReport, useOccupancyReport } from "../../data/reports";
import { useI18n } from "../../i18n";
import { todayIn } from "../../time";
import { useStaff } from "../SignIn";
import { ExportButtons } from "./ExportButtons";
import { HeatmapSection } from "./HeatmapSection";
import { MoneySection } from "./MoneySection";
import { periodOf, type Period } from "./period";
import { PeriodPicker } from "./PeriodPicker";
import { RatesSection } from "./RatesSection";
import { ReportError } from "./ReportError";
import { RoomPicker, roomsParam } from "./RoomPicker";
import { SourceNote } from "./SourceNote";
import { loadChartjs } from "./useChart";
import { UtilisationSection } from "./UtilisationSection";
import type { ReportQuery } from "../../api/types";

/** `shown`: false while the view is kept mounted out of sight (see `useReport`). */
export function PeriodReports({ studio, shown = true }: { studio: StudioInfo; shown?: boolean }) {
  const { t } = useI18n();
  const today = todayIn(studio.timezone);
  // This month until staff choose another period: the view stays mounted across days (kept
  // out of sight between visits), and its default follows the date.
  const [chosenPeriod, setPeriod] = useState<Period | null>(null);
  const period = chosenPeriod ?? periodOf("month", today);
  const [chosen, setChosen] = useState<string[]>(() => studio.rooms.map((r) => r.id));
  // Rooms the studio no longer has are dropped (the query would be refused for them).
  const rooms = chosen.filter((id) => studio.rooms.some((r) => r.id === id));
  const none = rooms.length === 0;
  const roomsArg = roomsParam(studio, rooms);
  const query = useMemo<ReportQuery | null>(
    () => (none ? null : { from: period.from, to: period.to, rooms: roomsArg }),
    [period.from, period.to, none, roomsArg],
  );
  // Chart.js loads while the reports are asked for, not after they came.
  useEffect(() => void loadChartjs(), []);
  const who = useStaff().state?.signedIn?.id ?? "";
  const occupancy = useOccupancyReport(query, who, shown);
  const money = useMoneyReport(query, who, shown);
  const customers = useCustomersReport(query, who, shown);
  const loading = query && (occupancy.isPending || customers.isPending) && !occupancy.isError && !customers.isError;
  return (
    <div className="period-reports">
      <div className="report-controls">
        <PeriodPicker period={period} today={today} onChange={setPeriod} />
        <RoomPicker studio={studio} chosen={rooms} onChange={setChosen} />
      </div>
      {loading && <p className="status">{t("common.loading")}</p>}
      {occupancy.data && <SourceNote source={occupancy.data.source} />}
      <ReportError error={occupancy.error} onRetry={() => void occupancy.refetch()} />
      {occupancy.data && (
        <div className="report-grid">
          <UtilisationSection studio={studio} report={occupancy.data} />
          <HeatmapSection report={occupancy.data} />
        </div>
      )}
      <ReportError error={money.error} onRetry={() => void money.refetch()} />
      {money.data && <MoneySection studio={studio} report={money.data} />}
      <ReportError error={customers.error} onRetry={() => void customers.refetch()} />
      {customers.data && <RatesSection report={customers.data} />}
      <ExportButtons query={query} />
    </div>
  );
}
