// End-to-end tests of the real app window online: the desk talks to a real frontdesk-server
// on 127.0.0.1 (started by scripts/e2e.sh), and a second desk acts through the HTTP API.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  clickNav,
  startBookingAndHold,
  pickRoomDurationDate,
  screenshot,
  showBoardOf,
  slot,
  startApp,
  studioDate,
  until,
} from "./app.mjs";

const SERVER = process.env.FRONTDESK_E2E_SERVER;
const OTHER_DESK = "e2e-token-bar";
const TOMORROW = studioDate(1);

async function api(method, path, body) {
  const response = await fetch(`${SERVER}${path}`, {
    method,
    headers: { authorization: `Bearer ${OTHER_DESK}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

describe("Frontdesk window, online", { skip: !SERVER && "FRONTDESK_E2E_SERVER not set (run scripts/e2e.sh)" }, () => {
  let browser;
  before(async () => {
    browser = await startApp(Number(process.env.TAURI_DRIVER_ONLINE_PORT ?? 4446));
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("shows another desk's hold as Reserved, and frees it when released", async () => {
    const session = "0b0b0b0b-0000-4000-8000-000000000002";
    const day = await api("GET", `/v1/availability/day?room=podcast&date=${TOMORROW}&duration=30`);
    const noon = day.slots.find((s) => s.start.includes("T12:00"));
    assert.ok(noon, "12:00 is offered");
    const hold = () => api("PUT", `/v1/holds/${session}`, { holds: [{ room: "podcast", start: noon.start, end: noon.end }] });
    const release = () => api("DELETE", `/v1/holds/${session}`);

    await clickNav(browser, "book");
    await pickRoomDurationDate(browser, "Podcast Booth", "30 min", TOMORROW);
    const at12 = () => slot(browser, "12:00");
    await (await at12()).waitForEnabled();
    await hold();
    await until(browser, async () => (await (await at12()).getAttribute("data-status")) === "reserved", "12:00 never showed as reserved");
    assert.equal(await (await at12()).isEnabled(), false, "a reserved start cannot be picked");
    assert.match(await (await at12()).getText(), /reserved/);
    await screenshot(browser, "online-start-times-reserved");
    await release();
    await until(browser, async () => (await (await at12()).getAttribute("data-status")) === "available", "12:00 stayed reserved after the release");

    // The day board marks it too, and clears it on release.
    await hold();
    await showBoardOf(browser, TOMORROW);
    const reserved = await browser.$('//*[@data-room="podcast"]//*[@data-testid="board-hold"]');
    await reserved.waitForDisplayed();
    assert.equal(await reserved.getProperty("textContent"), "Reserved");
    await screenshot(browser, "online-day-board-reserved");
    await release();
    await until(browser, async () => !(await reserved.isExisting()), "the board kept Reserved after the release");
  });

  it("books a walk-in that the server confirms, and the other desk sees it", async () => {
    await startBookingAndHold(browser, "Studio A", "1 h", TOMORROW, "11:00");
    // The server has the hold (others see the start as reserved) while staff type.
    const seen = await api("GET", `/v1/availability/day?room=studio-a&date=${TOMORROW}&duration=60`);
    assert.equal(seen.slots.find((s) => s.start.includes("T11:00")).status, "reserved");
    await (await browser.$('input[name="name"]')).setValue("Online Otto");
    await (await browser.$('[data-testid="confirm"]')).click();
    const done = await browser.$('[data-testid="done-status"]');
    await done.waitForDisplayed();
    assert.equal(await done.getAttribute("data-status"), "confirmed");
    assert.equal(await done.getText(), "Booked and confirmed by the server.");
    await screenshot(browser, "online-booked");
    const found = await api("GET", `/v1/bookings?room=studio-a&from=${TOMORROW}T00:00:00Z&to=${studioDate(2)}T00:00:00Z`);
    assert.ok(found.bookings.some((b) => b.customer.name === "Online Otto" && b.status === "confirmed"));
  });
});
