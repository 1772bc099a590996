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

/**
 * Where the header's buttons are (CSS px of the page), with `reserve` px taken by a stand-in
 * for an item still to come (who is signed in), put in front of the right-hand tools.
 */
async function headerLayout(browser, reserve = 0) {
  return browser.execute((reserve) => {
    const header = document.querySelector(".app-header");
    let box = null;
    if (reserve > 0) {
      box = document.createElement("div");
      box.style.cssText = `flex: none; width: ${reserve}px; height: 44px`;
      const tools = header.querySelector(".header-tools");
      tools.insertBefore(box, tools.firstChild);
    }
    const place = (b) => {
      const r = b.getBoundingClientRect();
      return { text: b.textContent || b.getAttribute("aria-label"), top: Math.round(r.top), middle: Math.round(r.top + r.height / 2), right: Math.round(r.right), height: Math.round(r.height) };
    };
    const layout = {
      reserve,
      window: [window.innerWidth, window.innerHeight],
      overflow: header.scrollWidth - header.clientWidth,
      nav: [...header.querySelectorAll("nav button")].map(place),
      all: [...header.querySelectorAll("button")].map(place),
    };
    box?.remove();
    return layout;
  }, reserve);
}

/** The header's navigation is one row: every nav button at the same top, every header
 * button on one line, nothing past the window's edge, touch targets 44 px high. */
function assertHeaderOneRow(layout, what) {
  const detail = `${what}: ${JSON.stringify(layout)}`;
  assert.equal(layout.nav.length, 9, `nine views in the nav (${detail})`);
  assert.equal(new Set(layout.nav.map((b) => b.top)).size, 1, `the nav wraps (${detail})`);
  const middles = layout.all.map((b) => b.middle);
  assert.ok(Math.max(...middles) - Math.min(...middles) <= 2, `the header's buttons are not on one row (${detail})`);
  assert.ok(layout.overflow <= 0, `the header overflows (${detail})`);
  assert.ok(layout.all.every((b) => b.right <= layout.window[0]), `a header button is past the window's edge (${detail})`);
  assert.ok(layout.all.every((b) => b.height >= 44), `a header button is under 44 px high (${detail})`);
}

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

  it("extends a booking by an hour from its details, and shows the change in its history", async () => {
    await showBoardOf(browser, TOMORROW);
    const block = await browser.$('//*[@data-room="studio-b"]//*[@data-testid="board-booking"][contains(., "Walk-in Wanda")]');
    await block.waitForDisplayed();
    await block.click();
    try {
      await (await browser.$('[data-testid="extend-60"]')).click();
      // The board behind the dialog follows: 10:00–13:00.
      await until(browser, async () => /10:00–13:00/.test(await block.getText()), "the booking was not extended");
      // Tomorrow's customer cannot check in yet.
      assert.equal(await (await browser.$('[data-testid="check-in"]')).isExisting(), false);
      const actions = async () => {
        const seen = [];
        for (const li of await browser.$$(".booking-history li")) seen.push(await li.getAttribute("data-action"));
        return seen.join(",");
      };
      await until(browser, async () => (await actions()) === "span,create", "the history does not show the changes");
      await screenshot(browser, "booking-changed");
    } finally {
      await (await browser.$("button=Close")).click();
    }
  });

  it("moves a booking to another room by dragging it, after a preview", async () => {
    await showBoardOf(browser, TOMORROW);
    const block = await browser.$('//*[@data-room="studio-b"]//*[@data-testid="board-booking"][contains(., "Walk-in Wanda")]');
    await block.waitForDisplayed();
    // Tomorrow's board keeps the scroll of today's, which opened on the current hour: in the
    // afternoon the 10:00 booking lies left of the view, and a pointer action starts at the
    // middle of its element, wherever that is.
    await block.scrollIntoView({ block: "center", inline: "center" });
    const row = await (await browser.$('.board-row[data-room="studio-b"]')).getSize("height");
    // Mouse down on the booking, up one row (Studio A), let go.
    await browser
      .action("pointer", { parameters: { pointerType: "mouse" } })
      .move({ origin: block, x: 0, y: 0 })
      .down({ button: 0 })
      .move({ origin: "pointer", x: 4, y: -Math.round(row / 2), duration: 100 })
      .move({ origin: "pointer", x: 0, y: -Math.round(row / 2), duration: 100 })
      .up({ button: 0 })
      .perform();
    const preview = await browser.$(".drop-preview");
    await preview.waitForDisplayed();
    assert.match(await preview.getText(), /Move Walk-in Wanda to Studio A, 10:00–13:00\?/);
    await screenshot(browser, "drag-preview");
    await (await browser.$('[data-testid="drag-commit"]')).click();
    const moved = await browser.$('//*[@data-room="studio-a"]//*[@data-testid="board-booking"][contains(., "Walk-in Wanda")]');
    await moved.waitForDisplayed();
    assert.equal(await block.isExisting(), false);
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

  it("keeps the header's navigation on one row, with room for who is signed in", async () => {
    await clickNav(browser, "board");
    assertHeaderOneRow(await headerLayout(browser), "English");
    assertHeaderOneRow(await headerLayout(browser, 160), "English, 160 px more");
    await screenshot(browser, "header-english");
  });

  it("switches the labels to German", async () => {
    await clickNav(browser, "settings");
    await (await browser.$('button[data-language="de"]')).click();
    // The language is kept by the window's storage, shared with the other desks under test:
    // back to English whatever happens here.
    try {
      await until(browser, async () => (await (await browser.$('[data-view="board"]')).getText()) === "Tagesplan", "labels stayed English");
      assert.equal(await (await browser.$('[data-view="book"]')).getText(), "Neue Buchung");
      assert.equal(await (await browser.$("h2")).getText(), "Einstellungen");
      await clickNav(browser, "board");
      // German labels are longer: still one row.
      assertHeaderOneRow(await headerLayout(browser), "German");
      assertHeaderOneRow(await headerLayout(browser, 160), "German, 160 px more");
      await screenshot(browser, "german");
    } finally {
      await clickNav(browser, "settings");
      await (await browser.$('button[data-language="en"]')).click();
    }
  });
});
