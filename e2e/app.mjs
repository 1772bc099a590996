// Drives the real Frontdesk window through tauri-driver (WebDriver) for the end-to-end tests.
// scripts/e2e.sh starts Xvfb and tauri-driver and points FRONTDESK_DATA_DIR at a temp dir.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { remote } from "webdriverio";

const ROOT = resolve(import.meta.dirname, "..");
export const APP = process.env.FRONTDESK_APP ?? resolve(ROOT, "target/debug/frontdesk");
export const SHOTS = resolve(ROOT, "target/e2e");
export const TZ = "Europe/Berlin";

/** Starts the app and waits until the studio is shown. */
export async function startApp(port = Number(process.env.TAURI_DRIVER_PORT ?? 4444)) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    waitforTimeout: 10_000,
    capabilities: { "tauri:options": { application: APP } },
  });
  await (await browser.$(".studio-name")).waitForDisplayed();
  return browser;
}

/** Saves a PNG of the window's current screen under target/e2e/. */
export async function screenshot(browser, name) {
  mkdirSync(SHOTS, { recursive: true });
  // Two animation frames: the window has painted what the test just waited for.
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.saveScreenshot(resolve(SHOTS, `${name}.png`));
}

/** Calls a backend command the way a second session or desk would (same IPC as the UI). */
export async function invoke(browser, command, args) {
  const answer = await browser.executeAsync(
    (command, args, done) => {
      window.__TAURI_INTERNALS__
        .invoke(command, args)
        .then((value) => done({ ok: value }), (error) => done({ error }));
    },
    command,
    args,
  );
  if ("error" in answer) throw new Error(`${command}: ${JSON.stringify(answer.error)}`);
  return answer.ok;
}

/** The studio's date `days` from today (YYYY-MM-DD), counted in calendar days (a DST day
 * has 23 or 25 hours). */
export function studioDate(days) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: TZ,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date());
  const part = (type) => Number(parts.find((p) => p.type === type).value);
  return new Date(Date.UTC(part("year"), part("month") - 1, part("day") + days)).toISOString().slice(0, 10);
}

export async function clickNav(browser, view) {
  await (await browser.$(`[data-view="${view}"]`)).click();
}

/** Opens the day board on `date` (today or later): Today, then Next day as often as needed. */
export async function showBoardOf(browser, date) {
  await clickNav(browser, "board");
  const today = await browser.$("button=Today");
  if (await today.isEnabled()) await today.click();
  for (let d = 0; studioDate(d) !== date; d++) {
    await (await browser.$('button[aria-label="Next day"]')).click();
  }
}

/** In the booking flow: picks a room and a duration by their labels and a date. */
export async function pickRoomDurationDate(browser, room, duration, date) {
  await (await browser.$(`//fieldset[contains(@class,"choice")]//button[normalize-space()="${room}"]`)).click();
  await (await browser.$(`//fieldset[contains(@class,"choice")]//button[normalize-space()="${duration}"]`)).click();
  let day = await browser.$(`button.month-day[data-date="${date}"]`);
  if (!(await day.isExisting())) {
    await (await browser.$(`button[aria-label="Next month"]`)).click();
    day = await browser.$(`button.month-day[data-date="${date}"]`);
  }
  await day.waitForEnabled();
  await day.click();
}

export function slot(browser, time) {
  return browser.$(`button.slot[data-time="${time}"]`);
}

/** Waits until `check` is true (the UI updates through backend events). */
export async function until(browser, check, message, timeout = 8_000) {
  await browser.waitUntil(check, { timeout, interval: 100, timeoutMsg: message });
}

/** Step 1 of the booking flow up to a live hold on the start `time`. */
export async function startBookingAndHold(browser, room, duration, date, time) {
  await clickNav(browser, "book");
  await pickRoomDurationDate(browser, room, duration, date);
  await (await slot(browser, time)).click();
  const state = await browser.$('[data-testid="hold-state"]');
  await until(browser, async () => (await state.getText()).includes("Hold is live"), "the hold never went live");
}
