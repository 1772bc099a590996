// @vitest-environment jsdom
// Cancellation fees at the desk: the backend's preview shown before a cancellation or a
// no-show is confirmed, and the fee a booking owes, waived by an admin with a reason.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Booking, FeePreview, SignInState } from "../api/types";
import { STUDIO, booking } from "../test/fixtures";
import { seriousViolations } from "../test/axe";
import { ipcRecorder, renderWithProviders, type Answer } from "../test/render";
import { BookingActions } from "./BookingActions";
import { BookingDetails } from "./BookingDetails";
import { StaffBadge, StaffProvider } from "./SignIn";

afterEach(() => {
  cleanup();
  clearMocks();
});

const ADA = booking({ price: 6000 });
const LATE: FeePreview = { amount: 3000, price: 6000, percent: 50, rule: "late_cancel", hoursBefore: 24, currency: "EUR" };
// Intl writes a no-break space between amount and sign in German.
const plain = (text: string | null) => (text ?? "").replace(/\u00a0/g, " ");

function openCancel(answers: Record<string, Answer>, language: "en" | "de" = "en") {
  const ipc = ipcRecorder(answers);
  mockIPC(ipc.handler);
  renderWithProviders(<BookingDetails studio={STUDIO} booking={ADA} onClose={() => {}} />, language);
  const dialog = screen.getByRole("dialog");
  fireEvent.click(within(dialog).getByRole("button", { name: language === "en" ? "Cancel booking" : "Buchung stornieren" }));
  return { ipc, dialog };
}

