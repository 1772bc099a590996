// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { App } from "../App";
import type { Settings, StudioInfo, StudioUpdate } from "../api/types";
import { keys } from "../data/keys";
import { STUDIO, board } from "../test/fixtures";
import { ipcRecorder, renderWithProviders, type Answer } from "../test/render";
import { Welcome } from "./Welcome";

afterEach(() => {
  cleanup();
  clearMocks();
});

const FIRST_RUN: Settings = { serverUrl: "", hasToken: false, startFullscreen: false, firstRun: true };
/** The placeholder studio a new desk has until staff choose (never shown). */
const PLACEHOLDER: StudioInfo = { ...STUDIO, name: "Klangraum Studios (demo)", version: 3 };

function backend(answers: Record<string, Answer> = {}) {
  return ipcRecorder({
    get_settings: () => FIRST_RUN,
    studio: () => PLACEHOLDER,
    ...answers,
  });
}

/** The welcome screen on its own, with the settings of a desk in its first run cached. */
function renderWelcome(ipc: ReturnType<typeof backend>, language: "en" | "de" = "en") {
  mockIPC(ipc.handler);
  const rendered = renderWithProviders(<Welcome />, language);
  rendered.client.setQueryData(keys.settings, FIRST_RUN);
  return rendered;
}

const choice = (name: string) => screen.getByRole("button", { name });

