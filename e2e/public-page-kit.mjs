// What e2e/public-page.browser.mjs starts: the real frontdesk-server (or, with
// PUBLIC_PAGE_MOCK=1, the mock), a real SMTP server for its mails, chromedriver on a free
// port, and a desk's event stream.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { startMock } from "./public-page-mock.mjs";

/** e2e/studio.toml with prices: Studio A at 40.00 EUR an hour (the page shows them). */
export function pricedStudio(root, tmp) {
  const toml = readFileSync(resolve(root, "e2e/studio.toml"), "utf8")
    .replace(/^timezone = .*$/m, (line) => `${line}\ncurrency = "EUR"`)
    .replace(/^id = "studio-a"$/m, (line) => `${line}\nprice = 4000`);
  const path = resolve(tmp, "studio.toml");
  writeFileSync(path, toml);
  return path;
}

/** Online booking switched on, as an admin does it over HTTP (`PUT /v1/online-booking`):
 * two rooms, no lead time (the test books the coming days), free cancellation until 24 h. */
export async function switchOnlineOn(base) {
  const res = await fetch(`${base}/v1/online-booking`, {
    method: "PUT",
    headers: { Authorization: "Bearer e2e-token-office", "Content-Type": "application/json" },
    body: JSON.stringify({ version: 0, enabled: true, rooms: [{ room: "studio-a", durations: [60, 120] },
      { room: "podcast", durations: [30, 60] }], leadMinutes: 0, daysAhead: 60, cancelHours: 24,
      contactPhone: "+49 30 1234567", contactEmail: "hello@klangraum.example" }),
  });
  if (res.status !== 200) throw new Error(`PUT /v1/online-booking: ${res.status} ${await res.text()}`);
}

/** A port nobody listens on now (chromedriver wants one on its command line). */
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (s.address());
      s.close(() => ok(port));
    });
  });
}

/** Runs `command` until its output matches `ready`; resolves with the match and the process. */
function startUntil(command, args, ready, what, stdin = "ignore") {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { stdio: [stdin, "pipe", "pipe"] });
    let out = "";
    const seen = (chunk) => {
      out += chunk;
      const m = out.match(ready);
      if (m) ok({ child, match: m });
    };
    child.stdout.on("data", seen);
    child.stderr.on("data", (chunk) => { out += chunk; });
    child.on("error", fail);
    child.on("exit", (code) => fail(new Error(`${what} ended (${code}) before it was ready:\n${out}`)));
  });
}

/** The test kit's real SMTP server (Debian's python3-aiosmtpd) on a free loopback port,
 * keeping each mail it accepts in `dir` as N.json; `url`, `mails()` and `stop`. */
export async function startSmtpSink(dir) {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const script = resolve(import.meta.dirname, "../crates/testkit/smtp/sink.py");
  // Debian's own Python, which has python3-aiosmtpd (not whichever python3 the PATH finds).
  // Its stdin stays open: the sink stops when it closes.
  const { child } = await startUntil("/usr/bin/python3", [script, String(port), dir], /ready/, "the SMTP sink", "pipe");
  const exited = new Promise((ok) => child.on("exit", ok));
  const mails = () => readdirSync(dir).filter((n) => n.endsWith(".json")).sort((a, b) => parseInt(a) - parseInt(b))
    .map((n) => JSON.parse(readFileSync(resolve(dir, n), "utf8")));
  return { url: `smtp://127.0.0.1:${port}`, mails, stop: async () => { child.kill(); await exited; } };
}

/** The server on a free loopback port with the studio of `config` (TOML), its e-mails to
 * `smtp` (if given) with manage links under its own address; `url` and `stop`. */
export async function startServer(tmp, config, smtp = undefined) {
  if (process.env.PUBLIC_PAGE_MOCK === "1") {
    const mock = await startMock();
    return { url: mock.url, stop: async () => mock.close() };
  }
  const binary = process.env.FRONTDESK_SERVER_BIN ?? resolve(import.meta.dirname, "../target/debug/frontdesk-server");
  if (!existsSync(binary)) throw new Error(`${binary} missing: cargo build -p frontdesk-server --bin frontdesk-server`);
  const port = await freePort();
  const mail = smtp ? ["--smtp-url", smtp, "--smtp-from", "desk@klangraum.example", "--public-url", `http://127.0.0.1:${port}`] : [];
  const { child, match } = await startUntil(binary, ["serve", "--config", config, ...mail,
    "--db", resolve(tmp, "server.db"), "--listen", `127.0.0.1:${port}`, "--dev-tokens",
    // One loopback address plays every customer here: a limit per address that fits a
    // test's page loads (the default, 2 a second with bursts of 30, fits one person).
    "--address-rate", "20", "--address-burst", "200"], /^listening on (\S+)/m, "frontdesk-server");
  const exited = new Promise((ok) => child.on("exit", ok));
  return { url: match[1], stop: async () => { child.kill(); await exited; } };
}

/** Debian's chromedriver on `port`; returns how to stop it. */
export async function startChromedriver(port) {
  const { child } = await startUntil("/usr/bin/chromedriver", [`--port=${port}`, "--allowed-ips=127.0.0.1"],
    /was started successfully/, "chromedriver");
  return () => child.kill();
}

/** A desk's `GET /v1/events`, read as server-sent events; `next(match)` waits for the first
 * event after the call that matches. */
export function deskStream(base, headers) {
  const abort = new AbortController();
  /** @type {{match: (e: {event: string, data: string}) => boolean, ok: (e: any) => void}[]} */
  let waiting = [];
  const ready = (async () => {
    const res = await fetch(`${base}/v1/events`, { headers, signal: abort.signal });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    // Read on in the background; `ready` only waits until the stream is open.
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value.replace(/\r\n?/g, "\n");
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e = { event: "message", data: "" };
          for (const line of block.split("\n")) {
            if (line.startsWith("event:")) e.event = line.slice(6).trim();
            else if (line.startsWith("data:")) e.data += (e.data ? "\n" : "") + line.slice(5).trim();
          }
          if (!block.split("\n").every((l) => l.startsWith(":"))) {
            const hit = waiting.filter((w) => w.match(e));
            waiting = waiting.filter((w) => !w.match(e));
            for (const w of hit) w.ok(e);
          }
        }
      }
    })().catch(() => {});
  })();
  return {
    /** Resolves with the next event that matches; fails after 5 s. */
    next(match) {
      return ready.then(() => new Promise((ok, fail) => {
        const timer = setTimeout(() => fail(new Error("no such desk event within 5 s")), 5000);
        waiting.push({ match, ok: (e) => { clearTimeout(timer); ok(e); } });
      }));
    },
    close: () => abort.abort(),
  };
}
