// @vitest-environment jsdom
// The public booking page's settings: read from the server, switched on with rooms and
// durations, saved with the version read; a stale save shows the newer settings; a
// standalone desk says there is no page.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { OnlineBookingDto } from "../api/types";
import { OnlineSettings } from "./OnlineSettings";
import { STUDIO } from "../test/fixtures";
import { ipcRecorder, renderWithProviders, type Answer } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
});

const CONNECTED = { serverUrl: "https://frontdesk.example.com", hasToken: true, startFullscreen: false, firstRun: false };
const OFF: OnlineBookingDto = { version: 0, enabled: false, rooms: [], leadMinutes: 120, daysAhead: 60, cancelHours: 24, reminderHours: 24, page: "https://frontdesk.example.com/book/main" };

function backend(answers: Record<string, Answer> = {}) {
  let saved = OFF;
  return ipcRecorder({
    get_settings: () => CONNECTED,
    online_booking: () => saved,
    save_online_booking: (args) => {
      const settings = args.settings as OnlineBookingDto;
      saved = { ...settings, version: settings.version + 1, page: OFF.page };
      return saved;
    },
    ...answers,
  });
}

describe("online booking in settings", () => {
  it("switches the page on for chosen rooms and durations and saves it with the version read", async () => {
    const ipc = backend();
    mockIPC(ipc.handler);
    renderWithProviders(<OnlineSettings studio={STUDIO} />);
    const enabled = (await screen.findByRole("checkbox", { name: "Customers can book online" })) as HTMLInputElement;
    expect(enabled.checked).toBe(false);
    expect(screen.queryByTestId("online-page")).toBeNull();
    fireEvent.click(enabled);
    const studioA = screen.getByRole("group", { name: "Studio A" });
    // Ticked out of order: saved in order.
    fireEvent.click(within(studioA).getByRole("checkbox", { name: "120 min" }));
    fireEvent.click(within(studioA).getByRole("checkbox", { name: "60 min" }));
    fireEvent.change(screen.getByRole("combobox", { name: "Earliest notice" }), { target: { value: "60" } });
    fireEvent.change(screen.getByRole("spinbutton", { name: "Bookable days ahead" }), { target: { value: "30" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Customers may cancel through their link" }), { target: { value: "48" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Reminder e-mail to customers (every booking with an e-mail address)" }), {
      target: { value: "72" },
    });
    fireEvent.click(screen.getByRole("checkbox", { name: "Send the reminder by SMS too (customers with a mobile number)" }));
    fireEvent.click(screen.getByRole("button", { name: "Save online booking" }));
    expect(await screen.findByText("Saved.")).toBeTruthy();
    expect(ipc.of("save_online_booking")[0].args.settings).toEqual({
      smsReminders: true,
      version: 0,
      enabled: true,
      rooms: [{ room: "studio-a", durations: [60, 120] }],
      leadMinutes: 60,
      daysAhead: 30,
      cancelHours: 48,
      reminderHours: 72,
      contactPhone: null,
      contactEmail: null,
      page: null,
    });
    // The saved settings are shown, with the page's address for the studio's website.
    expect((await screen.findByTestId("online-page")).textContent).toBe("Customers book at https://frontdesk.example.com/book/main");
    expect((screen.getByRole("checkbox", { name: "Customers can book online" }) as HTMLInputElement).checked).toBe(true);
  });

  it("saves the studio's contact trimmed, none for an empty field, and marks a number the server refused", async () => {
    const ipc = backend({
      save_online_booking: (args) => {
        const settings = args.settings as OnlineBookingDto;
        if (settings.contactPhone === "call us") throw { code: "invalid", message: 'contactPhone: "call us" is not a phone number' };
        return { ...settings, version: 1 };
      },
    });
    mockIPC(ipc.handler);
    renderWithProviders(<OnlineSettings studio={STUDIO} />, "de");
    const phone = (await screen.findByRole("textbox", { name: "Telefon" })) as HTMLInputElement;
    fireEvent.change(phone, { target: { value: "call us" } });
    fireEvent.click(screen.getByRole("button", { name: "Online-Buchung speichern" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/call us/);
    expect(phone.getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(phone, { target: { value: "  030 1234567 " } });
    fireEvent.change(screen.getByRole("textbox", { name: "E-Mail" }), { target: { value: "   " } });
    fireEvent.click(screen.getByRole("button", { name: "Online-Buchung speichern" }));
    expect(await screen.findByText("Gespeichert.")).toBeTruthy();
    const saved = ipc.of("save_online_booking")[1].args.settings as OnlineBookingDto;
    expect([saved.contactPhone, saved.contactEmail]).toEqual(["030 1234567", null]);
  });

  it("a save refused as stale shows the reason and the settings saved meanwhile", async () => {
    const newer: OnlineBookingDto = { ...OFF, version: 3, enabled: true, rooms: [{ room: "podcast", durations: [30] }] };
    let reads = 0;
    const ipc = backend({
      online_booking: () => (reads++ === 0 ? OFF : newer),
      save_online_booking: () => {
        throw { code: "stale", message: "saved meanwhile" };
      },
    });
    mockIPC(ipc.handler);
    renderWithProviders(<OnlineSettings studio={STUDIO} />);
    fireEvent.click(await screen.findByRole("checkbox", { name: "Customers can book online" }));
    fireEvent.click(screen.getByRole("button", { name: "Save online booking" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/.+/);
    await waitFor(() =>
      expect((within(screen.getByRole("group", { name: "Podcast Booth" })).getByRole("checkbox", { name: "30 min" }) as HTMLInputElement).checked).toBe(true),
    );
  });

  it("on a standalone desk says there is no page and asks nothing", async () => {
    const ipc = backend({ get_settings: () => ({ ...CONNECTED, serverUrl: "", hasToken: false }) });
    mockIPC(ipc.handler);
    renderWithProviders(<OnlineSettings studio={STUDIO} />, "de");
    expect((await screen.findByTestId("online-standalone")).textContent).toMatch(/^Die Online-Buchungsseite liefert der Server/);
    expect(ipc.of("online_booking")).toHaveLength(0);
  });
});