describe("welcome screen (first run)", () => {
  it("offers the three ways on, each said in a sentence", () => {
    renderWelcome(backend());
    expect(screen.getByRole("heading", { name: "Welcome to Frontdesk" })).toBeTruthy();
    const buttons = ["Connect to our studio's server", "Set up this desk's studio", "Try the demo"].map(choice);
    expect(buttons).toHaveLength(3);
    expect(buttons[0].getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(buttons[2].getAttribute("aria-describedby")!)?.textContent).toMatch(/made-up studio/);
  });

  it("is the only screen of a new desk; the demo choice calls choose_demo and opens the desk", async () => {
    let firstRun = true;
    const ipc = backend({
      get_settings: () => ({ ...FIRST_RUN, firstRun }),
      choose_demo: () => {
        firstRun = false;
        return PLACEHOLDER;
      },
      sync_status: () => ({ configured: false, online: false, live: false, lastSync: null, pending: 0, conflicts: 0, problem: null }),
      day_board: () => board(),
      rooms_status: () => ({}),
    });
    mockIPC(ipc.handler);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(<App client={client} />);
    const demo = await screen.findByRole("button", { name: "Try the demo" });
    // The brand stays; no nav, and the placeholder studio is not named.
    expect(screen.getByRole("heading", { name: "Frontdesk" })).toBeTruthy();
    expect(screen.queryByRole("navigation")).toBeNull();
    expect(screen.queryByText(PLACEHOLDER.name)).toBeNull();
    expect(screen.getByRole("button", { name: "Deutsch" })).toBeTruthy();

    fireEvent.click(demo);
    expect(await screen.findByRole("navigation")).toBeTruthy();
    expect(ipc.of("choose_demo")).toEqual([{ cmd: "choose_demo", args: {} }]);
    expect(screen.queryByRole("button", { name: "Try the demo" })).toBeNull();
    expect(screen.getByRole("button", { name: /Day board/ }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByText(PLACEHOLDER.name)).toBeTruthy();
    // Every query asked again, the settings too.
    await waitFor(() => expect(ipc.of("get_settings").length).toBeGreaterThanOrEqual(2));
  });

  it("sets up a standalone studio: sends a correct StudioUpdate and shows the field the backend refuses", async () => {
    const refusal = { code: "invalid", message: 'rooms[1].durations: room "vocal-booth": 50 minutes is not a valid duration' };
    const ipc = backend({
      setup_studio: (args) => {
        if (ipc.of("setup_studio").length === 1) throw refusal;
        const update = args.update as StudioUpdate;
        return { ...PLACEHOLDER, name: update.name, timezone: update.timezone, rooms: update.rooms, version: 4, currency: update.currency };
      },
    });
    const { client } = renderWelcome(ipc);
    fireEvent.click(choice("Set up this desk's studio"));

    fireEvent.change(screen.getByRole("textbox", { name: "Studio name" }), { target: { value: "  Tonstudio Nord " } });
    fireEvent.change(screen.getByRole("combobox", { name: "Time zone" }), { target: { value: "Europe/Vienna" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Currency" }), { target: { value: "CHF" } });
    fireEvent.change(screen.getByRole("combobox", { name: "To" }), { target: { value: "22:00" } });

    const room1 = screen.getByRole("listitem", { name: "Room 1" });
    fireEvent.change(within(room1).getByRole("textbox", { name: "Room name" }), { target: { value: "Live Room" } });
    fireEvent.change(within(room1).getByRole("textbox", { name: "Price per hour (CHF)" }), { target: { value: "40,50" } });
    // One room cannot be removed; two can.
    expect(within(room1).queryByRole("button", { name: "Remove room 1" })).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: /Add a room/ }));
    const room2 = screen.getByRole("listitem", { name: "Room 2" });
    fireEvent.change(within(room2).getByRole("textbox", { name: "Room name" }), { target: { value: "Vocal Booth" } });
    fireEvent.change(within(room2).getByRole("textbox", { name: "Price per hour (CHF)" }), { target: { value: "19.99" } });
    fireEvent.click(within(room2).getByRole("checkbox", { name: "2 h" }));
    fireEvent.click(within(room2).getByRole("checkbox", { name: "3 h" }));
    expect(within(room1).getByRole("button", { name: "Remove room 1" })).toBeTruthy();

    // Closed dates: typed and added with the button, or with Enter (which does not submit).
    // (19.99 × 100 is 1998.999… as a float: the price is read from its digits.)
    const closed = screen.getByRole("textbox", { name: "Closed on" });
    fireEvent.change(closed, { target: { value: "2026-12-25" } });
    fireEvent.blur(closed);
    fireEvent.click(screen.getByRole("button", { name: /Add date/ }));
    fireEvent.change(closed, { target: { value: "1 Jan 2027" } });
    // false: the default (submitting the form) was prevented.
    expect(fireEvent.keyDown(closed, { key: "Enter" })).toBe(false);
    expect(screen.getByRole("button", { name: "Remove 1 Jan 2027" })).toBeTruthy();
    // The same date twice is kept once.
    fireEvent.click(screen.getByRole("button", { name: /Add date/ }));
    expect(screen.getAllByRole("button", { name: /^Remove \d/ }).map((b) => b.getAttribute("aria-label"))).toEqual([
      "Remove 25 Dec 2026",
      "Remove 1 Jan 2027",
    ]);
    expect(ipc.of("setup_studio")).toHaveLength(0);

    // The first admin: a PIN too short is marked before anything is sent.
    fireEvent.change(screen.getByRole("textbox", { name: "Name" }), { target: { value: "Mia" } });
    const pin = document.querySelector<HTMLInputElement>('input[name="admin-pin"]')!;
    fireEvent.change(pin, { target: { value: "47" } });
    fireEvent.click(screen.getByRole("button", { name: "Set up the studio" }));
    expect(await screen.findByText("A PIN has 6 to 8 digits.")).toBeTruthy();
    expect(ipc.of("setup_studio")).toHaveLength(0);
    fireEvent.change(pin, { target: { value: "471100" } });

    fireEvent.click(screen.getByRole("button", { name: "Set up the studio" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(refusal.message);
    // The refused field is marked.
    expect(within(room2).getByRole("group", { name: "Bookable durations" }).getAttribute("aria-invalid")).toBe("true");
    expect(within(room1).getByRole("group", { name: "Bookable durations" }).getAttribute("aria-invalid")).toBeNull();

    const sent = ipc.of("setup_studio")[0].args.update as StudioUpdate;
    const range = [["10:00", "22:00"]];
    expect(sent).toEqual({
      version: 3,
      name: "Tonstudio Nord",
      timezone: "Europe/Vienna",
      holdTtlSeconds: 10,
      rooms: [
        { id: "live-room", name: "Live Room", durations: [60, 120], interval: 60, pricePerHour: 4050, peaks: [], changeover: 0 },
        { id: "vocal-booth", name: "Vocal Booth", durations: [60, 180], interval: 60, pricePerHour: 1999, peaks: [], changeover: 0 },
      ],
      hours: {
        weekly: { mon: range, tue: range, wed: range, thu: range, fri: range, sat: range, sun: range },
        dates: { "2026-12-25": [], "2027-01-01": [] },
      },
      currency: "CHF",
      noShowGraceMinutes: 15,
      staff: [{ id: expect.any(String), name: "Mia", role: "admin", pin: "471100" }],
    });

    // Sent again, it is accepted: the first run is over.
    fireEvent.click(screen.getByRole("button", { name: "Set up the studio" }));
    await waitFor(() => expect(client.getQueryData<Settings>(keys.settings)?.firstRun).toBe(false));
    expect(client.getQueryData<StudioInfo>(keys.studio)?.name).toBe("Tonstudio Nord");
    expect(ipc.of("setup_studio")).toHaveLength(2);
  });

  it("says what is missing before sending anything, in German too", async () => {
    const ipc = backend({ setup_studio: () => PLACEHOLDER });
    mockIPC(ipc.handler);
    renderWithProviders(<Welcome />, "de");
    fireEvent.click(screen.getByRole("button", { name: "Das Studio dieses Platzes einrichten" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Preis pro Stunde (EUR)" }), { target: { value: "vierzig" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Von" }), { target: { value: "23:00" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Bis" }), { target: { value: "12:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Studio einrichten" }));
    expect(screen.getByText("Geben Sie den Namen des Studios ein.")).toBeTruthy();
    expect(screen.getByText("Geben Sie den Namen des Raums ein.")).toBeTruthy();
    expect(screen.getByText(/40 oder 40,50/)).toBeTruthy();
    expect(screen.getByText("Die Schließzeit muss nach der Öffnungszeit liegen.")).toBeTruthy();
    expect(screen.getByText("Prüfen Sie die markierten Felder.")).toBeTruthy();
    const name = screen.getByRole("textbox", { name: "Name des Studios" });
    expect(name.getAttribute("aria-invalid")).toBe("true");
    // Fixed, the problem goes.
    fireEvent.change(name, { target: { value: "Tonstudio Nord" } });
    expect(screen.queryByText("Geben Sie den Namen des Studios ein.")).toBeNull();
    expect(name.getAttribute("aria-invalid")).toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(ipc.of("setup_studio")).toHaveLength(0);
  });

  it("connects with the address and a one-time enrolment code, never a token", async () => {
    const ipc = backend({
      enrol_desk: (args) => ({
        studioName: "Klangraum Studios",
        desk: "bar",
        admin: false,
        settings: { serverUrl: args.serverUrl, hasToken: true, startFullscreen: false, firstRun: false },
      }),
    });
    const { client } = renderWelcome(ipc);
    fireEvent.click(choice("Connect to our studio's server"));
    expect(screen.queryByLabelText(/token/i)).toBeNull();
    fireEvent.change(screen.getByRole("textbox", { name: "Server address" }), { target: { value: " https://frontdesk.example.com " } });
    fireEvent.change(screen.getByRole("textbox", { name: "Enrolment code" }), { target: { value: "k7qm-2xrp9f" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));
    await waitFor(() => expect(ipc.of("enrol_desk")).toHaveLength(1));
    expect(ipc.of("enrol_desk")[0].args).toEqual({ serverUrl: "https://frontdesk.example.com", code: "k7qm-2xrp9f" });
    expect(ipc.of("save_settings")).toHaveLength(0);
    await waitFor(() => expect(client.getQueryData<Settings>(keys.settings)?.firstRun).toBe(false));
  });

  it("refuses plain http:// to another machine and an empty code before asking anyone, in both languages", async () => {
    const ipc = backend({ enrol_desk: () => ({}) });
    renderWelcome(ipc);
    fireEvent.click(choice("Connect to our studio's server"));
    const server = screen.getByRole("textbox", { name: "Server address" });
    const form = server.closest("form")!;
    fireEvent.change(server, { target: { value: "http://10.0.0.5:8787" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Enrolment code" }), { target: { value: "K7QM-2XRP9F" } });
    fireEvent.submit(form);
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Server address: plain http:\/\/ is only for a server on this computer/);
    fireEvent.change(server, { target: { value: "http://127.0.0.1:8787" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Enrolment code" }), { target: { value: " - " } });
    fireEvent.submit(form);
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Enrolment code: type the code/);
    cleanup();
    renderWelcome(ipc, "de");
    fireEvent.click(choice("Mit dem Server unseres Studios verbinden"));
    fireEvent.change(screen.getByRole("textbox", { name: "Serveradresse" }), { target: { value: "http://studio.lan" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Einrichtungscode" }), { target: { value: "K7QM-2XRP9F" } });
    fireEvent.click(screen.getByRole("button", { name: "Verbinden" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Serveradresse: Einfaches http:\/\/ ist nur für einen Server auf diesem Computer/);
    expect(ipc.of("enrol_desk")).toHaveLength(0);
  });

  it("says so when the server refuses the code (unknown, used or expired), and stays on the screen", async () => {
    const ipc = backend({
      enrol_desk: () => {
        throw { code: "unauthorized", message: "enrolment code: expired" };
      },
    });
    const { client } = renderWelcome(ipc);
    fireEvent.click(choice("Connect to our studio's server"));
    fireEvent.change(screen.getByRole("textbox", { name: "Server address" }), { target: { value: "http://127.0.0.1:8787" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Enrolment code" }), { target: { value: "K7QM-2XRP9F" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/does not know this code, or it was used already or has expired/);
    expect(client.getQueryData<Settings>(keys.settings)?.firstRun).toBe(true);
  });

  it("says what to do on this screen when the server cannot be reached, is no Frontdesk server, or refuses a chain administrator's token", async () => {
    const answers: { code: string; message: string }[] = [
      { code: "unreachable", message: "connection refused" },
      { code: "not_found", message: "Not Found" },
      { code: "forbidden", message: "a chain administrator's token belongs to no studio: use a desk token of the studio" },
    ];
    let next = 0;
    const ipc = backend({
      enrol_desk: () => {
        throw answers[next++ % answers.length];
      },
    });
    const expected = {
      en: [
        /^No Frontdesk server answers at this address\. Check the server address above/,
        /^Something answers at this address, but it is not a Frontdesk server\. Check the server address above/,
        /^The server refused this desk: a chain administrator's token belongs to no studio.*A chain administrator's token \(from “frontdesk-server chain-admin add”\) manages the chain's studios and cannot connect a desk\. Ask your administrator for a one-time enrolment code/,
      ],
      de: [
        /^Unter dieser Adresse antwortet kein Frontdesk-Server\. Prüfen Sie oben die Serveradresse/,
        /^Unter dieser Adresse antwortet etwas, aber kein Frontdesk-Server\./,
        /^Der Server hat diesen Platz abgewiesen: .*Ein Token der Ketten-Administration/,
      ],
    };
    for (const language of ["en", "de"] as const) {
      renderWelcome(ipc, language);
      fireEvent.click(choice(language === "en" ? "Connect to our studio's server" : "Mit dem Server unseres Studios verbinden"));
      const server = screen.getByRole("textbox", { name: language === "en" ? "Server address" : "Serveradresse" });
      fireEvent.change(server, { target: { value: "http://127.0.0.1:8787/v1" } });
      fireEvent.change(screen.getByRole("textbox", { name: language === "en" ? "Enrolment code" : "Einrichtungscode" }), {
        target: { value: "K7QM-2XRP9F" },
      });
      for (const sentence of expected[language]) {
        fireEvent.submit(server.closest("form")!);
        await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(sentence));
        // No Settings on the welcome screen: no message points there.
        expect(screen.getByRole("alert").textContent).not.toMatch(/Settings|Einstellungen|needs an admin token|Admin-Token/);
      }
      cleanup();
    }
    expect(ipc.of("enrol_desk")).toHaveLength(6);
  });
});
