// The Reports view's render bench, in a real WebKitGTK page (run by scripts/bench-reports-ui.sh):
// opening the view (this month) and switching it to the year, for a 20-room studio with a
// year of bookings, the reports answered as the backend answers them (aggregated) — beside
// the naive alternative measured in the same run: the page aggregates the raw bookings
// itself at each request. Each time runs from the click to the figures and both charts on
// screen (two animation frames later). Results go to `window.__bench`.
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { mockIPC } from "@tauri-apps/api/mocks";
import { I18nProvider } from "../src/i18n";
import { ReportsView } from "../src/components/reports/ReportsView";
import type { ReportQuery } from "../src/api/types";
import "../src/styles.css";
import { bookingsOf, reportsOf, studioOf } from "./data";

const RUNS = 7;
const year = new Date().getUTCFullYear();
const studio = studioOf();
const bookings = bookingsOf(year, studio);

type Answers = ReturnType<typeof reportsOf>;
type Command = keyof Answers;
const keyOf = (q: ReportQuery) => `${q.from}/${q.to}/${q.rooms ?? ""}`;

/** Aggregated: the answers are made before the clock starts (the backend's work, measured
 * apart in docs/performance.md). Naive: each request aggregates the raw bookings here. */
function answerer(naive: boolean) {
  const made = new Map<string, Answers>();
  const answer = (q: ReportQuery) => (naive ? reportsOf(year, studio, bookings, q) : made.get(keyOf(q)) ?? reportsOf(year, studio, bookings, q));
  const prepare = (q: ReportQuery) => made.set(keyOf(q), reportsOf(year, studio, bookings, q));
  return { answer, prepare };
}

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

async function until(ok: () => boolean) {
  const start = performance.now();
  while (!ok()) {
    if (performance.now() - start > 20_000) throw new Error("the reports did not show within 20 s");
    await frame();
  }
  await frame();
  await frame();
}

/** Both charts drawn (Chart.js sizes its canvas when it draws) and the sections shown for
 * the period that starts on `from`. */
function shown(host: HTMLElement, from: string, months: number): boolean {
  const period = host.querySelector<HTMLElement>('[data-testid="report-period"]');
  const canvases = [...host.querySelectorAll<HTMLCanvasElement>("canvas")];
  return (
    period?.dataset.from === from &&
    host.querySelectorAll("[data-month]").length === months &&
    host.querySelector('[data-testid="report-rates"]') !== null &&
    canvases.length === 2 &&
    canvases.every((c) => c.style.width !== "")
  );
}

async function once(naive: boolean) {
  const { answer, prepare } = answerer(naive);
  const today = new Date().toISOString().slice(0, 10);
  const month = { from: `${today.slice(0, 7)}-01`, to: "" };
  const last = new Date(Date.UTC(year, Number(today.slice(5, 7)), 0)).toISOString().slice(0, 10);
  month.to = last;
  prepare(month);
  prepare({ from: `${year}-01-01`, to: `${year}-12-31` });
  mockIPC((cmd, args) => answer((args as { query: ReportQuery }).query)[cmd as Command]);
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const t0 = performance.now();
  root.render(
    <QueryClientProvider client={client}>
      <I18nProvider initial="en">
        <ReportsView studio={studio} />
      </I18nProvider>
    </QueryClientProvider>,
  );
  await until(() => shown(host, month.from, 1));
  const open = performance.now() - t0;
  const t1 = performance.now();
  host.querySelector<HTMLButtonElement>('[data-testid="report-period-year"]')?.click();
  await until(() => shown(host, `${year}-01-01`, 12));
  const toYear = performance.now() - t1;
  root.unmount();
  host.remove();
  return { open, toYear };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const rows: Record<string, number[]> = { "open (aggregated)": [], "year (aggregated)": [], "open (naive)": [], "year (naive)": [] };
  // Alternated, so both see the same machine; the first open also loads Chart.js's chunk.
  let first = 0;
  for (let i = 0; i < RUNS; i++) {
    for (const naive of [false, true]) {
      const r = await once(naive);
      if (i === 0 && !naive) first = r.open;
      const kind = naive ? "naive" : "aggregated";
      rows[`open (${kind})`].push(r.open);
      rows[`year (${kind})`].push(r.toYear);
    }
  }
  const result = {
    bookings: bookings.length,
    rooms: studio.rooms.length,
    runs: RUNS,
    firstOpenWithChartChunk: first,
    medians: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, median(v)])),
    all: rows,
  };
  (window as unknown as { __bench: unknown }).__bench = result;
}

main().catch((e: unknown) => {
  (window as unknown as { __bench: unknown }).__bench = { error: String(e) };
});
