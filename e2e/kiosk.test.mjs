// A kiosk PC as deploy/kiosk/provision.sh makes it, with the real app (scripts/e2e.sh runs
// this under Xvfb with FRONTDESK_APP set to the packaged binary):
// - the script's files are valid desktop entries and a second run changes nothing;
// - the autostart entry's command starts the desk in full screen;
// - a second start on the same desk file hands over to the running window and exits;
// - a desk on another file runs beside it;
// - after a crash (kill -9) the autostart command starts the desk again.
// A private D-Bus session bus stands in for the session's (the single-instance plugin uses it).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { APP } from "./app.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const PROVISION = resolve(ROOT, "deploy/kiosk/provision.sh");
const WAIT_MS = 60_000;

const tmp = mkdtempSync(join(tmpdir(), "frontdesk-kiosk-"));
const kioskRoot = join(tmp, "root");
const autostart = join(kioskRoot, "home/frontdesk/.config/autostart");
let bus;
let busAddress;
const started = [];

/** A process whose output is collected, with a way to wait for a line matching `pattern`. */
function watch(child) {
  const seen = { text: "", waiters: [] };
  const onData = (chunk) => {
    seen.text += chunk;
    seen.waiters = seen.waiters.filter(({ pattern, done }) => !(pattern.test(seen.text) && (done(), true)));
  };
  child.stdout.setEncoding("utf8").on("data", onData);
  child.stderr.setEncoding("utf8").on("data", onData);
  child.waitFor = (pattern, what) =>
    new Promise((done, fail) => {
      if (pattern.test(seen.text)) return done();
      const timer = setTimeout(() => fail(new Error(`no "${what}" within ${WAIT_MS} ms:\n${seen.text}`)), WAIT_MS);
      seen.waiters.push({ pattern, done: () => (clearTimeout(timer), done()) });
    });
  child.output = () => seen.text;
  started.push(child);
  return child;
}

/** The desk's environment: its own data folder, home, the private bus and the app on PATH. */
function deskEnv(dataDir) {
  return {
    ...process.env,
    HOME: join(tmp, "home"),
    PATH: `${dirname(APP)}:${process.env.PATH}`,
    DBUS_SESSION_BUS_ADDRESS: busAddress,
    FRONTDESK_DATA_DIR: dataDir,
    FRONTDESK_DEMO: "1",
    FRONTDESK_SECRET_STORE: "file",
  };
}

/** The `sh -c "…"` command of a desktop entry's Exec line. */
function autostartCommand(entry) {
  const exec = readFileSync(entry, "utf8").match(/^Exec=sh -c "(.*)"$/m);
  assert.ok(exec, `${entry} starts a shell command`);
  return exec[1];
}

function exited(child) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
    child.on("exit", (code) => done(code));
  });
}

before(async () => {
  bus = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], { stdio: ["ignore", "pipe", "ignore"] });
  busAddress = await new Promise((done, fail) => {
    bus.stdout.setEncoding("utf8").once("data", (line) => done(line.trim()));
    bus.once("error", fail);
  });
});

after(() => {
  for (const child of started) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  bus?.kill();
  rmSync(tmp, { recursive: true, force: true });
});

test("the provisioning script writes valid autostart entries, and a second run changes nothing", () => {
  const first = execFileSync("bash", [PROVISION, "--root", kioskRoot], { encoding: "utf8" });
  assert.match(first, /written: +\/home\/frontdesk\/\.config\/autostart\/frontdesk\.desktop/);
  assert.match(first, /written: +\/etc\/lightdm\/lightdm\.conf\.d\/50-frontdesk-kiosk\.conf/);
  const lightdm = readFileSync(join(kioskRoot, "etc/lightdm/lightdm.conf.d/50-frontdesk-kiosk.conf"), "utf8");
  assert.match(lightdm, /^autologin-user=frontdesk$/m);
  execFileSync("desktop-file-validate", [join(autostart, "frontdesk.desktop"), join(autostart, "frontdesk-no-blanking.desktop")]);
  const again = execFileSync("bash", [PROVISION, "--root", kioskRoot], { encoding: "utf8" });
  assert.doesNotMatch(again, /written:/);
  assert.throws(() => execFileSync("bash", [PROVISION, "--root", kioskRoot, "--user", "Bad User"], { stdio: "pipe" }), /--user/);
});

test("the autostart command opens the desk in full screen; a second start hands over; another file runs beside it; a crash restarts it", async () => {
  const command = autostartCommand(join(autostart, "frontdesk.desktop"));
  const kiosk = watch(spawn("sh", ["-c", command], { env: deskEnv(join(tmp, "kiosk")), detached: true }));
  await kiosk.waitFor(/desk open.*fullscreen=true/, "desk open in full screen");

  const second = watch(spawn(APP, [], { env: deskEnv(join(tmp, "kiosk")), detached: true }));
  assert.equal(await exited(second), 0, `the second start exits cleanly:\n${second.output()}`);
  await kiosk.waitFor(/started again on this desk's file: focusing the running window/, "focused by the second start");
  assert.doesNotMatch(second.output(), /desk open/, "the second start never opened the file");

  const other = watch(spawn(APP, [], { env: deskEnv(join(tmp, "other")), detached: true }));
  await other.waitFor(/desk open/, "a desk on another file open");
  assert.equal(other.exitCode, null, "the desk on another file keeps running");

  const app = execFileSync("pgrep", ["-P", String(kiosk.pid)], { encoding: "utf8" }).trim().split("\n")[0];
  assert.ok(app, "the autostart command runs the app");
  process.kill(Number(app), "SIGKILL");
  await kiosk.waitFor(/desk open[^]*desk open.*fullscreen=true/, "the desk open again after the crash");
  assert.equal(kiosk.exitCode, null, "the autostart command is still looking after the desk");
});
