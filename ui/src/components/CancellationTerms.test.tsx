// @vitest-environment jsdom
// The cancellation terms in the studio settings: tiers added and removed, a room's own
// terms, none at all, and a field the backend refused marked where it is typed.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { StudioInfo, StudioUpdate, Terms } from "../api/types";
import { STUDIO } from "../test/fixtures";
import { seriousViolations } from "../test/axe";
import { ipcRecorder, renderWithProviders } from "../test/render";
import { StudioSettings } from "./StudioSettings";

afterEach(() => {
  cleanup();
  clearMocks();
});

const TERMS: Terms = { freeHoursBefore: 48, tiers: [{ hoursBefore: 48, percent: 25 }], noShowPercent: 100 };
const CURRENT: StudioInfo = { ...STUDIO, hours: { weekly: { mon: [["08:00", "24:00"]] }, dates: {} }, version: 4, cancellationTerms: TERMS };

const termsBox = (name = "Cancellation terms") => screen.getByRole("group", { name });
const field = (scope: HTMLElement, name: string) => within(scope).getByRole("textbox", { name }) as HTMLInputElement;
const roomItem = (id: string) => screen.getAllByRole("listitem").find((li) => li.getAttribute("data-room") === id)!;

async function saved(ipc: ReturnType<typeof ipcRecorder>): Promise<StudioUpdate> {
  fireEvent.click(screen.getByRole("button", { name: "Save the studio" }));
  await waitFor(() => expect(ipc.of("change_studio")).toHaveLength(1));
  return ipc.of("change_studio")[0].args.update as StudioUpdate;
}

