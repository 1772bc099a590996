// End to end, a new desk's first run in the real window: a blank data folder opens on the
// welcome screen; staff set up the studio (two rooms with prices, a closed day, the first
// admin with a PIN); the first booking shows its price and asks for the PIN before it is
// confirmed; the closed day offers no start; the activity screen names who booked; a late
// cancellation shows its fee first, and the admin waives it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { remote } from "webdriverio";
import { APP, clickNav, invoke, pickRoomDurationDate, screenshot, showBoardOf, slot, studioDate, until } from "./app.mjs";

const PORT = Number(process.env.TAURI_DRIVER_FRESH_PORT ?? 0);
const TOMORROW = studioDate(1);
const CLOSED = studioDate(2);

describe("Frontdesk window, first run", { skip: !PORT && "TAURI_DRIVER_FRESH_PORT not set (run scripts/e2e.sh)" }, () => {
  let browser;
  before(async () => {
    browser = await remote({
      hostname: "127.0.0.1",
      port: PORT,
      logLevel: "error",
      waitforTimeout: 10_000,
      capabilities: { "tauri:options": { application: APP } },
    });
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("welcomes a new desk and sets up its own studio", async () => {
    const setup = await browser.$('[data-choice="setup"]');
    await setup.waitForDisplayed();
    assert.ok(await (await browser.$('[data-choice="connect"]')).isDisplayed());
    assert.ok(await (await browser.$('[data-choice="demo"]')).isDisplayed());
    assert.equal(await (await browser.$$("nav button")).length, 0, "no views before the studio is set up");
    await screenshot(browser, "welcome");
    await setup.click();

    await (await browser.$('input[name="studio-name"]')).setValue("E2E Tonstudio");
    await (await browser.$('select[name="timezone"]')).selectByAttribute("value", "Europe/Berlin");
    await (await browser.$('input[name="room-0-name"]')).setValue("Live room");
    await (await browser.$('input[name="room-0-price"]')).setValue("40.50");
    await (await browser.$("button*=Add a room")).click();
    await (await browser.$('input[name="room-1-name"]')).setValue("Booth");
    await (await browser.$('input[name="room-1-price"]')).setValue("25");
    const closed = await browser.$('input[name="closed-date"]');
    await closed.clearValue();
    await closed.setValue(CLOSED);
    await (await browser.$("button*=Add date")).click();
    await (await browser.$(`li.date-chip[data-date="${CLOSED}"]`)).waitForDisplayed();
    // Open around the clock, so that a session is running whenever the test runs.
    await (await browser.$('select[name="from"]')).selectByVisibleText("00:00");
    await (await browser.$('input[name="admin-name"]')).setValue("Mia Admin");
    await (await browser.$('input[name="admin-pin"]')).setValue("471100");
    await screenshot(browser, "welcome-setup");
    await (await browser.$('button[type="submit"]')).click();

    // The header shows the new studio (asked for again each time: the header is rendered anew).
    const shown = async () => {
      const name = await browser.$(".studio-name");
      return (await name.isExisting()) ? name.getAttribute("title") : "";
    };
    await until(browser, async () => (await shown()) === "E2E Tonstudio", "the header never showed the new studio");
  });

  it("shows the first booking's price before confirming, and no start on the closed day", async () => {
    await (await browser.$('[data-view="book"]')).click();
    await pickRoomDurationDate(browser, "Live room", "1 h", TOMORROW);
    await (await slot(browser, "11:00")).click();
    const price = await browser.$('[data-testid="flow-price"]');
    await price.waitForDisplayed();
    assert.equal(await price.getText(), "Price: €40.50");
    await (await browser.$('input[name="name"]')).setValue("First customer");
    await (await browser.$('[data-testid="confirm"]')).click();
    // Nobody is signed in: the desk asks for the PIN (a wrong one first), then books.
    const dialog = await browser.$(".dialog.sign-in");
    await dialog.waitForDisplayed();
    const pin = await browser.$('input[name="pin"]');
    await pin.setValue("111111");
    await (await dialog.$('button[type="submit"]')).click();
    const wrong = await dialog.$(".error-note");
    await wrong.waitForDisplayed();
    assert.equal(await wrong.getText(), "That PIN is not right. Try again.");
    await pin.setValue("471100");
    await screenshot(browser, "sign-in");
    await (await dialog.$('button[type="submit"]')).click();
    await dialog.waitForExist({ reverse: true });
    const badge = await browser.$('[data-testid="signed-in"]');
    await badge.waitForDisplayed();
    assert.equal(await badge.getAttribute("data-staff"), "Mia Admin");
    await (await browser.$('[data-testid="confirm"]')).click();
    const done = await browser.$('[data-testid="done-status"]');
    await done.waitForDisplayed();
    assert.equal(await done.getText(), "Booked.");
    await screenshot(browser, "first-booking");

    // The closed day offers no start in the month view.
    await (await browser.$('[data-view="book"]')).click();
    await (await browser.$('//fieldset[contains(@class,"choice")]//button[normalize-space()="Booth"]')).click();
    await (await browser.$('//fieldset[contains(@class,"choice")]//button[normalize-space()="1 h"]')).click();
    let day = await browser.$(`button.month-day[data-date="${CLOSED}"]`);
    if (!(await day.isExisting())) {
      await (await browser.$('button[aria-label="Next month"]')).click();
      day = await browser.$(`button.month-day[data-date="${CLOSED}"]`);
    }
    await until(browser, async () => !(await day.isEnabled()), "the closed day still offers a start");
    await screenshot(browser, "closed-day");
  });

  it("takes the first booking's payment", async () => {
    await showBoardOf(browser, TOMORROW);
    const block = await browser.$('//*[@data-testid="board-booking"][contains(., "First customer")]');
    await block.waitForDisplayed();
    await block.click();
    try {
      // Paid in full by card: the amount offered is the price it was made at.
      assert.equal(await (await browser.$('input[name="payment-amount"]')).getValue(), "40.50");
      await (await browser.$('select[name="payment-method"]')).selectByAttribute("value", "card");
      await (await browser.$('[data-testid="record-payment"]')).click();
      const payment = await browser.$('[data-testid="booking-payment"]');
      await until(browser, async () => (await payment.getText()) === "paid · €40.50 · card", "the payment was not recorded");
      await screenshot(browser, "payment");
    } finally {
      await (await browser.$("button=Close")).click();
    }
  });

  it("extends a running session, checks its customer in, and marks a no-show", async () => {
    // Two sessions that started half an hour ago (made through the backend's command).
    const quarter = 15 * 60_000;
    const start = new Date(Math.floor(Date.now() / quarter) * quarter - 2 * quarter);
    const end = new Date(start.getTime() + 4 * quarter);
    for (const [id, room, name] of [
      ["0d0d0d0d-0000-4000-8000-000000000001", "live-room", "Running band"],
      ["0d0d0d0d-0000-4000-8000-000000000002", "booth", "Absent podcaster"],
    ]) {
      await invoke(browser, "create_booking", {
        request: { id, room, start: start.toISOString(), end: end.toISOString(), customer: { name } },
      });
    }
    const open = async (name) => {
      await clickNav(browser, "bookings");
      const search = await browser.$('input[name="search-name"]');
      await search.setValue(name);
      await (await browser.$("button=Find")).click();
      await (await browser.$(`//button[contains(@class,"booking-row")][contains(., "${name}")]`)).click();
    };
    await open("Running band");
    try {
      const duration = await browser.$('//dt[normalize-space()="Duration"]/following-sibling::dd[1]');
      const minutes = (t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
      const length = async () => {
        const hours = (await duration.getText()).split("–");
        return (minutes(hours[1]) - minutes(hours[0]) + 1440) % 1440;
      };
      await (await browser.$('[data-testid="extend-60"]')).click();
      // The extension lands before the next click (on a loaded machine a click meanwhile
      // can hit the details while they are redrawn).
      await until(browser, async () => (await length()) === 120, "the session was not extended by an hour");
      const status = await browser.$('[data-testid="booking-status"]');
      await (await browser.$('[data-testid="check-in"]')).click();
      await until(browser, async () => /checked in at/.test(await status.getText()), "the customer was not checked in");
      await screenshot(browser, "running-session");
    } finally {
      await (await browser.$("button=Close")).click();
    }
    await open("Absent podcaster");
    try {
      await (await browser.$('[data-testid="no-show"]')).click();
      // The no-show waits for staff to confirm, beside the fee it would record.
      await (await browser.$('[data-testid="no-show-confirm"]')).click();
      const status = await browser.$('[data-testid="booking-status"]');
      await until(browser, async () => /no-show/.test(await status.getText()), "the no-show was not marked");
    } finally {
      await (await browser.$("button=Close")).click();
    }
  });

  it("shows on the activity screen who booked, and the studio and staff in the settings", async () => {
    await (await browser.$('[data-view="activity"]')).click();
    const who = await browser.$('tr[data-action="create"] td.activity-staff');
    await who.waitForDisplayed();
    assert.equal(await who.getText(), "Mia Admin");
    await screenshot(browser, "activity");

    await (await browser.$('[data-view="settings"]')).click();
    const staffRow = await browser.$('li.staff-row[data-staff="Mia Admin"]');
    await staffRow.waitForDisplayed();
    // The editor shows the studio as it was set up: open around the clock.
    const monday = await browser.$('input[name="hours-mon"]');
    assert.equal(await monday.getValue(), "00:00–24:00");
    await (await browser.$(".studio-settings h3")).scrollIntoView();
    await screenshot(browser, "settings");
  });

  it("shows a late cancellation's fee before it is confirmed, records it, and lets the admin waive it", async () => {
    // Mia (an admin) is still signed in: she gives the studio terms in the settings, as
    // they start: free until 24 h before the start, then 50 %, a no-show 100 %.
    await (await browser.$('[data-view="settings"]')).click();
    const charge = await browser.$('input[name="charge-fees"]');
    await charge.scrollIntoView();
    await charge.click();
    assert.equal(await (await browser.$('input[name="cancellationTerms.freeHoursBefore"]')).getValue(), "24");
    assert.equal(await (await browser.$('input[name="cancellationTerms.tiers[0].percent"]')).getValue(), "50");
    await screenshot(browser, "cancellation-terms");
    await (await browser.$('[data-testid="save-studio"]')).click();
    await (await browser.$("p.ok-note=Saved.")).waitForDisplayed();

    // A booking of the live room (40.50 an hour) that starts in two to three hours: late.
    const hour = 60 * 60_000;
    const start = new Date(Math.ceil(Date.now() / hour) * hour + 2 * hour);
    await invoke(browser, "create_booking", {
      request: {
        id: "0d0d0d0d-0000-4000-8000-000000000003",
        room: "live-room",
        start: start.toISOString(),
        end: new Date(start.getTime() + hour).toISOString(),
        customer: { name: "Late Lou" },
      },
    });
    await clickNav(browser, "bookings");
    await (await browser.$('input[name="search-name"]')).setValue("Late Lou");
    await (await browser.$("button=Find")).click();
    await (await browser.$('//button[contains(@class,"booking-row")][contains(., "Late Lou")]')).click();
    try {
      await (await browser.$("button=Cancel booking")).click();
      // The fee is the backend's preview, shown before staff confirm.
      const preview = await browser.$('[data-testid="fee-preview"]');
      await preview.waitForDisplayed();
      assert.match(await preview.getText(), /Late cancellation: 50% of €40\.50 = €20\.25/);
      await screenshot(browser, "late-cancel-fee");
      await (await browser.$(".cancel-form input")).setValue("called an hour ago");
      await (await browser.$("button=Cancel this booking")).click();
      const fee = await browser.$('[data-testid="booking-fee"]');
      await fee.waitForDisplayed();
      assert.equal(await fee.getText(), "Fee: Late cancellation: €20.25 (50% of the price)");

      // Mia waives it, with a reason.
      await (await browser.$('[data-testid="waive-fee"]')).click();
      await (await browser.$('input[name="waive-reason"]')).setValue("first late cancellation");
      await (await browser.$('[data-testid="waive-confirm"]')).click();
      await until(browser, async () => /waived by Mia Admin: first late cancellation/.test(await fee.getText()), "the fee was not waived");
      await screenshot(browser, "fee-waived");
    } finally {
      await (await browser.$("button=Close")).click();
    }
  });

  it("refuses Settings' server fields until an admin signs in", async () => {
    await (await browser.$('[data-view="settings"]')).click();
    // Nobody signed in (the studio has staff): the desk's server cannot be changed.
    const badge = await browser.$('[data-testid="signed-in"]');
    if (await badge.isExisting()) {
      await badge.click();
      await (await browser.$('[data-testid="sign-in"]')).waitForDisplayed();
    }
    const form = await browser.$("form.enrol-form");
    await form.scrollIntoView();
    await (await form.$('input[name="server"]')).setValue("http://127.0.0.1:9");
    await (await form.$('input[name="code"]')).setValue("K7QM-2XRP9F");
    await (await form.$("button[type=submit]")).click();
    // The backend refuses and asks for a PIN; nothing is saved.
    const dialog = await browser.$(".dialog.sign-in");
    await dialog.waitForDisplayed();
    const refused = await form.$(".error-note");
    await refused.waitForDisplayed();
    assert.equal(await refused.getText(), "Sign in with your PIN first.");
    await screenshot(browser, "settings-server-refused");
    await (await dialog.$("button=Cancel")).click();
    await dialog.waitForExist({ reverse: true });
    const settings = await invoke(browser, "get_settings", {});
    assert.equal(settings.serverUrl, "");
    assert.equal((await invoke(browser, "sync_status", {})).configured, false);
  });
});
