// End-to-end tests of the real app window: run by scripts/e2e.sh (xvfb + tauri-driver).
// They book the studio's tomorrow between 10:00 and 22:00, open on every day of the demo
// studio's week.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  clickNav,
  startBookingAndHold,
  showBoardOf,
  invoke,
  screenshot,
  slot,
  startApp,
  studioDate,
  until,
} from "./app.mjs";

const TOMORROW = studioDate(1);

describe("Frontdesk window", () => {
  let browser;
  before(async () => {
    browser = await startApp();
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("books a walk-in through the three steps", async () => {
    await startBookingAndHold(browser, "Studio B", "2 h", TOMORROW, "10:00");
    await (await browser.$('input[name="name"]')).setValue("Walk-in Wanda");
    await (await browser.$('input[name="phone"]')).setValue("+49 30 1234567");
    await screenshot(browser, "booking-flow-customer");
    await (await browser.$('[data-testid="confirm"]')).click();
    const done = await browser.$('[data-testid="done-status"]');
    await done.waitForDisplayed();
    assert.equal(await done.getAttribute("data-status"), "confirmed");
    assert.equal(await done.getText(), "Booked.");
    await screenshot(browser, "walk-in-booked");

    // The day board shows it, with the customer's name.
    await showBoardOf(browser, TOMORROW);
    const block = await browser.$('//*[@data-room="studio-b"]//*[@data-testid="board-booking"][contains(., "Walk-in Wanda")]');
    await block.waitForDisplayed();
    assert.match(await block.getText(), /10:00–12:00/);
    await screenshot(browser, "day-board");
  });

  it("releases the hold on Back", async () => {
    await startBookingAndHold(browser, "Rehearsal 1", "1 h", TOMORROW, "15:00");
    const statusAt15 = async () => {
      const day = await invoke(browser, "day_slots", { room: "rehearsal-1", date: TOMORROW, duration: 60, session: null });
      return day.slots.find((s) => s.start.includes("T15:00")).status;
    };
    assert.equal(await statusAt15(), "reserved", "others see the held start as reserved");
    await (await browser.$("button=Back")).click();
    await until(browser, async () => (await statusAt15()) === "available", "Back did not release the hold");
    assert.equal(await (await slot(browser, "15:00")).getAttribute("data-status"), "available");
    await screenshot(browser, "back-released");
  });

  it("frees a cancelled booking's cell", async () => {
    const day = await invoke(browser, "day_slots", { room: "studio-a", date: TOMORROW, duration: 60, session: null });
    const at18 = day.slots.find((s) => s.start.includes("T18:00"));
    await invoke(browser, "create_booking", {
      request: {
        id: "0c0c0c0c-0000-4000-8000-000000000004",
        room: "studio-a",
        start: at18.start,
        end: at18.end,
        customer: { name: "Cancel Carla" },
      },
    });
    await showBoardOf(browser, TOMORROW);
    const block = await browser.$('//*[@data-room="studio-a"]//*[@data-testid="board-booking"][contains(., "Cancel Carla")]');
    await block.waitForDisplayed();
    await block.click();
    await (await browser.$("button=Cancel booking")).click();
    await (await browser.$(".cancel-form input")).setValue("customer called off");
    await (await browser.$("button=Cancel this booking")).click();
    const status = await browser.$('[data-testid="booking-status"]');
    await until(browser, async () => (await status.getText()).startsWith("Cancelled"), "the booking was not cancelled");
    await (await browser.$("button=Close")).click();
    await until(browser, async () => !(await block.isExisting()), "the cancelled booking still covers its cell");
    const cell = await browser.$('button[aria-label="Book Studio A at 18:00"]');
    await cell.click();
    // The freed cell starts a booking at 18:00 again.
    await (await browser.$("button=Hold 18:00")).waitForDisplayed();
    await screenshot(browser, "cancelled-cell-free");
  });

  it("switches the labels to German", async () => {
    await clickNav(browser, "settings");
    await (await browser.$('button[data-language="de"]')).click();
    await until(browser, async () => (await (await browser.$('[data-view="board"]')).getText()) === "Tagesplan", "labels stayed English");
    assert.equal(await (await browser.$('[data-view="book"]')).getText(), "Neue Buchung");
    assert.equal(await (await browser.$("h2")).getText(), "Einstellungen");
    await clickNav(browser, "board");
    await screenshot(browser, "german");
    await clickNav(browser, "settings");
    await (await browser.$('button[data-language="en"]')).click();
  });
});
