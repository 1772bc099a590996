import { describe, expect, it } from "vitest";
import { formatMoney } from "../../format";
import { formatPercent, heatColour, heatmapChart, heatmapOf, share, utilisationChart, utilisationRows } from "./figures";
import type { HeatCell, OccupancyReport } from "../../api/types";

/** Intl puts a (narrow) no-break space before German percent and currency signs. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("figures", () => {
  it("percentages in the UI's language, a dash where there is nothing to divide", () => {
    expect(formatPercent(1, 8, "en-GB")).toBe("12.5%");
    expect(plain(formatPercent(1, 8, "de-DE"))).toBe("12,5 %");
    expect(formatPercent(2, 3, "en-GB")).toBe("66.7%");
    expect(formatPercent(0, 5, "en-GB")).toBe("0%");
    expect(formatPercent(0, 0, "en-GB")).toBe("—");
    expect(share(3, 0)).toBe(0);
  });

  it("money in the studio's currency in both languages", () => {
    expect(formatMoney(123456, "EUR", "en-GB")).toBe("€1,234.56");
    expect(plain(formatMoney(123456, "EUR", "de-DE"))).toBe("1.234,56 €");
    expect(plain(formatMoney(-1000, "EUR", "de-DE"))).toBe("-10,00 €");
    expect(formatMoney(1500, "JPY", "en-GB")).toBe("JP¥1,500");
  });

  const report: OccupancyReport = {
    from: "2026-11-01",
    to: "2026-11-30",
    rooms: [
      { room: "studio-a", openMinutes: 4800, bookedMinutes: 1200, changeoverMinutes: 240 },
      { room: "closed", openMinutes: 0, bookedMinutes: 0, changeoverMinutes: 0 },
    ],
    heatmap: [],
  };

  it("each room's booked and changeover share of its open time, handed to the bar chart", () => {
    const rows = utilisationRows(report, (id) => id.toUpperCase());
    expect(rows.map((r) => [r.name, r.booked, r.changeover])).toEqual([
      ["STUDIO-A", 25, 5],
      ["CLOSED", 0, 0],
    ]);
    const chart = utilisationChart(rows, { booked: "Booked", changeover: "Changeover" });
    expect(chart.data.labels).toEqual(["STUDIO-A", "CLOSED"]);
    expect(chart.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ["Booked", [25, 0]],
      ["Changeover", [5, 0]],
    ]);
    expect(chart.options?.scales?.x).toMatchObject({ stacked: true, max: 100 });
  });

  it("the heatmap keeps the hours some day was open, Monday first, closed cells apart", () => {
    const cells: HeatCell[] = [];
    for (let weekday = 0; weekday < 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) {
        const open = hour >= 9 && hour < 11 && weekday < 5 ? 60 : 0;
        cells.push({ weekday, hour, openMinutes: open, bookedMinutes: weekday === 0 && hour === 9 ? 45 : 0 });
      }
    }
    const map = heatmapOf(cells, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(map.hours).toEqual(["09", "10"]);
    expect(map.points).toHaveLength(14);
    expect(map.points[0]).toEqual({ x: "09", y: "Mon", v: 0.75 });
    expect(map.points.find((p) => p.y === "Sat")?.v).toBeNull();
    const chart = heatmapChart(map, (v) => `${v * 100}%`);
    expect(chart.data.datasets[0].data).toBe(map.points);
    // Monday on top: the plugin's upward y axis is turned round.
    expect(chart.options?.scales?.y).toMatchObject({ labels: map.weekdays, reverse: false });
    // Busier is darker; never open is the board's closed grey.
    expect(heatColour(null)).toBe("#e3e7e8");
    expect(heatColour(0)).toBe("rgba(15, 94, 99, 0.08)");
    expect(heatColour(1)).toBe("rgba(15, 94, 99, 1.00)");
  });

  it("with no open hour at all, the heatmap shows the whole day", () => {
    expect(heatmapOf([], ["Mon"]).hours).toHaveLength(24);
  });
});