describe("the fee before a cancellation", () => {
  it("asks the backend for this booking's cancel fee and shows it in the studio's money", async () => {
    const { ipc, dialog } = openCancel({ fee_preview: () => LATE, cancel_booking: () => ({ ...ADA, status: "cancelled", version: 2 }) });
    const preview = await within(dialog).findByTestId("fee-preview");
    expect(preview.textContent).toContain("Late cancellation: 50% of €60.00 = €30.00");
    expect(preview.textContent).toContain("This fee applies from 24 h before the start.");
    expect(ipc.of("fee_preview").map((c) => c.args)).toEqual([{ id: ADA.id, kind: "cancel" }]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel this booking" }));
    await waitFor(() => expect(ipc.of("cancel_booking")).toHaveLength(1));
  });

  it("says it in German with German money", async () => {
    const { dialog } = openCancel({ fee_preview: () => LATE }, "de");
    const preview = await within(dialog).findByTestId("fee-preview");
    expect(plain(preview.textContent)).toContain("Späte Stornierung: 50 % von 60,00 € = 30,00 €");
  });

  it("shows free cancellation as such, and nothing at all without terms", async () => {
    const free: FeePreview = { amount: 0, price: 6000, percent: 0, rule: "free", hoursBefore: 48, currency: "EUR" };
    let { dialog } = openCancel({ fee_preview: () => free });
    expect((await within(dialog).findByTestId("fee-preview")).textContent).toBe("Free cancellation until 48 h before the start: nothing is owed.");
    cleanup();
    clearMocks();

    const none: FeePreview = { amount: 0, price: 0, percent: 0, rule: "none", currency: "EUR" };
    let asked = false;
    ({ dialog } = openCancel({
      fee_preview: () => {
        asked = true;
        return none;
      },
    }));
    await waitFor(() => expect(asked).toBe(true));
    await waitFor(() => expect(within(dialog).queryByText("Working out the fee…")).toBeNull());
    expect(within(dialog).queryByTestId("fee-preview")).toBeNull();
    expect(within(dialog).queryByTestId("fee-preview-failed")).toBeNull();
    expect(within(dialog).getByRole("button", { name: "Cancel this booking" })).toBeTruthy();
  });

  it("says in plain words when the fee cannot be worked out, and still lets staff cancel", async () => {
    const { ipc, dialog } = openCancel({
      fee_preview: () => {
        throw { code: "unreachable", message: "connection refused" };
      },
      cancel_booking: () => ({ ...ADA, status: "cancelled", version: 2 }),
    });
    const failed = await within(dialog).findByTestId("fee-preview-failed");
    expect(failed.textContent).toMatch(/^The fee could not be worked out: .*server cannot be reached/);
    expect(failed.textContent).toContain("You can still go ahead");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel this booking" }));
    await waitFor(() => expect(ipc.of("cancel_booking")).toHaveLength(1));
  });
});

describe("the fee before a no-show", () => {
  it("is shown when staff mark a no-show, which waits for their confirmation", async () => {
    const noShow: FeePreview = { amount: 6000, price: 6000, percent: 100, rule: "no_show", currency: "EUR" };
    const ipc = ipcRecorder({ fee_preview: () => noShow, change_booking: () => ({ ...ADA, noShow: true, version: 2 }) });
    mockIPC(ipc.handler);
    const changed: Booking[] = [];
    // 10:20 on the day: past the start and the grace time.
    renderWithProviders(<BookingActions studio={STUDIO} booking={ADA} now={Date.parse("2026-11-24T10:20:00+01:00")} onChanged={(b) => changed.push(b)} />);
    fireEvent.click(screen.getByTestId("no-show"));
    const confirm = screen.getByRole("group", { name: "Mark Ada Lovelace as a no-show?" });
    expect((await within(confirm).findByTestId("fee-preview")).textContent).toBe("No-show fee: 100% of €60.00 = €60.00");
    expect(ipc.of("fee_preview").map((c) => c.args)).toEqual([{ id: ADA.id, kind: "noShow" }]);
    // Nothing is marked before staff confirm.
    expect(ipc.of("change_booking")).toHaveLength(0);
    fireEvent.click(within(confirm).getByTestId("no-show-confirm"));
    await waitFor(() => expect(ipc.of("change_booking").map((c) => c.args)).toEqual([{ id: ADA.id, change: { kind: "noShow" } }]));
    await waitFor(() => expect(changed).toHaveLength(1));
  });
});

const MIA = { id: "s1", name: "Mia", role: "admin" as const };
const JO = { id: "s2", name: "Jo", role: "staff" as const };
const OWING = booking({ status: "cancelled", price: 6000, fee: { amount: 3000, rule: "late_cancel", percent: 50, hoursBefore: 24 } });

function details(signedIn: SignInState, shown: Booking, answers: Record<string, Answer> = {}) {
  const ipc = ipcRecorder({ sign_in_state: () => signedIn, ...answers });
  mockIPC(ipc.handler);
  renderWithProviders(
    <StaffProvider>
      <StaffBadge />
      <BookingDetails studio={STUDIO} booking={shown} onClose={() => {}} />
    </StaffProvider>,
  );
  return ipc;
}

describe("the fee a booking owes", () => {
  it("is shown to everyone; the waiver is offered to an admin only", async () => {
    const ipc = details({ required: true, signedIn: JO, signOutMinutes: 5 }, OWING);
    expect(screen.getByTestId("booking-fee").textContent).toBe("Fee: Late cancellation: €30.00 (50% of the price)");
    // Once the desk knows Jo is signed in (the header's badge says so), still no waiver.
    expect((await screen.findByTestId("signed-in")).getAttribute("data-staff")).toBe("Jo");
    expect(ipc.of("sign_in_state").length).toBeGreaterThan(0);
    expect(screen.queryByTestId("waive-fee")).toBeNull();
    cleanup();
    clearMocks();

    details({ required: true, signedIn: MIA, signOutMinutes: 5 }, OWING);
    expect(await screen.findByTestId("waive-fee")).toBeTruthy();
  });

  it("needs a reason, then sends it through the booking's change and shows the waiver", async () => {
    const waived = { ...OWING, version: 2, fee: { ...OWING.fee!, waived: { reason: "first time", at: "2026-11-24T12:00:00+01:00", by: "Mia" } } };
    const ipc = details({ required: true, signedIn: MIA, signOutMinutes: 5 }, OWING, { change_booking: () => waived });
    fireEvent.click(await screen.findByTestId("waive-fee"));
    const reason = screen.getByRole("textbox", { name: "Reason for waiving" });
    fireEvent.change(reason, { target: { value: "   " } });
    fireEvent.click(screen.getByTestId("waive-confirm"));
    expect(reason.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Enter a reason: it is kept in the activity log.")).toBeTruthy();
    expect(ipc.of("change_booking")).toHaveLength(0);

    fireEvent.change(reason, { target: { value: " first time " } });
    fireEvent.click(screen.getByTestId("waive-confirm"));
    await waitFor(() => expect(ipc.of("change_booking").map((c) => c.args)).toEqual([{ id: OWING.id, change: { kind: "waiveFee", reason: "first time" } }]));
    await waitFor(() => expect(screen.getByTestId("booking-fee").textContent).toContain("waived by Mia: first time"));
    expect(screen.queryByTestId("waive-fee")).toBeNull();
  });

  it("shows the backend's refusal of a waiver", async () => {
    details({ required: false, signOutMinutes: 5 }, OWING, {
      change_booking: () => {
        throw { code: "admin_required", message: "Jo is not an admin: only an admin can do this" };
      },
    });
    // A studio without staff asks nobody: the waiver is offered.
    fireEvent.click(await screen.findByTestId("waive-fee"));
    fireEvent.change(screen.getByRole("textbox", { name: "Reason for waiving" }), { target: { value: "goodwill" } });
    fireEvent.click(screen.getByTestId("waive-confirm"));
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(screen.getByTestId("booking-fee").textContent).not.toContain("waived");
  });

  it("has no serious or critical axe violations, the waiver open and its reason missing", async () => {
    details({ required: true, signedIn: MIA, signOutMinutes: 5 }, OWING);
    fireEvent.click(await screen.findByTestId("waive-fee"));
    fireEvent.click(screen.getByTestId("waive-confirm"));
    const dialog = screen.getByRole("dialog");
    expect(await seriousViolations(dialog)).toEqual([]);
  });
});
