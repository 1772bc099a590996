// The public booking page in a real browser: Debian's Chromium, headless, driven over
// WebDriver (chromedriver) with webdriverio, against the real frontdesk-server started here
// on a free loopback port, while a desk watches over plain HTTP (its token, its event
// stream). Not a `*.test.mjs`: scripts/e2e.sh runs e2e/ under tauri-driver, this runs on
// its own from scripts/test.sh: `node --test e2e/public-page.browser.mjs`.
// FRONTDESK_SERVER_BIN names another server binary than target/debug/frontdesk-server.
// PUBLIC_PAGE_MOCK=1 runs it against e2e/public-page-mock.mjs instead (page development only).
// PUBLIC_PAGE_SHOTS=DIR saves the screenshots there (docs/screenshots for the docs).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { remote } from "webdriverio";
import { createRequire } from "node:module";
import { deskStream, freePort, pricedStudio, startChromedriver, startServer, startSmtpSink, switchOnlineOn } from "./public-page-kit.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const SHOTS = resolve(ROOT, process.env.PUBLIC_PAGE_SHOTS ?? "target/e2e");
const DESK = { Authorization: "Bearer e2e-token-reception" };
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

describe("public booking page in Chromium", () => {
  /** @type {import("webdriverio").Browser} */
  let browser;
  let base, tmp, downloads, stopServer, stopDriver, desk, offer, manageLink, date, smtp, bookedId;

  /** A desk's JSON call over HTTP. */
  const deskCall = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method, headers: { ...DESK, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
  const shot = async (name) => {
    await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    // A fresh clone has no target/e2e yet (scripts/e2e.sh, which makes it, runs later).
    mkdirSync(SHOTS, { recursive: true });
    await browser.saveScreenshot(resolve(SHOTS, `${name}.png`));
  };
  /** The page's start buttons that are offered (not reserved), as `[start, element]`. */
  const availableStarts = async () => {
    await (await browser.$(".slots button")).waitForExist();
    const out = [];
    for (const b of await browser.$$('.slots button[data-status="available"]')) out.push(await b.getAttribute("data-start"));
    return out;
  };
  const openBooking = async (lang = "en") => {
    await browser.url(`${base}/book/main?lang=${lang}`);
    await (await browser.$("#date")).waitForExist();
    // The date field set as a person would pick it; the page listens to `change`.
    await browser.execute((d) => {
      const input = /** @type {HTMLInputElement} */ (document.getElementById("date"));
      input.value = d;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }, date);
    await browser.waitUntil(async () => (await browser.$$(".slots button")).length > 0, { timeout: 5000 });
  };
  const slotButton = (start) => browser.$(`.slots button[data-start="${start}"]`);
  /** The span of a start the page shows, as a desk's hold asks for it. */
  const spanOf = async (start) =>
    ({ room: offer.rooms[0].id, start, end: await (await slotButton(start)).getAttribute("data-end") });

  before(async () => {
    tmp = mkdtempSync(resolve(tmpdir(), "public-page-"));
    downloads = resolve(tmp, "downloads");
    smtp = await startSmtpSink(resolve(tmp, "mail"));
    ({ url: base, stop: stopServer } = await startServer(tmp, pricedStudio(ROOT, tmp), smtp.url));
    await switchOnlineOn(base);
    const port = await freePort();
    stopDriver = await startChromedriver(port);
    browser = await remote({
      hostname: "127.0.0.1", port, logLevel: "error", waitforTimeout: 5000,
      capabilities: {
        browserName: "chrome",
        "goog:chromeOptions": {
          binary: "/usr/bin/chromium",
          args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            `--user-data-dir=${resolve(tmp, "profile")}`, "--window-size=390,844"],
          prefs: { "download.default_directory": downloads, "download.prompt_for_download": false },
        },
      },
    });
    desk = deskStream(base, DESK);
    offer = await (await fetch(`${base}/public/v1/studios/main/offer`)).json();
    // Three days after the first bookable date: inside the free-cancellation terms.
    const d = new Date(`${offer.firstDate}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 3);
    date = d.toISOString().slice(0, 10) < offer.lastDate ? d.toISOString().slice(0, 10) : offer.lastDate;
  });

  after(async () => {
    desk?.close();
    await browser?.deleteSession().catch(() => {});
    stopDriver?.();
    await stopServer?.();
    await smtp?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  test("the page books, and the desk sees the hold and then the booking within 1 s each", async () => {
    await openBooking();
    const [start] = await availableStarts();
    assert.ok(start, "the page offers a start");
    const room = offer.rooms[0].id;
    const { end } = await spanOf(start);

    const button = await slotButton(start);
    const held = desk.next((e) => e.event === "holds" && JSON.parse(e.data).room === room);
    const clicked = performance.now();
    await button.click();
    await held;
    const { body: holds } = await deskCall("GET", `/v1/holds?date=${date}&room=${room}`);
    const holdSeen = performance.now() - clicked;
    assert.ok(holds.holds.some((h) => h.start === start && h.desk === "online"), `the desk sees the page's hold: ${JSON.stringify(holds)}`);
    assert.ok(holdSeen < 1000, `hold seen after ${holdSeen.toFixed(0)} ms`);
    console.log(`desk saw the page's hold after ${holdSeen.toFixed(0)} ms`);

    await (await browser.$("#name")).setValue("Ada Lovelace");
    await (await browser.$("#email")).setValue("ada@example.org");
    await (await browser.$("#phone")).setValue("+49 30 123456");
    const form = await (await browser.$("form")).getText();
    assert.match(form, /Free cancellation until 24 hours before the start/);
    assert.match(form, /Price: €40\.00/);
    await shot("public-phone-details");

    const bookButton = await browser.$("button=Book");
    const changed = desk.next((e) => e.event === "change");
    const booked = performance.now();
    await bookButton.click();
    const clickTook = performance.now() - booked;
    await changed;
    const eventTook = performance.now() - booked;
    const from = encodeURIComponent(start), to = encodeURIComponent(end);
    const { body: list } = await deskCall("GET", `/v1/bookings?room=${room}&from=${from}&to=${to}`);
    const bookingSeen = performance.now() - booked;
    await (await browser.$("h2=Booked!")).waitForDisplayed();
    manageLink = await (await browser.$("a.manage-link")).getAttribute("href");
    assert.match(manageLink, /\/book\/manage\/[^/]+$/);
    await shot("public-phone-confirmation");
    console.log(`desk saw the page's booking after ${bookingSeen.toFixed(0)} ms (its event after ${eventTook.toFixed(0)} ms, the click ${clickTook.toFixed(0)} ms)`);
    assert.ok(list.bookings.some((b) => b.start === start && b.desk === "online"), `the desk sees the booking, made online: ${JSON.stringify(list)}`);
    bookedId = list.bookings.find((b) => b.start === start).id;
    assert.ok(bookingSeen < 1000, `booking seen after ${bookingSeen.toFixed(0)} ms`);
  });

  test("the customer's confirmation arrives by e-mail with the booking's .ics and its manage link", async () => {
    assert.ok(manageLink, "the booking test gave a manage link");
    await browser.waitUntil(async () => smtp.mails().some((m) => m.to.includes("ada@example.org")),
      { timeout: 10000, timeoutMsg: "no confirmation reached the SMTP server" }).catch(async (e) => {
      const { body } = await deskCall("GET", `/v1/bookings/${bookedId}/messages`);
      throw new Error(`${e.message}; the server's messages of the booking: ${JSON.stringify(body)}; mails: ${JSON.stringify(smtp.mails())}`);
    });
    const mail = smtp.mails().find((m) => m.to.includes("ada@example.org"));
    assert.match(mail.subject, /^Your booking is confirmed – /);
    const [text, ics] = mail.parts;
    assert.match(text.text, /Hello Ada Lovelace,/);
    assert.ok(text.text.includes(`To change or cancel: ${manageLink}`), text.text);
    assert.match(text.text, /Phone: \+49 30 1234567/);
    assert.equal(ics.filename, "booking.ics");
    assert.match(ics.text, /BEGIN:VEVENT/);
    // The mail as a reader shows it (headers, text, attachment), for the docs: on a blank
    // page, outside the booking page's content security policy.
    await browser.url("about:blank");
    await browser.execute((m) => {
      document.documentElement.lang = "en";
      document.head.innerHTML = "<title>E-mail</title><style>body{font:15px/1.45 system-ui,sans-serif;margin:0;padding:16px;color:#1d1d1f}" +
        "dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0 0 12px;color:#5b5b66}dd{margin:0;color:#1d1d1f}" +
        "pre{white-space:pre-wrap;word-break:break-all;font:inherit;border-top:1px solid #c9c9d1;padding-top:12px}" +
        ".file{display:inline-block;border:1px solid #c9c9d1;border-radius:6px;padding:6px 10px}</style>";
      const row = (k, v) => `<dt>${k}</dt><dd>${v.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</dd>`;
      document.body.innerHTML = `<dl>${row("From", m.from)}${row("To", m.to.join(", "))}${row("Subject", m.subject)}</dl>` +
        `<pre></pre><p class="file">Attachment: ${m.parts[1].filename}</p>`;
      document.querySelector("pre").textContent = m.parts[0].text.replace(/\r\n/g, "\n");
    }, mail);
    await shot("public-email-confirmation");
  });

  test("booked with the keyboard alone: Tab to a start, Enter, the details, Enter", async () => {
    await openBooking();
    await availableStarts();
    const active = () => browser.execute(() => {
      const e = document.activeElement;
      return { tag: e?.tagName, id: e?.id, status: e?.getAttribute("data-status"), text: e?.textContent };
    });
    let presses = 0;
    for (; presses < 30 && (await active()).status !== "available"; presses++) await browser.keys("Tab");
    assert.equal((await active()).status, "available", `a start reached with Tab (${presses} presses)`);
    await browser.keys("Enter");
    await (await browser.$("form")).waitForDisplayed();
    assert.equal((await active()).text, "Your details", "the focus moves to the details");
    await browser.keys("Tab");
    assert.equal((await active()).id, "name");
    await browser.keys([..."Alan Turing", "Tab", ..."alan@example.org", "Tab"]);
    assert.equal((await active()).id, "phone");
    await browser.keys("Tab");
    assert.equal((await active()).id, "reminders", "the reminder question, ticked");
    assert.equal(await (await browser.$("#reminders")).isSelected(), true);
    await browser.keys("Tab");
    assert.equal((await active()).text, "Book", "the honeypot is skipped");
    await browser.keys("Enter");
    await (await browser.$("h2=Booked!")).waitForDisplayed();
    assert.equal((await active()).text, "Booked!", "the focus moves to the confirmation");
  });

  test("a number the server cannot read is refused in plain words, naming the field", async () => {
    await openBooking();
    const [start] = await availableStarts();
    await (await slotButton(start)).click();
    await (await browser.$("form")).waitForDisplayed();
    await (await browser.$("#name")).setValue("Ada Lovelace");
    await (await browser.$("#email")).setValue("ada@example.org");
    await (await browser.$("#phone")).setValue("abc");
    await (await browser.$("button=Book")).click();
    const alert = await browser.$("#alert");
    await browser.waitUntil(async () => (await alert.getText()) !== "");
    assert.equal(await alert.getText(), "Please enter a valid phone number, or leave it empty.");
    assert.equal(await browser.execute(() => document.activeElement?.id), "phone");
    assert.equal(await (await browser.$("form")).isDisplayed(), true, "the start stays held for the correction");
  });

  test("a page and a desk race for one start: exactly one wins, and the page says so plainly", async () => {
    const room = offer.rooms[0].id;
    // 1. At the same moment: the page's click and the desk's hold.
    await openBooking();
    const [start] = await availableStarts();
    const deskSession = crypto.randomUUID();
    const [deskHold] = await Promise.all([
      deskCall("PUT", `/v1/holds/${deskSession}`, { holds: [await spanOf(start)] }),
      (await slotButton(start)).click(),
    ]);
    await browser.waitUntil(async () =>
      (await (await browser.$("form")).isDisplayed()) || (await (await browser.$("#alert")).getText()) !== "" ||
      (await (await slotButton(start)).getAttribute("data-status")) === "reserved", { timeout: 3000 });
    const pageWon = await (await browser.$("form")).isDisplayed();
    const deskWon = deskHold.status === 200;
    assert.notEqual(pageWon, deskWon, `exactly one wins (desk ${deskHold.status}, page form shown: ${pageWon})`);
    console.log(`simultaneous race: ${deskWon ? "the desk" : "the page"} won`);
    if (deskWon) {
      assert.equal(await (await slotButton(start)).getAttribute("data-status"), "reserved");
    } else {
      assert.equal(deskHold.status, 409);
      assert.equal(deskHold.body.error, "conflict");
    }
    await deskCall("DELETE", `/v1/holds/${deskSession}`);

    // 2. The desk first while the page's live update has not arrived yet (its event stream
    // blocked, the only thing changed in the browser): the page's click is refused plainly.
    await browser.sendCommandAndGetResult("Network.enable", {});
    await browser.sendCommandAndGetResult("Network.setBlockedURLs", { urls: ["*/events?*"] });
    try {
      await openBooking();
      const [late] = await availableStarts();
      const taken = await deskCall("PUT", `/v1/holds/${deskSession}`, { holds: [await spanOf(late)] });
      assert.equal(taken.status, 200);
      await (await slotButton(late)).click();
      const alert = await browser.$("#alert");
      await browser.waitUntil(async () => (await alert.getText()) !== "");
      assert.equal(await alert.getText(), "Sorry, someone else has just taken this time. Please pick another one.");
      assert.equal(await (await browser.$("form")).isDisplayed(), false);
      await browser.waitUntil(async () => (await (await slotButton(late)).getAttribute("data-status")) === "reserved");
      assert.match(await (await slotButton(late)).getText(), /Reserved$/);
      await shot("public-phone-taken");
      await deskCall("DELETE", `/v1/holds/${deskSession}`);
    } finally {
      await browser.sendCommandAndGetResult("Network.setBlockedURLs", { urls: [] });
    }

    // 3. The page first: the desk is refused with `conflict`, naming the hold.
    await openBooking();
    const [mine] = await availableStarts();
    await (await slotButton(mine)).click();
    await (await browser.$("form")).waitForDisplayed();
    const refused = await deskCall("PUT", `/v1/holds/${deskSession}`, { holds: [await spanOf(mine)] });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error, "conflict");
    const { body: holds } = await deskCall("GET", `/v1/holds?date=${date}&room=${room}`);
    assert.equal(holds.holds.filter((h) => h.start === mine).length, 1, "one hold on that start");
  });

  test("the manage link: the booking, its .ics, and a cancellation within the terms", async () => {
    assert.ok(manageLink, "the booking test gave a manage link");
    await browser.url(manageLink);
    await (await browser.$("h2=Your booking")).waitForDisplayed();
    assert.match(await (await browser.$("main")).getText(), /You can cancel free of charge here until \w+day, /);
    await shot("public-phone-manage");
    await (await browser.$("a=Add to calendar")).click();
    await browser.waitUntil(() => readdirSync(downloads, { withFileTypes: true }).some((f) => f.name.endsWith(".ics")).valueOf(),
      { timeout: 5000, timeoutMsg: "no .ics downloaded" }).catch((e) => {
      throw new Error(`${e.message}; downloads: ${safeList(downloads)}`);
    });
    const ics = readFileSync(resolve(downloads, readdirSync(downloads).find((n) => n.endsWith(".ics"))), "utf8");
    assert.match(ics, /BEGIN:VCALENDAR/);
    assert.match(ics, /BEGIN:VEVENT[\s\S]*DTSTART[\s\S]*END:VEVENT/);

    // Reminders, asked when booking (ticked), turned off and on again through the link.
    await (await browser.$("p*=You get a reminder e-mail before each of your bookings.")).waitForDisplayed();
    await (await browser.$("button=Stop reminders")).click();
    await (await browser.$("p*=You get no reminder e-mails.")).waitForDisplayed();
    await (await browser.$("button=Send me reminders")).click();
    await (await browser.$("p*=You get a reminder e-mail before each of your bookings.")).waitForDisplayed();

    const changed = desk.next((e) => e.event === "change");
    await (await browser.$("button=Cancel booking")).click();
    await (await browser.$("button=Yes, cancel it")).click();
    await (await browser.$("p=This booking is cancelled.")).waitForDisplayed();
    assert.equal(await (await browser.$("#status")).getText(), "Your booking is cancelled.");
    assert.equal(await (await browser.$("button=Cancel booking")).isExisting(), false);
    await changed;
  });

  test("past the terms, the manage link says why it cannot cancel and whom to contact", async () => {
    // The first start still offered (today's, else tomorrow's): less than 24 h away. Booked
    // through the page's own API, as the page does it.
    const api = async (method, path, body) => {
      const res = await fetch(`${base}/public/v1/studios/main${path}`, { method,
        headers: body ? { "Content-Type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
      return res.json();
    };
    const session = crypto.randomUUID();
    let soon;
    for (let day = 0; !soon && day < 2; day++) {
      const d = new Date(`${offer.firstDate}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() + day);
      const q = new URLSearchParams({ room: "studio-a", date: d.toISOString().slice(0, 10), duration: "60", session });
      soon = (await api("GET", `/slots?${q}`)).slots.find((x) => x.status === "available");
    }
    assert.ok(soon && Date.parse(soon.start) < Date.now() + 24 * 3600_000, `a start within 24 h: ${soon?.start}`);
    await api("PUT", `/holds/${session}`, { room: "studio-a", start: soon.start, end: soon.end });
    const booking = await api("POST", "/bookings", { session, room: "studio-a", start: soon.start, end: soon.end,
      name: "Grace Hopper", email: "grace@example.org", language: "en", website: "" });
    assert.ok(booking.manage, JSON.stringify(booking));

    await browser.url(`${base}${booking.manage}`);
    await (await browser.$("h2=Your booking")).waitForDisplayed();
    const text = await (await browser.$("main")).getText();
    assert.match(text, /Free cancellation ended on .+\. To cancel or change this booking, please contact Klangraum Studios/);
    assert.match(text, /Phone: \+49 30 1234567 · E-mail: hello@klangraum\.example/);
    assert.equal(await (await browser.$("button=Cancel booking")).isExisting(), false);
    assert.equal(await (await browser.$("a=Add to calendar")).isExisting(), true);
    await shot("public-phone-too-late");
  });

  test("a tampered manage link shows a plain not-found page", async () => {
    const last = manageLink.at(-1) === "a" ? "b" : "a";
    await browser.url(`${manageLink.slice(0, -1)}${last}`);
    const title = await browser.$("h1=Booking not found");
    await title.waitForDisplayed();
    const text = await (await browser.$("main")).getText();
    assert.match(text, /This link is not valid or has expired/);
    assert.doesNotMatch(text, /not_found|error|token/i);
  });

  test("no serious or critical axe violations: booking with the form open, and manage", async () => {
    const axe = async () => {
      await browser.execute(`${AXE}\nreturn true;`);
      return browser.executeAsync((done) => {
        window.axe.run(document, { resultTypes: ["violations"],
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } })
          .then((r) => done(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)), (e) => done([String(e)]));
      });
    };
    await openBooking();
    const [start] = await availableStarts();
    await (await slotButton(start)).click();
    await (await browser.$("form")).waitForDisplayed();
    assert.deepEqual(await axe(), []);
    await browser.url(manageLink);
    await (await browser.$("h2=Your booking")).waitForDisplayed();
    assert.deepEqual(await axe(), []);
  });

  test("in German, on a desktop-wide window", async () => {
    await browser.setWindowSize(1280, 900);
    await openBooking("de");
    await (await browser.$("h2=Startzeiten")).waitForDisplayed();
    const [start] = await availableStarts();
    await (await slotButton(start)).click();
    await (await browser.$("h2=Ihre Angaben")).waitForDisplayed();
    assert.match(await (await browser.$("form")).getText(), /Kostenlose Stornierung bis \d+ Stunden vor Beginn/);
    await shot("public-desktop-de");

    // The heartbeat renews the hold while the customer types (every third of holdSeconds),
    // and leaving the page gives the start back at once, long before the hold would run out.
    const ours = async () => (await deskCall("GET", `/v1/holds?date=${date}&room=${offer.rooms[0].id}`)).body.holds
      .find((h) => h.start === start && h.desk === "online");
    const first = (await ours())?.expiresAt;
    assert.ok(first, "the page holds its start");
    await browser.waitUntil(async () => (await ours())?.expiresAt !== first,
      { timeout: offer.holdSeconds * 1000, interval: 200, timeoutMsg: `no heartbeat within ${offer.holdSeconds} s` });
    assert.ok(await ours(), "the hold is still there after the heartbeat");
    const left = performance.now();
    await browser.url("about:blank");
    await browser.waitUntil(async () => !(await ours()), { timeout: 2000, interval: 50, timeoutMsg: "the hold stayed after the page was left" });
    console.log(`hold released ${(performance.now() - left).toFixed(0)} ms after leaving the page (it would run out after ${offer.holdSeconds} s)`);
  });
});

function safeList(dir) {
  try {
    return readdirSync(dir).join(", ") || "(none)";
  } catch {
    return "(no folder)";
  }
}
