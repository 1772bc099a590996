// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Occurrence, SeriesRule, SkipReason } from "../api/types";
import type { Language } from "../i18n";
import { addDays } from "../time";
import { BookingDetails } from "./BookingDetails";
import { BookingFlow } from "./BookingFlow";
import { STUDIO, booking, flowAnswers } from "../test/fixtures";
import { ipcRecorder, renderWithProviders, type Answer } from "../test/render";

/** The occurrences of a rule as the backend lists them (Berlin is +01:00 until March). */
function occurrencesOf(rule: SeriesRule, skips: Record<string, SkipReason>): Occurrence[] {
  const step = rule.repeat === "daily" ? 1 : 7 * rule.everyWeeks;
  const list: Occurrence[] = [];
  for (let date = rule.first; rule.times ? list.length < rule.times : date <= rule.until!; date = addDays(date, step)) {
    const start = new Date(`${date}T${rule.start}:00+01:00`);
    const end = new Date(start.getTime() + rule.minutes * 60_000);
    list.push({ date, start: start.toISOString(), end: end.toISOString(), skip: skips[date] ?? null });
  }
  return list;
}

function backend(skips: Record<string, SkipReason>, extra: Record<string, Answer> = {}) {
  const preview = (args: Record<string, unknown>) => occurrencesOf((args.request as { rule: SeriesRule }).rule, skips);
  return ipcRecorder({
    ...flowAnswers(),
    preview_series: preview,
    book_series: (args) => {
      const request = args.request as { rule: SeriesRule; customer: { name: string } };
      const all = preview({ request });
      return {
        booked: all
          .filter((o) => !o.skip)
          .map((o, i) => booking({ id: `b-${i}`, start: o.start!, end: o.end!, customer: request.customer, series: "s-1" })),
        skipped: all.filter((o) => o.skip),
      };
    },
    create_booking: () => {
      throw { code: "invalid", message: "not a series" };
    },
    ...extra,
  });
}

afterEach(() => {
  cleanup();
  clearMocks();
});

const initial = { room: "studio-a", date: "2026-11-24", start: "2026-11-24T09:00:00+01:00" };

/** Opens the flow, picks 09:00 and waits for its hold. */
async function toDetails(ipc: ReturnType<typeof backend>, language: Language = "en") {
  mockIPC(ipc.handler);
  renderWithProviders(<BookingFlow studio={STUDIO} initial={initial} onClose={() => {}} />, language);
  // The slot itself (in German the suggestion "09:00 vormerken" starts with the time too).
  const slots = await screen.findAllByRole("button", { name: /^09:00/ });
  fireEvent.click(slots.find((s) => s.getAttribute("data-time") === "09:00")!);
  await screen.findByText(language === "en" ? "Hold is live" : "Vormerkung aktiv");
  return ipc.of("set_holds")[0].args.session as string;
}

const lastPreview = (ipc: ReturnType<typeof backend>) => ipc.of("preview_series").at(-1)?.args.request as { rule: SeriesRule; session: string } | undefined;
const stateOf = (line: HTMLElement) => line.querySelector(".occurrence-state")!.textContent;

