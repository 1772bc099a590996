// End-to-end test of the studio's numbers in the real window (scripts/e2e.sh): a demo desk
// of its own, given prices, takes a few bookings and payments (one a refund); then the
// Reports view shows its charts and figures, a CSV export lands in the export folder and
// reads back, and the day sheet and the cash-up print. The system's print dialog is the one
// thing replaced: `window.print` is stubbed in the page to count its calls.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { clickNav, invoke, screenshot, showBoardOf, startApp, studioDate, until } from "./app.mjs";

const TODAY = studioDate(0);
const TOMORROW = studioDate(1);
const PORT = Number(process.env.TAURI_DRIVER_REPORTS_PORT ?? 4454);
const PRICE_PER_HOUR = 4000; // €40.00

const ids = {
  a: "0d0d0d0d-0000-4000-8000-000000000001",
  b: "0d0d0d0d-0000-4000-8000-000000000002",
  c: "0d0d0d0d-0000-4000-8000-000000000003",
  cancelled: "0d0d0d0d-0000-4000-8000-000000000004",
};

/** Gives every room of the demo studio an hourly price (the demo has none). */
async function setPrices(browser) {
  const info = await invoke(browser, "studio");
  const update = {
    version: info.version,
    name: info.name,
    timezone: info.timezone,
    holdTtlSeconds: info.holdTtlSeconds,
    rooms: info.rooms.map((r) => ({ ...r, pricePerHour: PRICE_PER_HOUR })),
    hours: info.hours,
    currency: "EUR",
    noShowGraceMinutes: info.noShowGraceMinutes ?? 15,
  };
  await invoke(browser, "change_studio", { update });
}

async function book(browser, id, room, time, minutes, name) {
  const day = await invoke(browser, "day_slots", { room, date: TOMORROW, duration: minutes, session: null });
  const slot = day.slots.find((s) => s.start.includes(`T${time}:00`));
  assert.ok(slot, `no ${time} start in ${room} tomorrow`);
  return invoke(browser, "create_booking", {
    request: { id, room, start: slot.start, end: slot.end, customer: { name } },
  });
}

async function pay(browser, id, status, amount, method) {
  return invoke(browser, "change_booking", { id, change: { kind: "payment", payment: { status, amount, method } } });
}

/** Replaces the system's print dialog with a counter (the only stub of this test). */
async function stubPrint(browser) {
  await browser.execute(() => {
    window.__printed = [];
    window.print = () => {
      const sheet = document.querySelector(".print-sheet");
      window.__printed.push(sheet ? sheet.getAttribute("data-testid") : null);
    };
  });
}

/** €12.50 as the English UI writes it. */
const euros = (minor) => `€${(minor / 100).toFixed(2)}`;

