// A chart on a canvas: drawn once Chart.js has loaded, drawn anew when its configuration
// changes, destroyed with the component (one chart per canvas, nothing kept after).
import { useEffect, useRef } from "react";
import type { ChartConfiguration } from "chart.js";

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
