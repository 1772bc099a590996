// Regulars in the real window (standalone demo desk, run by scripts/e2e.sh): a returning
// band found by three digits of its phone number, a ten-week series booked with the two
// weeks that are taken skipped, the changeover after each session on the day board, and the
// band's page on the Customers screen.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { TZ, clickNav, invoke, screenshot, showBoardOf, startApp, startBookingAndHold, studioDate, until } from "./app.mjs";

/** Two weeks ahead (the next month at most: the month view is one click away). */
const FIRST = studioDate(14);

/** `date` plus `days` (YYYY-MM-DD). */
function plusDays(date, days) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The studio's wall-clock `time` on `date` as RFC 3339 with the studio's offset that day. */
function at(date, time) {
  const noon = new Date(`${date}T12:00:00Z`);
  const name = new Intl.DateTimeFormat("en-US", { timeZone: TZ, timeZoneName: "longOffset" })
    .formatToParts(noon)
    .find((p) => p.type === "timeZoneName").value;
  const offset = name === "GMT" ? "+00:00" : name.slice(3);
  return `${date}T${time}:00${offset}`;
}

async function book(browser, room, date, from, to, customer) {
  await invoke(browser, "create_booking", {
    request: { id: randomUUID(), room, start: at(date, from), end: at(date, to), customer, note: null, session: null },
  });
}

describe("Frontdesk window, regulars", () => {
  let browser;
  before(async () => {
    browser = await startApp();
    // The Feedback Loops played here before; weeks 3 and 7 of their new series are taken.
    await book(browser, "rehearsal-1", plusDays(FIRST, -7), "12:00", "14:00", {
      name: "The Feedback Loops",
      phone: "+49 151 555 0199",
    });
    for (const week of [2, 6]) {
      await book(browser, "rehearsal-1", plusDays(FIRST, 7 * week), "19:30", "20:30", { name: "Someone else" });
    }
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("finds a returning band by three digits of its number and books ten weeks, skipping the two taken", async () => {
    await startBookingAndHold(browser, "Rehearsal 1", "2 h", FIRST, "19:00");
    await (await browser.$('input[name="phone"]')).setValue("555");
    const option = await browser.$('//*[@data-testid="customer-option"][contains(., "The Feedback Loops")]');
    await option.waitForDisplayed();
    await screenshot(browser, "customer-lookup");
    await option.click();
    assert.equal(await (await browser.$('input[name="name"]')).getValue(), "The Feedback Loops");
    assert.equal(await (await browser.$('input[name="phone"]')).getValue(), "+49 151 555 0199");

    await (await browser.$('input[name="repeat"]')).click();
    const lines = () => browser.$$('[data-testid="occurrence"]');
    await until(browser, async () => (await lines()).length === 10, "the preview never listed ten weeks");
    const skips = [];
    for (const line of await lines()) skips.push(await line.getAttribute("data-skip"));
    assert.deepEqual(skips, ["free", "free", "booked", "free", "free", "free", "booked", "free", "free", "free"]);
    assert.match(await (await browser.$('[data-testid="series-summary"]')).getText(), /8 of 10 free; 2 will be skipped/);
    await browser.execute(() => document.querySelector('input[name="repeat"]').scrollIntoView({ block: "start" }));
    await screenshot(browser, "series-preview");

    const confirm = await browser.$('[data-testid="confirm"]');
    assert.equal(await confirm.getText(), "Book 8 occurrences");
    await confirm.click();
    const done = await browser.$('[data-testid="series-done-status"]');
    await done.waitForDisplayed();
    assert.equal(await done.getText(), "8 of 10 occurrences booked for The Feedback Loops.");
    assert.equal((await browser.$$('[data-testid="skipped-occurrence"]')).length, 2);
    assert.equal((await browser.$$('[data-testid="booked-occurrence"]')).length, 8);
    await screenshot(browser, "series-booked");
  });

  it("shows the changeover after each session on the day board", async () => {
    await showBoardOf(browser, FIRST);
    const row = '//*[@data-room="rehearsal-1"]';
    const block = await browser.$(`${row}//*[@data-testid="board-booking"][contains(., "The Feedback Loops")]`);
    await block.waitForDisplayed();
    assert.match(await block.getText(), /19:00–21:00/);
    const changeover = await browser.$(`${row}//*[@data-testid="board-changeover"]`);
    await changeover.waitForDisplayed();
    // The board scrolls sideways: bring the evening into view, then compare where the
    // session ends with where its changeover starts (and ends: 30 minutes later).
    const edges = await browser.execute(() => {
      const row = document.querySelector('[data-room="rehearsal-1"]');
      const changeover = row.querySelector('[data-testid="board-changeover"]');
      changeover.scrollIntoView({ block: "center", inline: "center" });
      const booking = [...row.querySelectorAll('[data-testid="board-booking"]')].find((b) =>
        b.textContent.includes("The Feedback Loops"),
      );
      const [b, c] = [booking.getBoundingClientRect(), changeover.getBoundingClientRect()];
      return { sessionEnd: b.right, sessionWidth: b.width, from: c.left, width: c.width };
    });
    assert.ok(Math.abs(edges.from - edges.sessionEnd) <= 2, `the changeover starts where the session ends: ${JSON.stringify(edges)}`);
    assert.ok(Math.abs(edges.width - edges.sessionWidth / 4) <= 2, `30 minutes after a 2-hour session: ${JSON.stringify(edges)}`);
    await screenshot(browser, "changeover-board");
  });

  it("opens the band's page with all its bookings", async () => {
    await clickNav(browser, "customers");
    await (await browser.$('input[name="customer-search"]')).setValue("555");
    const row = await browser.$('//*[@data-testid="customer-row"][contains(., "The Feedback Loops")]');
    await row.waitForDisplayed();
    await row.click();
    const count = await browser.$('[data-testid="stat-bookings"]');
    await count.waitForDisplayed();
    assert.equal(await count.getText(), "9");
    assert.equal((await browser.$$('[data-testid="customer-booking"]')).length, 9);
    await screenshot(browser, "customer-page");
  });
});