describe("a recurring series in the booking flow", () => {
  it("previews weekly × 4 with the reasons in words, books the free ones and shows what was skipped", async () => {
    const ipc = backend({ "2026-12-01": "booked", "2026-12-15": "changeover" });
    const session = await toDetails(ipc);
    expect(screen.queryByRole("combobox", { name: "How often" })).toBeNull();
    fireEvent.click(screen.getByRole("checkbox", { name: "Repeat this booking (a series)" }));
    expect((screen.getByRole("combobox", { name: "How often" }) as HTMLSelectElement).value).toBe("1");
    // The default: weekly, ten times.
    await waitFor(() => expect(lastPreview(ipc)?.rule.times).toBe(10));
    fireEvent.change(screen.getByRole("spinbutton", { name: "Number of times" }), { target: { value: "4" } });

    await waitFor(() => expect(screen.getAllByTestId("occurrence")).toHaveLength(4));
    expect(lastPreview(ipc)).toEqual({
      rule: {
        room: "studio-a",
        first: "2026-11-24",
        start: "09:00",
        minutes: 60,
        repeat: "weekly",
        everyWeeks: 1,
        times: 4,
        until: null,
      },
      session,
    });
    const lines = screen.getAllByTestId("occurrence");
    expect(lines.map((l) => l.getAttribute("data-skip"))).toEqual(["free", "booked", "free", "changeover"]);
    expect(lines.map(stateOf)).toEqual(["free", "already booked", "free", "too close to another booking (changeover)"]);
    expect(lines[0].textContent).toContain("Tuesday, 24 November 2026");
    expect(lines[0].textContent).toContain("09:00–10:00");
    expect(lines[3].textContent).toContain("Tuesday, 15 December 2026");
    expect(screen.getByTestId("series-summary").textContent).toBe("2 of 4 free; 2 will be skipped");
    const confirm = screen.getByTestId("confirm") as HTMLButtonElement;
    await waitFor(() => expect(confirm.disabled).toBe(false));
    expect(confirm.textContent).toBe("Book 2 occurrences");

    // A name is still required; nothing is sent without it.
    fireEvent.click(confirm);
    expect(await screen.findByText("Enter the customer's name.")).toBeTruthy();
    expect(ipc.of("book_series")).toHaveLength(0);

    fireEvent.change(screen.getByRole("textbox", { name: "Name" }), { target: { value: "The Rehearsal Band" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Note" }), { target: { value: "drums stay" } });
    fireEvent.click(confirm);
    const done = await screen.findByTestId("series-done");
    expect(ipc.of("create_booking")).toHaveLength(0);
    const request = ipc.of("book_series")[0].args.request as Record<string, unknown>;
    expect(request).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      rule: lastPreview(ipc)!.rule,
      customer: { name: "The Rehearsal Band", phone: null },
      note: "drums stay",
      session,
    });
    expect(within(done).getByTestId("series-done-status").textContent).toBe("2 of 4 occurrences booked for The Rehearsal Band.");
    expect(within(done).getAllByTestId("booked-occurrence")).toHaveLength(2);
    const skipped = within(done).getAllByTestId("skipped-occurrence");
    expect(skipped.map((l) => l.getAttribute("data-skip"))).toEqual(["booked", "changeover"]);
    expect(skipped[0].textContent).toContain("Tuesday, 1 December 2026");
    expect(skipped.map(stateOf)).toEqual(["already booked", "too close to another booking (changeover)"]);
    await waitFor(() => expect(ipc.of("release_holds")).toHaveLength(1));
  });

  it("sends every 2 weeks until a date", async () => {
    const ipc = backend({});
    const session = await toDetails(ipc);
    fireEvent.click(screen.getByRole("checkbox", { name: "Repeat this booking (a series)" }));
    fireEvent.change(screen.getByRole("combobox", { name: "How often" }), { target: { value: "2" } });
    fireEvent.click(screen.getByRole("radio", { name: "until" }));
    expect((screen.getByRole("spinbutton", { name: "Number of times" }) as HTMLInputElement).disabled).toBe(true);
    const until = screen.getByRole("textbox", { name: "Last date" });
    fireEvent.focus(until);
    fireEvent.change(until, { target: { value: "22/12/2026" } });
    fireEvent.blur(until);

    await waitFor(() => expect(lastPreview(ipc)?.rule.until).toBe("2026-12-22"));
    expect(lastPreview(ipc)).toEqual({
      rule: {
        room: "studio-a",
        first: "2026-11-24",
        start: "09:00",
        minutes: 60,
        repeat: "weekly",
        everyWeeks: 2,
        times: null,
        until: "2026-12-22",
      },
      session,
    });
    await waitFor(() => expect(screen.getAllByTestId("occurrence")).toHaveLength(3));
    expect(screen.getAllByTestId("occurrence").map((l) => l.getAttribute("data-skip"))).toEqual(["free", "free", "free"]);
    expect(screen.getByTestId("series-summary").textContent).toBe("All 3 free");
    const confirm = screen.getByTestId("confirm") as HTMLButtonElement;
    await waitFor(() => expect(confirm.textContent).toBe("Book 3 occurrences"));

    fireEvent.change(screen.getByRole("textbox", { name: "Name" }), { target: { value: "Duo" } });
    fireEvent.click(confirm);
    await screen.findByTestId("series-done");
    const rule = (ipc.of("book_series")[0].args.request as { rule: SeriesRule }).rule;
    expect(rule).toMatchObject({ repeat: "weekly", everyWeeks: 2, until: "2026-12-22", times: null });
    expect(screen.queryAllByTestId("skipped-occurrence")).toHaveLength(0);
  });

  it("shows the backend's refusal and books nothing", async () => {
    const ipc = backend(
      {},
      {
        preview_series: () => {
          throw { code: "invalid", message: "A series may span one year at most." };
        },
      },
    );
    await toDetails(ipc);
    fireEvent.click(screen.getByRole("checkbox", { name: "Repeat this booking (a series)" }));
    fireEvent.change(screen.getByRole("spinbutton", { name: "Number of times" }), { target: { value: "400" } });
    await waitFor(() => expect(lastPreview(ipc)?.rule.times).toBe(400));
    expect((await screen.findByRole("alert")).textContent).toBe("A series may span one year at most.");
    expect(screen.queryAllByTestId("occurrence")).toHaveLength(0);
    expect((screen.getByTestId("confirm") as HTMLButtonElement).disabled).toBe(true);
  });

  it("speaks German", async () => {
    const ipc = backend({ "2026-11-25": "closed", "2026-11-26": "outside_hours" });
    await toDetails(ipc, "de");
    fireEvent.click(screen.getByRole("checkbox", { name: "Wiederholen (Serie)" }));
    const often = screen.getByRole("combobox", { name: "Wie oft" });
    expect(within(often).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "täglich",
      "wöchentlich",
      "alle 2 Wochen",
      "alle 3 Wochen",
      "alle 4 Wochen",
    ]);
    fireEvent.change(often, { target: { value: "daily" } });
    fireEvent.change(screen.getByRole("spinbutton", { name: "Anzahl der Termine" }), { target: { value: "3" } });
    await waitFor(() => expect(screen.getAllByTestId("occurrence")).toHaveLength(3));
    expect(lastPreview(ipc)?.rule).toMatchObject({ repeat: "daily", everyWeeks: 1, times: 3 });
    expect(screen.getAllByTestId("occurrence").map(stateOf)).toEqual(["frei", "Studio geschlossen", "außerhalb der Öffnungszeiten"]);
    expect(screen.getByTestId("series-summary").textContent).toBe("1 von 3 frei; übersprungen: 2");
    await waitFor(() => expect(screen.getByTestId("confirm").textContent).toBe("1 Termin buchen"));
  });
});

