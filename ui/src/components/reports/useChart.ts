// A chart on a canvas: drawn once Chart.js has loaded, drawn anew when its configuration
// changes, destroyed with the component (one chart per canvas, nothing kept after).
import { useEffect, useRef } from "react";
import type { ChartConfiguration } from "chart.js";
import { heatmapChart, heatmapOf, utilisationChart } from "./figures";

/** `config` is a typed configuration of any chart type (built by figures.ts). */
/** Chart.js is loaded once, when the Reports view first opens (while its reports are
 * asked for) or the first time a chart is shown. */
let chartjs: Promise<typeof import("./chartjs")> | null = null;
export const loadChartjs = () => (chartjs ??= import("./chartjs"));

export function useChart(config: object | null) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!config) return;
    let gone = false;
    let drawn: { destroy: () => void } | null = null;
    void loadChartjs().then(({ draw }) => {
      if (gone || !canvas.current) return;
      drawn = draw(canvas.current, config as ChartConfiguration);
    });
    return () => {
      gone = true;
      drawn?.destroy();
    };
  }, [config]);
  return canvas;
}

/** Loads Chart.js and draws each kind of chart once on a canvas off screen, then drops them
 * (the desk does it while it waits after start): Chart.js's first chart runs its code cold
 * (scales, layout, fonts, the canvas context), which made the first open of Reports the
 * slowest; the charts staff see then draw warm. */
export async function warmCharts(): Promise<void> {
  const { draw } = await loadChartjs();
  const holder = document.createElement("div");
  holder.setAttribute("aria-hidden", "true");
  holder.style.cssText = "position:fixed;left:-10000px;top:0;width:480px;height:240px;visibility:hidden";
  const canvas = document.createElement("canvas");
  holder.append(canvas);
  document.body.append(holder);
  try {
    const row = { room: "r", name: "Room", openMinutes: 60, bookedMinutes: 30, changeoverMinutes: 15, booked: 50, changeover: 25 };
    const cells = [{ weekday: 0, hour: 9, openMinutes: 60, bookedMinutes: 30 }];
    const configs = [utilisationChart([row], { booked: "", changeover: "" }), heatmapChart(heatmapOf(cells, ["Mo"]), String)];
    for (const config of configs) draw(canvas, config as ChartConfiguration)?.destroy();
  } finally {
    holder.remove();
  }
}
