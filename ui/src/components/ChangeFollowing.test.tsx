// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Booking } from "../api/types";
import { BookingDetails } from "./BookingDetails";
import { startOptions } from "./ChangeFollowing";
import { STUDIO, booking } from "../test/fixtures";
import { ipcRecorder, renderWithProviders, type Answer } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
});

// Tuesday 24 November 2026, 10:00–12:00 in Studio A, and its next week.
const first = booking({ series: "series-1" });
const later = booking({
  id: "22222222-2222-4222-8222-222222222222",
  start: "2026-12-01T10:00:00+01:00",
  end: "2026-12-01T12:00:00+01:00",
  series: "series-1",
});

function open(answers: Record<string, Answer>, b: Booking = first, language: "en" | "de" = "en") {
  const ipc = ipcRecorder({ activity: () => [], ...answers });
  mockIPC(ipc.handler);
  const rendered = renderWithProviders(<BookingDetails studio={STUDIO} booking={b} onClose={() => {}} />, language);
  return { ipc, dialog: screen.getByRole("dialog"), ...rendered };
}

const select = (form: HTMLElement, name: string) => within(form).getByRole("combobox", { name }) as HTMLSelectElement;
const options = (s: HTMLSelectElement) => Array.from(s.options).map((o) => o.textContent);

describe("changing this and all following occurrences of a series", () => {
  it("shows the form with the booking's room, start and length, and sends exactly what was chosen", async () => {
    const { ipc, dialog, client } = open({
      change_following: () => [
        { ...first, room: "podcast", start: "2026-11-24T10:30:00+01:00", end: "2026-11-24T11:00:00+01:00", version: 2 },
        { ...later, room: "podcast", start: "2026-12-01T10:30:00+01:00", end: "2026-12-01T11:00:00+01:00", version: 2 },
      ],
    });
    client.setQueryData(["board", "2026-11-24"], 1);
    expect(screen.queryByTestId("change-following")).toBeNull();
    fireEvent.click(within(dialog).getByRole("button", { name: "Change this and all following" }));

    const form = screen.getByTestId("change-following");
    // Defaults: the booking's own room, local start (Berlin) and length.
    expect(select(form, "Room").value).toBe("studio-a");
    expect(options(select(form, "Room"))).toEqual(["Studio A", "Podcast Booth"]);
    expect(select(form, "Start").value).toBe("10:00");
    expect(select(form, "Duration").value).toBe("120");
    expect(options(select(form, "Duration"))).toEqual(["1 h", "2 h"]);
    // Studio A starts on the hour.
    expect(options(select(form, "Start"))).toContain("23:00");
    expect(options(select(form, "Start"))).not.toContain("10:30");

    fireEvent.change(select(form, "Room"), { target: { value: "podcast" } });
    // The booth takes half hours and its own lengths.
    expect(options(select(form, "Duration"))).toEqual(["30 min", "1 h"]);
    expect(options(select(form, "Start"))).toContain("10:30");
    fireEvent.change(select(form, "Start"), { target: { value: "10:30" } });
    fireEvent.change(select(form, "Duration"), { target: { value: "30" } });
    expect(ipc.of("change_following")).toHaveLength(0);
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));

    await waitFor(() =>
      expect(ipc.of("change_following")).toEqual([
        { cmd: "change_following", args: { id: first.id, request: { room: "podcast", start: "10:30", minutes: 30 } } },
      ]),
    );
    expect(await within(dialog).findByText("This and all following moved (2).")).toBeTruthy();
    expect(screen.queryByTestId("change-following")).toBeNull();
    // The details show the moved occurrence.
    const details = dialog.querySelector("dl.details") as HTMLElement;
    expect(within(details).getByText("Podcast Booth")).toBeTruthy();
    expect(within(details).getByText("10:30–11:00")).toBeTruthy();
    expect(client.getQueryState(["board", "2026-11-24"])?.isInvalidated).toBe(true);
    expect(ipc.of("cancel_following")).toHaveLength(0);
    expect(ipc.of("change_booking")).toHaveLength(0);
  });

  it("sends the defaults unchanged when only Save is pressed", async () => {
    const { ipc, dialog } = open({ change_following: () => [first, later] });
    fireEvent.click(within(dialog).getByRole("button", { name: "Change this and all following" }));
    fireEvent.click(within(screen.getByTestId("change-following")).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(ipc.of("change_following")).toHaveLength(1));
    expect(ipc.of("change_following")[0].args).toEqual({ id: first.id, request: { room: "studio-a", start: "10:00", minutes: 120 } });
  });

  it("does not offer it for a one-off booking", () => {
    const { dialog } = open({}, booking());
    expect(within(dialog).getByRole("button", { name: "Cancel booking" })).toBeTruthy();
    expect(within(dialog).queryByRole("button", { name: "Change this and all following" })).toBeNull();
    expect(screen.queryByTestId("change-following-open")).toBeNull();
    expect(screen.queryByTestId("change-following")).toBeNull();
  });

  it("shows the conflict and keeps the form open with the choices", async () => {
    const { ipc, dialog } = open({
      change_following: () => {
        throw {
          code: "conflict",
          message: "one of the following overlaps",
          conflicts: [{ room: "studio-a", start: "2026-12-01T11:00:00+01:00", end: "2026-12-01T12:00:00+01:00", reason: "booked" }],
        };
      },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Change this and all following" }));
    const form = screen.getByTestId("change-following");
    fireEvent.change(select(form, "Start"), { target: { value: "11:00" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    const alert = await within(form).findByRole("alert");
    expect(alert.textContent).not.toBe("");
    expect(ipc.of("change_following")[0].args).toEqual({ id: first.id, request: { room: "studio-a", start: "11:00", minutes: 120 } });
    expect(screen.getByTestId("change-following")).toBeTruthy();
    expect(select(form, "Start").value).toBe("11:00");
    expect(within(dialog).queryByText(/moved/)).toBeNull();
    // Nothing changed: the details still show the old time.
    expect(within(dialog).getByText("10:00–12:00")).toBeTruthy();
  });

  it("speaks German", () => {
    const { dialog } = open({}, first, "de");
    fireEvent.click(within(dialog).getByRole("button", { name: "Diesen und alle folgenden ändern" }));
    const form = screen.getByTestId("change-following");
    expect(select(form, "Raum").value).toBe("studio-a");
    expect(select(form, "Beginn").value).toBe("10:00");
    expect(select(form, "Dauer").value).toBe("120");
    expect(within(form).getByRole("button", { name: "Speichern" })).toBeTruthy();
  });
});

describe("startOptions", () => {
  it("lists a day's starts on the interval and keeps an off-interval own start", () => {
    expect(startOptions(60)).toHaveLength(24);
    expect(startOptions(30).slice(0, 3)).toEqual(["00:00", "00:30", "01:00"]);
    expect(startOptions(60, "10:15")).toContain("10:15");
    expect(startOptions(60, "10:15").indexOf("10:15")).toBe(startOptions(60, "10:15").indexOf("10:00") + 1);
  });
});