describe("the studio's numbers", { timeout: 240_000 }, () => {
  let browser;
  let podcastDue = 0;

  let startedAt = 0;

  before(async () => {
    browser = await startApp(PORT);
    startedAt = Date.now();
    await setPrices(browser);
    await book(browser, ids.a, "studio-a", "10:00", 120, "Anna Reports");
    await book(browser, ids.b, "studio-b", "12:00", 60, "Bruno Zahlt");
    await book(browser, ids.c, "rehearsal-1", "14:00", 60, "Carla Offen");
    await book(browser, ids.cancelled, "studio-b", "16:00", 60, "Dora Storno");
    await invoke(browser, "cancel_booking", { id: ids.cancelled, reason: "called off" });
    // Anna pays €80.00 cash, then gets €20.00 back; Bruno pays a €10.00 deposit by card.
    await pay(browser, ids.a, "paid", 8000, "cash");
    await pay(browser, ids.a, "deposit", 6000, "cash");
    await pay(browser, ids.b, "deposit", 1000, "card");
    // The podcast booth's busy afternoon, unpaid: the charts have something to show.
    for (const [n, time] of ["13:00", "14:30", "16:00", "17:30", "19:00"].entries()) {
      const booking = await book(browser, `0d0d0d0d-0000-4000-8000-00000000010${n}`, "podcast", time, 90, `Podcast ${n + 1}`);
      podcastDue += booking.price;
    }
  });

  after(async () => {
    await browser?.deleteSession();
  });

  it("shows the reports with their charts, the week's figures equal to the bookings", async () => {
    // How long the view takes from the click to its charts painted, measured in the page: the
    // charts and the revenue on screen (not merely in the page: the view is kept mounted out
    // of sight between visits), then two animation frames.
    const timeOpen = () =>
      browser.executeAsync((done) => {
        const started = performance.now();
        const seen = (selector) => {
          const el = document.querySelector(selector);
          if (!el) return false;
          const box = el.getBoundingClientRect();
          const visible = el.checkVisibility
            ? el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
            : getComputedStyle(el).visibility === "visible";
          return visible && box.width > 0 && box.height > 0;
        };
        document.querySelector('[data-view="reports"]').click();
        const check = () => {
          if (seen('[data-testid="report-chart-utilisation"]') && seen('[data-testid="report-chart-heatmap"]') && seen('[data-testid="report-revenue"]')) {
            requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - started)));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      });
    // Opened as staff would, some seconds after the desk started (Chart.js loads and the view
    // renders out of sight 3 s after start, see ui/src/App.tsx): 8 s at least.
    const up = Date.now() - startedAt;
    if (up < 8000) await browser.pause(8000 - up);
    // Until then nothing of the view is on screen, whether it is mounted yet or not (WebDriver's
    // "displayed": neither clickable nor typed into).
    for (const id of ["report-revenue", "report-chart-utilisation", "report-period-week", "export-bookings"]) {
      assert.equal(await (await browser.$(`[data-testid="${id}"]`)).isDisplayed(), false, `${id} shows before Reports is opened`);
    }
    const rendered = await timeOpen();
    console.log(`# report view rendered in ${rendered.toFixed(0)} ms (click to charts painted)`);
    await clickNav(browser, "board");
    const again = await timeOpen();
    console.log(`# report view shown again in ${again.toFixed(0)} ms (click to charts painted)`);
    // The week of tomorrow (Monday to Sunday), picked by its date.
    await (await browser.$('[data-testid="report-period-week"]')).click();
    const dateField = await browser.$('input[name="report-date"]');
    await dateField.setValue(TOMORROW);
    await browser.keys("Enter");
    const period = await browser.$('[data-testid="report-period"]');
    await until(
      browser,
      async () => (await period.getAttribute("data-from")) <= TOMORROW && TOMORROW <= (await period.getAttribute("data-to")),
      "the week shown does not hold tomorrow",
    );
    const chart = await browser.$('[data-testid="report-chart-utilisation"]');
    await chart.waitForDisplayed();
    assert.equal(await chart.getTagName(), "canvas");
    const size = await chart.getSize();
    assert.ok(size.width > 100 && size.height > 50, `the chart has no size: ${JSON.stringify(size)}`);
    const heat = await browser.$('[data-testid="report-chart-heatmap"]');
    await heat.waitForDisplayed();
    // The chart drew something: its canvas is not blank.
    const inked = await browser.execute(() => {
      const c = document.querySelector('[data-testid="report-chart-utilisation"]');
      const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    assert.ok(inked > 100, `the utilisation chart is blank (${inked} painted pixels)`);

    // The figures as the desk computes them equal what was booked and paid.
    const query = { from: await period.getAttribute("data-from"), to: await period.getAttribute("data-to") };
    const money = await invoke(browser, "report_money", { query });
    const byRoom = Object.fromEntries(money.byRoom.map((r) => [r.room, r]));
    assert.deepEqual([byRoom["studio-a"].billed, byRoom["studio-a"].paid], [8000, 6000]);
    assert.deepEqual([byRoom["studio-b"].bookings, byRoom["studio-b"].billed, byRoom["studio-b"].paid], [1, 4000, 1000]);
    assert.deepEqual([byRoom["rehearsal-1"].billed, byRoom["rehearsal-1"].paid], [4000, 0]);
    assert.deepEqual(money.unpaid, { bookings: 8, amount: 2000 + 3000 + 4000 + podcastDue });
    const customers = await invoke(browser, "report_customers", { query });
    assert.equal(customers.bookings, 9);
    assert.equal(customers.cancelled, 1);
    const revenue = await browser.$('[data-testid="report-revenue"]');
    await until(browser, async () => (await revenue.getText()).includes(euros(16000 + podcastDue)), "the revenue does not show what was billed");
    const rates = await browser.$('[data-testid="report-rates"]');
    await until(browser, async () => (await rates.getText()).includes("11"), "the rates do not show 1 of 9 cancelled (11 %)");
    await screenshot(browser, "reports");
  });

  it("exports the bookings as CSV where it says", async () => {
    await (await browser.$('[data-testid="export-bookings"]')).click();
    const result = await browser.$('[data-testid="export-result"]');
    await result.waitForDisplayed();
    const path = await result.getAttribute("data-path");
    assert.ok(path.startsWith(process.env.FRONTDESK_E2E_EXPORT_DIR ?? ""), `written to ${path}`);
    const bytes = readFileSync(path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "the file starts with a UTF-8 BOM");
    const text = bytes.subarray(3).toString("utf8");
    for (const name of ["Anna Reports", "Bruno Zahlt", "Carla Offen", "Dora Storno"]) assert.ok(text.includes(name), `${name} missing from ${path}`);
    assert.match(path, /klangraum-studios/i);
  });

  it("prints the day sheet of tomorrow with what is unpaid", async () => {
    await showBoardOf(browser, TOMORROW);
    await (await browser.$('[data-testid="day-sheet-open"]')).click();
    const sheet = await browser.$('[data-testid="day-sheet"]');
    await sheet.waitForDisplayed();
    const text = await sheet.getText();
    for (const name of ["Anna Reports", "Bruno Zahlt", "Carla Offen", "Podcast 5"]) assert.ok(text.includes(name), `${name} is not on the sheet`);
    assert.ok(!text.includes("Dora Storno"), "a cancelled booking is on the sheet");
    const total = await (await browser.$('[data-testid="day-sheet-total"]')).getText();
    assert.ok(total.includes(euros(9000 + podcastDue)), `the sheet's total due is not ${euros(9000 + podcastDue)}: ${total}`);
    await stubPrint(browser);
    await (await browser.$('[data-testid="day-sheet-print"]')).click();
    assert.deepEqual(await browser.execute(() => window.__printed), ["day-sheet"]);
    await screenshot(browser, "day-sheet");
  });

  it("prints today's cash-up: received, refunded, by method and staff", async () => {
    await clickNav(browser, "reports");
    await (await browser.$('[data-testid="cash-up-open"]')).click();
    const sheet = await browser.$('[data-testid="cash-up"]');
    await sheet.waitForDisplayed();
    const cashUp = await invoke(browser, "cash_up", { date: TODAY });
    assert.deepEqual(cashUp.total, { received: 9000, refunded: 2000 });
    const text = await sheet.getText();
    assert.ok(text.includes("€90.00") && text.includes("€20.00"), `the cash-up does not show €90.00 received and €20.00 refunded: ${text}`);
    await stubPrint(browser);
    await (await browser.$('[data-testid="cash-up-print"]')).click();
    assert.deepEqual(await browser.execute(() => window.__printed), ["cash-up"]);
    await screenshot(browser, "cash-up");
  });
});
