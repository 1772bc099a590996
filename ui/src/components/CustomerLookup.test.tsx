// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { CustomerSummary } from "../api/types";
import { BookingFlow } from "./BookingFlow";
import { STUDIO, booking, flowAnswers } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";

const LOOPS: CustomerSummary = {
  customer: { id: "c-loops", name: "The Feedback Loops", phone: "0151 555 0199", email: "loops@example.com", notes: null, mergedInto: null, version: 3 },
  bookings: 7,
  noShows: 2,
  unpaid: 4000,
  last: "2026-11-20T19:00:00+01:00",
};
const ADA: CustomerSummary = {
  customer: { id: "c-ada", name: "Ada Lovelace", phone: "030 5550 111", email: null, notes: null, mergedInto: null, version: 1 },
  bookings: 1,
  noShows: 0,
  unpaid: 0,
  last: null,
};

/** The desk's customers: digits search phone numbers, other text names. */
function find(args: Record<string, unknown>): CustomerSummary[] {
  const text = String(args.text).toLowerCase();
  return [ADA, LOOPS].filter((s) =>
    /^\d+$/.test(text) ? (s.customer.phone ?? "").replace(/\D/g, "").includes(text) : s.customer.name.toLowerCase().includes(text),
  );
}

function backend() {
  return ipcRecorder({
    ...flowAnswers(),
    find_customers: find,
    create_booking: (args) => booking({ ...(args.request as object), status: "confirmed" }),
  });
}

afterEach(() => {
  cleanup();
  clearMocks();
});

const initial = { room: "studio-a", date: "2026-11-24", start: "2026-11-24T11:00:00+01:00" };

async function toCustomerStep() {
  const ipc = backend();
  mockIPC(ipc.handler);
  renderWithProviders(<BookingFlow studio={STUDIO} initial={initial} onClose={() => {}} />);
  fireEvent.click(await screen.findByRole("button", { name: /^11:00/ }));
  await screen.findByText("Hold is live");
  return ipc;
}

const nameField = () => screen.getByRole("textbox", { name: "Name" }) as HTMLInputElement;
const phoneField = () => screen.getByRole("textbox", { name: "Phone" }) as HTMLInputElement;

describe("customer lookup in the booking flow", () => {
  it("finds a regular by phone digits, warns of no-shows, and books with the picked name and phone", async () => {
    const ipc = await toCustomerStep();
    // One character asks nothing.
    fireEvent.change(phoneField(), { target: { value: "5" } });
    expect(ipc.of("find_customers")).toHaveLength(0);

    fireEvent.change(phoneField(), { target: { value: "555" } });
    const list = await screen.findByRole("listbox", { name: "Known customers" });
    expect(ipc.of("find_customers").at(-1)?.args).toEqual({ text: "555" });
    const options = within(list).getAllByTestId("customer-option");
    expect(options.map((o) => o.getAttribute("role"))).toEqual(["option", "option"]);
    const loops = options.find((o) => o.textContent?.includes("The Feedback Loops"))!;
    expect(loops.textContent).toContain("0151 555 0199 · loops@example.com");
    expect(loops.textContent).toContain("7 bookings · 2 no-shows · unpaid €40.00");
    expect(within(loops).getByText("2 no-shows").className).toBe("customer-no-shows");
    // Ada's counts: one booking, nothing else worth saying.
    const ada = options.find((o) => o.textContent?.includes("Ada Lovelace"))!;
    expect(ada.textContent).toContain("1 booking");
    expect(ada.textContent).not.toMatch(/no-show|unpaid/);

    fireEvent.click(loops);
    expect(nameField().value).toBe("The Feedback Loops");
    expect(phoneField().value).toBe("0151 555 0199");
    expect(screen.queryByRole("listbox")).toBeNull();

    fireEvent.click(screen.getByTestId("confirm"));
    expect((await screen.findByTestId("done-status")).textContent).toBe("Booked.");
    const request = ipc.of("create_booking")[0].args.request as Record<string, unknown>;
    expect(request.customer).toEqual({ name: "The Feedback Loops", phone: "0151 555 0199" });
  });

  it("moves with the arrow keys and picks with Enter; Enter with nothing highlighted still books", async () => {
    const ipc = await toCustomerStep();
    fireEvent.change(nameField(), { target: { value: "ada" } });
    await screen.findByRole("listbox");
    await waitFor(() => expect(ipc.of("find_customers").at(-1)?.args).toEqual({ text: "ada" }));
    expect(screen.getAllByTestId("customer-option")).toHaveLength(1);
    fireEvent.keyDown(nameField(), { key: "ArrowDown" });
    const option = screen.getByTestId("customer-option");
    expect(option.getAttribute("aria-selected")).toBe("true");
    expect(nameField().getAttribute("aria-activedescendant")).toBe(option.id);
    fireEvent.keyDown(nameField(), { key: "Enter" });
    expect(nameField().value).toBe("Ada Lovelace");
    expect(phoneField().value).toBe("030 5550 111");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(ipc.of("create_booking")).toHaveLength(0);

    // A new customer whose name starts like a known one: nothing is picked unasked.
    fireEvent.change(nameField(), { target: { value: "Ada L." } });
    fireEvent.change(nameField(), { target: { value: "Ada" } });
    await screen.findByRole("listbox");
    // Enter with nothing highlighted is left to the form (it books the name as typed).
    expect(fireEvent.keyDown(nameField(), { key: "Enter" })).toBe(true);
    expect(nameField().value).toBe("Ada");
    fireEvent.keyDown(nameField(), { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
    // The step is still there (Esc only closed the list).
    expect(nameField().value).toBe("Ada");
  });
});
