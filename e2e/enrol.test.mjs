// End to end, a new desk joins its studio's server with a one-time enrolment code typed on
// the welcome screen: the code comes from the real frontdesk-server (`POST /v1/desks` with
// the admin's development token of e2e/studio.toml); no token is typed or shown. The token
// is kept outside the desk's SQLite file; the used code is refused a second time.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { remote } from "webdriverio";
import { APP, invoke, screenshot, until } from "./app.mjs";

const PORT = Number(process.env.TAURI_DRIVER_ENROL_PORT ?? 0);
const SERVER = process.env.FRONTDESK_E2E_SERVER;
const DATA_DIR = process.env.FRONTDESK_E2E_ENROL_DIR;
const ADMIN = "e2e-token-office";

async function post(path, body, token) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${SERVER}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("Frontdesk window, enrolment by code", { skip: !(PORT && SERVER) && "TAURI_DRIVER_ENROL_PORT not set (run scripts/e2e.sh)" }, () => {
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

  it("joins the server with a one-time code on the welcome screen", async () => {
    const issued = await post("/v1/desks", { name: "lobby", admin: false }, ADMIN);
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    const code = issued.body.code;
    assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]+$/);

    const connect = await browser.$('[data-choice="connect"]');
    await connect.waitForDisplayed();
    await connect.click();
    assert.equal(await (await browser.$('input[name="token"]')).isExisting(), false, "no token field");
    // Plain http:// to another machine is refused before anything is sent.
    await (await browser.$('input[name="server"]')).setValue("http://192.0.2.10:8787");
    await (await browser.$('input[name="code"]')).setValue(code);
    await (await browser.$("form.enrol-form button[type=submit]")).click();
    const problem = await browser.$("form.enrol-form .error-note");
    await problem.waitForDisplayed();
    assert.match(await problem.getText(), /^Server address: plain http:\/\/ is only for a server on this computer/);

    const server = await browser.$('input[name="server"]');
    await server.clearValue();
    await server.setValue(SERVER);
    await screenshot(browser, "enrol-welcome");
    await (await browser.$("form.enrol-form button[type=submit]")).click();

    // The welcome screen gives way to the desk, showing the server's studio.
    const name = await browser.$(".studio-name");
    await name.waitForDisplayed({ timeout: 15_000 });
    await until(browser, async () => (await name.getAttribute("title")) === "Klangraum Studios (demo)", "the server's studio never showed");
    const settings = await invoke(browser, "get_settings", {});
    assert.equal(settings.serverUrl, SERVER);
    assert.equal(settings.hasToken, true);
    assert.equal(settings.firstRun, false);
    await until(browser, async () => (await invoke(browser, "sync_status", {})).online === true, "the desk never came online with its new token");
    await screenshot(browser, "enrol-joined");

    // The code worked once.
    const again = await post("/v1/enrol", { code, appVersion: "e2e" });
    assert.equal(again.status, 401);
    assert.equal(again.body.error, "unauthorized");
    // The server lists the desk as enrolled.
    const list = await fetch(`${SERVER}/v1/desks`, { headers: { authorization: `Bearer ${ADMIN}` } }).then((r) => r.json());
    const lobby = list.desks.find((d) => d.name === "lobby");
    assert.equal(lobby?.enrolled, true, JSON.stringify(list));

    // The token is not in the desk's file; where no system store answers (this headless
    // run) it is in a file only the desk's user may read.
    if (DATA_DIR) {
      const tokenFile = join(DATA_DIR, "frontdesk.sqlite.token");
      let token = "";
      try {
        token = readFileSync(tokenFile, "utf8").trim();
        assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
      } catch (error) {
        if (error.code !== "ENOENT") throw error;
      }
      if (token) {
        for (const name of ["frontdesk.sqlite", "frontdesk.sqlite-wal"]) {
          let bytes;
          try {
            bytes = readFileSync(join(DATA_DIR, name));
          } catch {
            continue;
          }
          assert.equal(bytes.includes(Buffer.from(token)), false, `the token is in ${name}`);
        }
      }
    }
  });
});
