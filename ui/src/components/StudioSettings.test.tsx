// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { StudioInfo, StudioUpdate } from "../api/types";
import { STUDIO, booking } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";
import { StudioSettings } from "./StudioSettings";

afterEach(() => {
  cleanup();
  clearMocks();
});

const HOURS = { weekly: { mon: [["08:00", "24:00"]] as [string, string][] }, dates: {} };
const CURRENT: StudioInfo = { ...STUDIO, hours: HOURS, version: 4 };

describe("studio settings", () => {
  it("shows the bookings a change leaves outside and saves only when staff confirm", async () => {
    const ipc = ipcRecorder({
      check_studio: () => [booking({ customer: { name: "Night band", phone: null } })],
      change_studio: (args) => ({ ...CURRENT, version: 5, hours: (args.update as StudioUpdate).hours }),
    });
    mockIPC(ipc.handler);
    renderWithProviders(<StudioSettings studio={CURRENT} />);

    fireEvent.change(screen.getByRole("textbox", { name: "Monday" }), { target: { value: "10:00-14:00, 16:00-24:00" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Tuesday" }), { target: { value: "late" } });
    fireEvent.click(screen.getByRole("button", { name: "Save the studio" }));
    // A typo is named before anything is sent.
    expect(screen.getByText(/Check hours.weekly.tue/)).toBeTruthy();
    expect(ipc.of("check_studio")).toHaveLength(0);
    fireEvent.change(screen.getByRole("textbox", { name: "Tuesday" }), { target: { value: "" } });

    // Room colour and a peak rate (Friday and Saturday evenings at 55.50).
    // (a swatch of the room's colour group: one Tab stop, arrow keys inside)
    fireEvent.click(within(screen.getByRole("radiogroup", { name: "Colour of Studio A" })).getByRole("radio", { name: "Red" }));
    const roomA = screen.getAllByRole("listitem").find((li) => li.getAttribute("data-room") === "studio-a")!;
    fireEvent.click(within(roomA).getByRole("button", { name: /Add a peak rate/ }));
    const peak = within(roomA).getByRole("group", { name: "Peak rate 1" });
    fireEvent.change(within(peak).getByRole("textbox", { name: "Price per hour (EUR)" }), { target: { value: "55,50" } });
    fireEvent.change(within(roomA).getByRole("combobox", { name: "Start times of Studio A" }), { target: { value: "30" } });
    fireEvent.change(within(roomA).getByRole("combobox", { name: "Changeover after each booking in Studio A" }), {
      target: { value: "45" },
    });
    fireEvent.change(screen.getByRole("combobox", { name: "Time zone" }), { target: { value: "Europe/Vienna" } });
    fireEvent.change(screen.getByRole("combobox", { name: "No-show offered after the start" }), { target: { value: "30" } });

    fireEvent.click(screen.getByRole("button", { name: "Save the studio" }));
    const confirm = await screen.findByRole("alertdialog");
    expect(confirm.textContent).toContain("These 1 bookings lie outside the new hours or rooms. They stay booked.");
    expect(confirm.textContent).toContain("Night band");
    expect(ipc.of("change_studio")).toHaveLength(0);

    fireEvent.click(within(confirm).getByRole("button", { name: "Save anyway" }));
    await waitFor(() => expect(ipc.of("change_studio")).toHaveLength(1));
    const sent = ipc.of("change_studio")[0].args.update as StudioUpdate;
    expect(sent.version).toBe(4);
    expect(sent.hours.weekly.mon).toEqual([
      ["10:00", "14:00"],
      ["16:00", "24:00"],
    ]);
    expect(sent.hours.weekly.tue).toEqual([]);
    expect(sent.rooms[0].colour).toBe("#b83232");
    expect(sent.rooms[0].interval).toBe(30);
    expect(sent.rooms[0].changeover).toBe(45);
    expect(sent.timezone).toBe("Europe/Vienna");
    expect(sent.noShowGraceMinutes).toBe(30);
    expect(sent.rooms[0].peaks).toEqual([{ days: ["fri", "sat"], from: "18:00", to: "24:00", pricePerHour: 5550 }]);
    expect(sent.staff).toBeNull();
  });
});

describe("studio settings while another desk saves", () => {
  it("keeps the admin's edits, says the studio changed, and nothing is overwritten", async () => {
    const ipc = ipcRecorder({
      check_studio: () => [],
      change_studio: () => {
        throw { code: "stale", message: "the studio was changed meanwhile" };
      },
    });
    mockIPC(ipc.handler);
    const { rerender } = renderWithProviders(<StudioSettings studio={CURRENT} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Studio name" }), { target: { value: "My edit" } });
    // The server's newer studio arrives (another desk saved).
    rerender(<StudioSettings studio={{ ...CURRENT, name: "Their edit", version: 5 }} />);
    expect(screen.getByText(/changed on another desk meanwhile/)).toBeTruthy();
    expect((screen.getByRole("textbox", { name: "Studio name" }) as HTMLInputElement).value).toBe("My edit");
    fireEvent.click(screen.getByRole("button", { name: "Save the studio" }));
    expect(await screen.findByText(/Someone else saved a change meanwhile; nothing was overwritten/)).toBeTruthy();
    expect((ipc.of("change_studio")[0].args.update as StudioUpdate).version).toBe(4);
    // Undo takes the newer studio.
    fireEvent.click(screen.getByRole("button", { name: "Undo my edits" }));
    expect((screen.getByRole("textbox", { name: "Studio name" }) as HTMLInputElement).value).toBe("Their edit");
    expect(screen.queryByText(/changed on another desk meanwhile/)).toBeNull();
  });
});

describe("the studio's country", () => {
  it("is shown with its name, sent as typed, and a refused code is marked on the field", async () => {
    const ipc = ipcRecorder({
      check_studio: () => [],
      change_studio: () => {
        throw { code: "invalid", message: "country: \"XX\" is not a country: use a two-letter ISO 3166 code" };
      },
    });
    mockIPC(ipc.handler);
    renderWithProviders(<StudioSettings studio={{ ...CURRENT, country: "DE" }} />);
    const field = screen.getByRole("textbox", { name: "Country" }) as HTMLInputElement;
    expect(field.value).toBe("DE");
    expect(screen.getByTestId("country-name").textContent).toContain("Germany");
    fireEvent.change(field, { target: { value: "x1x" } });
    expect(field.value).toBe("XX");
    fireEvent.click(screen.getByRole("button", { name: "Save the studio" }));
    await waitFor(() => expect(ipc.of("change_studio")).toHaveLength(1));
    expect((ipc.of("change_studio")[0].args.update as StudioUpdate).country).toBe("XX");
    expect(await screen.findByText(/Not a country code: use two letters/)).toBeTruthy();
    expect(field.getAttribute("aria-invalid")).toBe("true");
  });

  it("left empty is sent as none, not left out (which would mean the time zone's)", async () => {
    const ipc = ipcRecorder({ check_studio: () => [], change_studio: () => CURRENT });
    mockIPC(ipc.handler);
    renderWithProviders(<StudioSettings studio={CURRENT} />);
    expect((screen.getByRole("textbox", { name: "Country" }) as HTMLInputElement).value).toBe("");
    fireEvent.click(screen.getByRole("button", { name: "Save the studio" }));
    await waitFor(() => expect(ipc.of("change_studio")).toHaveLength(1));
    expect((ipc.of("change_studio")[0].args.update as StudioUpdate).country).toBe("");
  });
});
