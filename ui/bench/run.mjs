// Opens the built bench page (target/ui-bench) in WebKitGTK's MiniBrowser through
// WebKitWebDriver (port WEBKIT_DRIVER_PORT), waits for its figures and prints them.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { remote } from "webdriverio";

const DIST = resolve(import.meta.dirname, "../../target/ui-bench");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
const server = createServer(async (req, res) => {
  const path = join(DIST, new URL(req.url ?? "/", "http://x").pathname);
  if (!path.startsWith(DIST)) return res.writeHead(404).end();
  try {
    const body = await readFile(path);
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const { port } = server.address();

const browser = await remote({
  hostname: "127.0.0.1",
  port: Number(process.env.WEBKIT_DRIVER_PORT ?? 4455),
  logLevel: "error",
  capabilities: {
    "webkitgtk:browserOptions": { binary: process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", args: ["--automation"] },
  },
});
try {
  await browser.setWindowSize(1280, 800);
  await browser.url(`http://127.0.0.1:${port}/reports.html`);
  const result = await browser.waitUntil(() => browser.execute(() => window.__bench), { timeout: 280_000, interval: 500 });
  if (result.error) throw new Error(result.error);
  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(`${result.bookings} bookings, ${result.rooms} rooms, ${result.runs} runs each (medians); first open with Chart.js's chunk: ${ms(result.firstOpenWithChartChunk)}`);
  console.log("| step | aggregated answers (as shipped) | naive: the page aggregates the raw bookings | ratio |");
  console.log("|---|---|---|---|");
  for (const step of ["open", "year"]) {
    const a = result.medians[`${step} (aggregated)`];
    const n = result.medians[`${step} (naive)`];
    console.log(`| ${step === "open" ? "open Reports (this month)" : "switch to the year"} | ${ms(a)} | ${ms(n)} | ${(n / a).toFixed(1)}× |`);
  }
  console.log(JSON.stringify(result.all));
} finally {
  await browser.deleteSession();
  server.close();
}