describe("cancellation terms in the studio settings", () => {
  it("adds and removes fee tiers, gives a room its own terms, and sends them", async () => {
    const ipc = ipcRecorder({ check_studio: () => [], change_studio: () => CURRENT });
    mockIPC(ipc.handler);
    renderWithProviders(<StudioSettings studio={CURRENT} />);
    const box = termsBox();
    expect(field(box, "Free cancellation until (hours before the start)").value).toBe("48");

    fireEvent.click(within(box).getByRole("button", { name: "+ Add a fee tier" }));
    const second = within(box).getByRole("group", { name: "Fee tier 2" });
    expect(field(second, "From (hours before the start)").value).toBe("24");
    fireEvent.change(field(second, "Fee (% of the price)"), { target: { value: "50" } });
    fireEvent.click(within(box).getByRole("button", { name: "+ Add a fee tier" }));
    expect(within(box).getByRole("group", { name: "Fee tier 3" })).toBeTruthy();
    fireEvent.click(within(box).getByRole("button", { name: "Remove fee tier 3" }));
    expect(within(box).queryByRole("group", { name: "Fee tier 3" })).toBeNull();

    // Studio A: terms of its own, starting from the studio's; no-shows owe half.
    const roomA = roomItem("studio-a");
    fireEvent.change(within(roomA).getByRole("combobox", { name: "Cancellation terms of Studio A" }), { target: { value: "own" } });
    fireEvent.change(field(roomA, "No-show fee (% of the price)"), { target: { value: "50" } });
    // The podcast booth stays under the studio's terms: no editor of its own.
    expect(within(roomItem("podcast")).queryByRole("textbox", { name: "No-show fee (% of the price)" })).toBeNull();

    const sent = await saved(ipc);
    expect(sent.cancellationTerms).toEqual({
      freeHoursBefore: 48,
      tiers: [
        { hoursBefore: 48, percent: 25 },
        { hoursBefore: 24, percent: 50 },
      ],
      noShowPercent: 100,
    });
    expect(sent.roomTerms).toEqual({ "studio-a": { ...TERMS, tiers: [{ hoursBefore: 48, percent: 25 }, { hoursBefore: 24, percent: 50 }], noShowPercent: 50 } });
  });

  it("asks a deposit: a share of the price in the studio, a fixed amount in a room", async () => {
    const ipc = ipcRecorder({ check_studio: () => [], change_studio: () => CURRENT });
    mockIPC(ipc.handler);
    renderWithProviders(<StudioSettings studio={CURRENT} />);
    const box = termsBox();
    const kind = (scope: HTMLElement) => within(scope).getAllByRole("combobox", { name: "Deposit a booking asks for" })[0];
    fireEvent.change(kind(box), { target: { value: "percent" } });
    fireEvent.change(field(box, "Deposit (% of the price)"), { target: { value: "40" } });
    const roomA = roomItem("studio-a");
    fireEvent.change(within(roomA).getByRole("combobox", { name: "Cancellation terms of Studio A" }), { target: { value: "own" } });
    fireEvent.change(kind(roomA), { target: { value: "amount" } });
    fireEvent.change(field(roomA, "Deposit (amount)"), { target: { value: "25.50" } });
    const sent = await saved(ipc);
    expect(sent.cancellationTerms?.deposit).toEqual({ percent: 40, amount: null });
    expect(sent.roomTerms?.["studio-a"].deposit).toEqual({ percent: null, amount: 2550 });
  });

  it("sends the terms it was given when only other fields change, and none once they are switched off", async () => {
    const withRoom = { ...CURRENT, roomTerms: { podcast: { ...TERMS, noShowPercent: 0 } } };
    let ipc = ipcRecorder({ check_studio: () => [], change_studio: () => withRoom });
    mockIPC(ipc.handler);
    renderWithProviders(<StudioSettings studio={withRoom} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Studio name" }), { target: { value: "Renamed" } });
    let sent = await saved(ipc);
    // Left out, they would be cleared: an edit of the name keeps them.
    expect(sent.cancellationTerms).toEqual(TERMS);
    expect(sent.roomTerms).toEqual(withRoom.roomTerms);
    cleanup();
    clearMocks();

    ipc = ipcRecorder({ check_studio: () => [], change_studio: () => CURRENT });
    mockIPC(ipc.handler);
    renderWithProviders(<StudioSettings studio={withRoom} />);
    fireEvent.click(within(termsBox()).getByRole("checkbox", { name: "Charge fees for late cancellations and no-shows" }));
    expect(within(termsBox()).getByText("Cancelling and no-shows owe nothing.")).toBeTruthy();
    fireEvent.change(within(roomItem("podcast")).getByRole("combobox", { name: "Cancellation terms of Podcast Booth" }), { target: { value: "studio" } });
    sent = await saved(ipc);
    expect(sent.cancellationTerms).toBeNull();
    expect(sent.roomTerms).toEqual({});
  });

  it("marks the field the backend refused, and only that one", async () => {
    const ipc = ipcRecorder({
      check_studio: () => [],
      change_studio: () => {
        throw {
          code: "invalid",
          message: "cancellationTerms.tiers[1].hoursBefore: 48 hours must be fewer than the tier before it (48 hours): tiers go from the furthest before the start to the nearest",
        };
      },
    });
    mockIPC(ipc.handler);
    renderWithProviders(<StudioSettings studio={CURRENT} />);
    const box = termsBox();
    fireEvent.click(within(box).getByRole("button", { name: "+ Add a fee tier" }));
    const second = within(box).getByRole("group", { name: "Fee tier 2" });
    fireEvent.change(field(second, "From (hours before the start)"), { target: { value: "48" } });
    const sent = await saved(ipc);
    expect(sent.cancellationTerms?.tiers[1]).toEqual({ hoursBefore: 48, percent: 25 });

    const refused = field(second, "From (hours before the start)");
    await waitFor(() => expect(refused.getAttribute("aria-invalid")).toBe("true"));
    const note = document.getElementById(refused.getAttribute("aria-describedby")!)!;
    expect(note.textContent).toBe("Each tier starts nearer the start than the one before it, and no earlier than free cancellation ends.");
    // The first tier's hours and the percentages are not marked.
    const first = within(box).getByRole("group", { name: "Fee tier 1" });
    expect(field(first, "From (hours before the start)").getAttribute("aria-invalid")).toBeNull();
    expect(field(second, "Fee (% of the price)").getAttribute("aria-invalid")).toBeNull();
    // The backend's sentence is shown below too.
    expect(screen.getByRole("alert").textContent).toContain("must be fewer than the tier before it");
  });

  it("marks a room's refused percentage in that room, in German too", async () => {
    const withRoom = { ...CURRENT, roomTerms: { "studio-a": { ...TERMS, noShowPercent: 150 } } };
    const ipc = ipcRecorder({
      check_studio: () => [],
      change_studio: () => {
        throw { code: "invalid", message: "roomTerms.studio-a.noShowPercent: roomTerms.studio-a.noShowPercent: 150 % is over 100 %" };
      },
    });
    mockIPC(ipc.handler);
    renderWithProviders(<StudioSettings studio={withRoom} />, "de");
    fireEvent.click(screen.getByRole("button", { name: "Studio speichern" }));
    await waitFor(() => expect(ipc.of("change_studio")).toHaveLength(1));
    const roomA = roomItem("studio-a");
    const noShow = field(roomA, "No-Show-Gebühr (% des Preises)");
    await waitFor(() => expect(noShow.getAttribute("aria-invalid")).toBe("true"));
    expect(within(roomA).getByText("Ein Prozentsatz von 0 bis 100.")).toBeTruthy();
    // The room's choice is marked too; the other room's is not.
    expect(within(roomA).getByRole("combobox", { name: "Stornobedingungen von Studio A" }).getAttribute("aria-invalid")).toBe("true");
    expect(within(roomItem("podcast")).getByRole("combobox", { name: "Stornobedingungen von Podcast Booth" }).getAttribute("aria-invalid")).toBeNull();
    // The studio's own no-show field is not the one refused.
    expect(field(termsBox("Stornobedingungen"), "No-Show-Gebühr (% des Preises)").getAttribute("aria-invalid")).toBeNull();
  });

  it("has no serious or critical axe violations with a room's own terms and a refused field", async () => {
    const ipc = ipcRecorder({
      check_studio: () => [],
      change_studio: () => {
        throw { code: "invalid", message: "cancellationTerms.noShowPercent: 150 % is over 100 %" };
      },
    });
    mockIPC(ipc.handler);
    const { container } = renderWithProviders(<StudioSettings studio={{ ...CURRENT, roomTerms: { podcast: TERMS } }} />);
    await saved(ipc);
    await waitFor(() => expect(field(termsBox(), "No-show fee (% of the price)").getAttribute("aria-invalid")).toBe("true"));
    expect(await seriousViolations(container.querySelector(".cancellation-terms")!.parentElement!)).toEqual([]);
  });
});
