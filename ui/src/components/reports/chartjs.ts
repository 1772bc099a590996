// Chart.js, tree-shaken to what the reports draw (horizontal bars and the weekday × hour
// matrix), loaded only when a report is shown (a chunk of its own: the desk's other views
// never pay for it). No animation: a kiosk's CPU has better things to do.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from "chart.js";
import { MatrixController, MatrixElement } from "chartjs-chart-matrix";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, MatrixController, MatrixElement);

export interface Drawn {
  destroy: () => void;
}

/** Draws `config` on `canvas`; null where the canvas has no 2D context (jsdom). */
export function draw(canvas: HTMLCanvasElement, config: ChartConfiguration): Drawn | null {
  const context = canvas.getContext("2d");
  if (!context) return null;
  return new Chart(context, {
    ...config,
    options: { ...config.options, animation: false, responsive: true, maintainAspectRatio: false },
  });
}