describe("cancelling a series from a booking's details", () => {
  it("offers “Cancel this and all following” for an occurrence of a series and cancels through cancel_following", async () => {
    const b = booking({ series: "series-1" });
    const later = booking({ id: "22222222-2222-4222-8222-222222222222", start: "2026-12-01T10:00:00+01:00", end: "2026-12-01T12:00:00+01:00", series: "series-1" });
    const ipc = ipcRecorder({
      activity: () => [],
      cancel_following: (args) => [
        { ...b, status: "cancelled", reason: args.reason, version: 2 },
        { ...later, status: "cancelled", reason: args.reason, version: 2 },
      ],
    });
    mockIPC(ipc.handler);
    const { client } = renderWithProviders(<BookingDetails studio={STUDIO} booking={b} onClose={() => {}} />);
    client.setQueryData(["board", "2026-11-24"], 1);
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByRole("button", { name: "Cancel booking" })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel this and all following" }));
    fireEvent.change(within(dialog).getByRole("textbox", { name: "Reason for cancelling" }), { target: { value: "band split" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel this and all following" }));
    await waitFor(() => expect(ipc.of("cancel_following")).toEqual([{ cmd: "cancel_following", args: { id: b.id, reason: "band split" } }]));
    expect(await within(dialog).findByText("This and all following cancelled (2).")).toBeTruthy();
    expect(within(dialog).getByTestId("booking-status").textContent).toBe("Cancelled — band split");
    expect(ipc.of("cancel_booking")).toHaveLength(0);
    expect(client.getQueryState(["board", "2026-11-24"])?.isInvalidated).toBe(true);
    expect(within(dialog).queryByRole("button", { name: "Cancel booking" })).toBeNull();
  });

  it("does not offer it for a one-off booking", () => {
    mockIPC(ipcRecorder({ activity: () => [] }).handler);
    renderWithProviders(<BookingDetails studio={STUDIO} booking={booking()} onClose={() => {}} />);
    expect(screen.getByRole("button", { name: "Cancel booking" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Cancel this and all following" })).toBeNull();
  });
});
