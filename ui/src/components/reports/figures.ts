// The reports' figures as staff read them and as the charts are handed them: shares as
// percentages in the UI's language, each room's utilisation, the weekday × hour grid. Only
// arithmetic on the backend's counts: every count is the backend's.
import type { ChartConfiguration } from "chart.js";
import type { HeatCell, OccupancyReport } from "../../api/types";

/** `part / whole`, 0 when there is no whole. */
export const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/** A share as a percentage in the UI's language ("12.5%", "12,5 %"), or "—" when there is
 * no whole to take a share of. */
export function formatPercent(part: number, whole: number, locale: string): string {
  if (whole <= 0) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(part / whole);
}

export interface UtilisationRow {
  room: string;
  name: string;
  openMinutes: number;
  bookedMinutes: number;
  changeoverMinutes: number;
  /** Percent of open time, 0–100. */
  booked: number;
  changeover: number;
}

export function utilisationRows(report: OccupancyReport, nameOf: (room: string) => string): UtilisationRow[] {
  return report.rooms.map((r) => ({
    room: r.room,
    name: nameOf(r.room),
    openMinutes: r.openMinutes,
    bookedMinutes: r.bookedMinutes,
    changeoverMinutes: r.changeoverMinutes,
    booked: 100 * share(r.bookedMinutes, r.openMinutes),
    changeover: 100 * share(r.changeoverMinutes, r.openMinutes),
  }));
}

/** The colours of the board (styles.css): booked blue, changeover grey. */
const BOOKED = "#2f6fb0";
const CHANGEOVER = "#8a8f99";

/** Rooms as horizontal bars of booked and changeover percent, stacked, out of 100. */
export function utilisationChart(rows: UtilisationRow[], labels: { booked: string; changeover: string }): ChartConfiguration<"bar"> {
  return {
    type: "bar",
    data: {
      labels: rows.map((r) => r.name),
      datasets: [
        { label: labels.booked, data: rows.map((r) => r.booked), backgroundColor: BOOKED },
        { label: labels.changeover, data: rows.map((r) => r.changeover), backgroundColor: CHANGEOVER },
      ],
    },
    options: {
      indexAxis: "y",
      scales: { x: { stacked: true, min: 0, max: 100 }, y: { stacked: true } },
    },
  };
}

export interface HeatPoint {
  /** The hour, "08". */
  x: string;
  /** The weekday's short name. */
  y: string;
  /** Booked share of open time, 0–1; null where the studio was never open. */
  v: number | null;
}

export interface Heatmap {
  hours: string[];
  weekdays: string[];
  points: HeatPoint[];
}

/** The weekday × hour cells as points, only the hours in which some day was open (all 24
 * when none was). `weekdays` are the short names, Monday first. */
export function heatmapOf(cells: HeatCell[], weekdays: string[]): Heatmap {
  const open = new Set(cells.filter((c) => c.openMinutes > 0).map((c) => c.hour));
  const hours = Array.from({ length: 24 }, (_, h) => h).filter((h) => open.size === 0 || open.has(h));
  const label = (h: number) => String(h).padStart(2, "0");
  const points = weekdays.flatMap((day, weekday) =>
    hours.map((hour) => {
      const cell = cells.find((c) => c.weekday === weekday && c.hour === hour);
      const v = cell && cell.openMinutes > 0 ? cell.bookedMinutes / cell.openMinutes : null;
      return { x: label(hour), y: day, v };
    }),
  );
  return { hours: hours.map(label), weekdays, points };
}

/** The heatmap's cell colour: the header's teal, darker the busier; closed cells grey. */
export function heatColour(v: number | null): string {
  if (v === null) return "#e3e7e8";
  return `rgba(15, 94, 99, ${(0.08 + 0.92 * Math.min(1, v)).toFixed(2)})`;
}

/** A weekday × hour matrix chart of the heatmap (chartjs-chart-matrix). */
export function heatmapChart(map: Heatmap, percent: (v: number) => string): ChartConfiguration<"matrix", HeatPoint[]> {
  return {
    type: "matrix",
    data: {
      datasets: [
        {
          label: "",
          data: map.points,
          backgroundColor: (ctx) => heatColour((ctx.raw as HeatPoint | undefined)?.v ?? null),
          width: ({ chart }) => (chart.chartArea?.width ?? 0) / map.hours.length - 2,
          height: ({ chart }) => (chart.chartArea?.height ?? 0) / map.weekdays.length - 2,
        },
      ],
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => items.map((i) => `${(i.raw as HeatPoint).y} ${(i.raw as HeatPoint).x}:00`),
            label: (item) => {
              const v = (item.raw as HeatPoint).v;
              return v === null ? "—" : percent(v);
            },
          },
        },
      },
      scales: {
        x: { type: "category", labels: map.hours, offset: true, grid: { display: false } },
        // Monday on top, as weekdays are read (the matrix plugin's default y axis runs
        // upwards; a vertical category axis lists its labels top-down unless reversed).
        y: { type: "category", labels: map.weekdays, offset: true, reverse: false, grid: { display: false } },
      },
    },
  };
}
