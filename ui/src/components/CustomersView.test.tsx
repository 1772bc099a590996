// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient } from "@tanstack/react-query";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { App } from "../App";
import type { CustomerPage, CustomerRecord, CustomerSummary, Settings } from "../api/types";
import { STUDIO, board, booking } from "../test/fixtures";
import { ipcRecorder, renderWithProviders } from "../test/render";
import { CustomersView } from "./CustomersView";

let clientOf: QueryClient;

afterEach(() => {
  cleanup();
  clearMocks();
});

const LOOPS: CustomerRecord = {
  id: "c-loops",
  name: "The Feedback Loops",
  phone: "0151 555 0199",
  email: "loops@example.com",
  notes: "Drummer brings own cymbals",
  mergedInto: null,
  version: 3,
};
const LOOPS_TOO: CustomerRecord = { id: "c-loops-2", name: "Feedback Loops", phone: null, email: "band@loops.example", notes: null, mergedInto: null, version: 1 };

const summary = (customer: CustomerRecord, over: Partial<CustomerSummary> = {}): CustomerSummary => ({
  customer,
  bookings: 2,
  noShows: 1,
  unpaid: 8000,
  last: "2026-11-24T10:00:00+01:00",
  ...over,
});

/** The Loops' bookings, newest first: a no-show (unpaid) and a cancelled one before it. */
const BOOKINGS = [
  booking({ id: "b-new", customer: { name: LOOPS.name, phone: LOOPS.phone }, customerId: LOOPS.id, noShow: true }),
  booking({
    id: "b-old",
    room: "podcast",
    start: "2026-11-10T18:00:00+01:00",
    end: "2026-11-10T19:00:00+01:00",
    customer: { name: LOOPS.name, phone: LOOPS.phone },
    customerId: LOOPS.id,
    status: "cancelled",
    reason: "ill",
    price: 2000,
    payment: { status: "paid", amount: 2000, method: "card" },
  }),
];

function backend() {
  let record = LOOPS;
  const ipc = ipcRecorder({
    find_customers: (args) => {
      const text = String(args.text).toLowerCase();
      return [summary(record), summary(LOOPS_TOO, { bookings: 1, noShows: 0, unpaid: 0 })].filter((s) =>
        s.customer.name.toLowerCase().includes(text),
      );
    },
    customer_page: (): CustomerPage => ({ summary: summary(record), bookings: BOOKINGS }),
    edit_customer: (args) => {
      const request = args.request as Omit<CustomerRecord, "id">;
      record = { ...record, ...request, version: record.version + 1 };
      return record;
    },
    merge_customers: () => record,
    activity: () => [],
  });
  /** Another desk changes the record. */
  const touch = () => {
    record = { ...record, phone: "0151 555 0100", version: record.version + 1 };
  };
  return { ...ipc, touch };
}

async function openLoops(ipc: ReturnType<typeof backend>) {
  mockIPC(ipc.handler);
  const { client } = renderWithProviders(<CustomersView studio={STUDIO} />);
  clientOf = client;
  const search = screen.getByRole("searchbox", { name: "Name, phone or email" });
  expect(document.activeElement).toBe(search);
  fireEvent.change(search, { target: { value: "loops" } });
  const rows = await screen.findAllByTestId("customer-row");
  expect(ipc.of("find_customers").at(-1)?.args).toEqual({ text: "loops" });
  expect(rows).toHaveLength(2);
  expect(rows[0].textContent).toContain("The Feedback Loops");
  expect(rows[0].textContent).toContain("2 bookings · 1 no-show · unpaid €80.00");
  fireEvent.click(rows[0]);
  return await screen.findByRole("article", { name: "The Feedback Loops" });
}

describe("customers screen", () => {
  it("finds a customer and opens their page: details, counts and bookings newest first", async () => {
    const ipc = backend();
    const page = await openLoops(ipc);
    expect(ipc.of("customer_page")[0].args).toEqual({ id: "c-loops" });
    const details = within(page).getByTestId("customer-details").textContent;
    expect(details).toContain("0151 555 0199");
    expect(details).toContain("loops@example.com");
    expect(details).toContain("Drummer brings own cymbals");
    expect(within(page).getByTestId("stat-bookings").textContent).toBe("2");
    expect(within(page).getByTestId("stat-no-shows").textContent).toBe("1");
    expect(within(page).getByTestId("stat-unpaid").textContent).toBe("€80.00");
    const rows = within(page).getAllByTestId("customer-booking");
    expect(rows.map((r) => r.textContent)).toEqual([
      "Tuesday, 24 November 2026, 10:00–12:00Studio A€80.00 · unpaidConfirmedno-show",
      "Tuesday, 10 November 2026, 18:00–19:00Podcast Booth€20.00 · paidCancelled",
    ]);
    // A booking opens its details, without a link to the page it was opened from.
    fireEvent.click(rows[0]);
    const dialog = await screen.findByRole("dialog", { name: "Booking details" });
    expect(within(dialog).queryByTestId("customer-link")).toBeNull();
    fireEvent.click(within(dialog).getByRole("button", { name: "Close" }));

    fireEvent.click(within(page).getByRole("button", { name: "Back to the list" }));
    expect(await screen.findAllByTestId("customer-row")).toHaveLength(2);
  });

  it("edits the record made to the version shown, and shows the new notes", async () => {
    const ipc = backend();
    const page = await openLoops(ipc);
    fireEvent.click(within(page).getByRole("button", { name: "Edit" }));
    const form = within(page).getByRole("form", { name: "Edit" });
    expect((within(form).getByRole("textbox", { name: "Name" }) as HTMLInputElement).value).toBe("The Feedback Loops");
    fireEvent.change(within(form).getByRole("textbox", { name: "Notes" }), { target: { value: "Pays cash; no-show in Nov" } });
    fireEvent.change(within(form).getByRole("textbox", { name: "Email" }), { target: { value: "  " } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(ipc.of("edit_customer")).toHaveLength(1));
    expect(ipc.of("edit_customer")[0].args).toEqual({
      id: "c-loops",
      request: { version: 3, name: "The Feedback Loops", phone: "0151 555 0199", email: null, notes: "Pays cash; no-show in Nov" },
    });
    expect(await within(page).findByText("Saved.")).toBeTruthy();
    await waitFor(() => expect(within(page).getByTestId("customer-notes").textContent).toBe("Pays cash; no-show in Nov"));
    expect(ipc.of("customer_page").length).toBeGreaterThanOrEqual(2);
  });

  it("says to reload when someone else changed the record, and edits the new version after", async () => {
    const ipc = backend();
    let refuse = true;
    const handler = ipc.handler;
    const page = await openLoops(ipc);
    mockIPC((cmd, args) => {
      if (cmd === "edit_customer" && refuse) {
        refuse = false;
        ipc.calls.push({ cmd, args: args as Record<string, unknown> });
        throw { code: "stale", message: "customer c-loops is at version 4" };
      }
      return handler(cmd, args);
    });
    fireEvent.click(within(page).getByRole("button", { name: "Edit" }));
    // Another desk saves meanwhile, and this page hears of it (a bookings event): the form
    // keeps what staff typed and the version they started from.
    fireEvent.change(within(page).getByRole("textbox", { name: "Notes" }), { target: { value: "mine" } });
    ipc.touch();
    const asked = ipc.of("customer_page").length;
    void clientOf.invalidateQueries({ queryKey: ["customers"] });
    await waitFor(() => expect(ipc.of("customer_page").length).toBe(asked + 1));
    await waitFor(() => expect(within(page).getByTestId("customer-details").textContent).toContain("0151 555 0100"));
    expect((within(page).getByRole("textbox", { name: "Notes" }) as HTMLTextAreaElement).value).toBe("mine");
    fireEvent.click(within(page).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(ipc.of("edit_customer")).toHaveLength(1));
    expect((ipc.of("edit_customer")[0].args.request as { version: number }).version).toBe(3);
    expect((await within(page).findByRole("alert")).textContent).toMatch(/Someone else saved a change meanwhile.*Reload/);
    const pages = ipc.of("customer_page").length;
    fireEvent.click(within(page).getByRole("button", { name: "Reload" }));
    await waitFor(() => expect(ipc.of("customer_page").length).toBe(pages + 1));
    await waitFor(() => expect(within(page).queryByRole("alert")).toBeNull());
    fireEvent.click(within(page).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(ipc.of("edit_customer")).toHaveLength(2));
    // The second try is made to the version the reload brought.
    expect((ipc.of("edit_customer")[1].args.request as { version: number }).version).toBe(4);
  });

  it("merges a duplicate into this customer, never the customer into itself", async () => {
    const ipc = backend();
    const page = await openLoops(ipc);
    fireEvent.click(within(page).getByRole("button", { name: "Merge another record into this one" }));
    fireEvent.change(within(page).getByRole("textbox", { name: "Find the other record" }), { target: { value: "loops" } });
    await waitFor(() => expect(ipc.of("find_customers").at(-1)?.args).toEqual({ text: "loops" }));
    // Both records match; only the other one is offered.
    const options = await within(page).findAllByTestId("merge-option");
    expect(options.map((o) => o.textContent)).toEqual(["Feedback Loopsband@loops.example1 booking"]);
    fireEvent.click(options[0]);
    const confirm = within(page).getByTestId("merge-confirm-box");
    expect(confirm.textContent).toContain("Merge “Feedback Loops” into “The Feedback Loops”?");
    expect(ipc.of("merge_customers")).toHaveLength(0);
    const pages = ipc.of("customer_page").length;
    fireEvent.click(within(page).getByRole("button", { name: "Merge into this customer" }));
    await waitFor(() => expect(ipc.of("merge_customers")).toEqual([{ cmd: "merge_customers", args: { keep: "c-loops", gone: "c-loops-2" } }]));
    expect(await within(page).findByText("Merged: the bookings of Feedback Loops are now here.")).toBeTruthy();
    // The page asks again for its counts and bookings.
    await waitFor(() => expect(ipc.of("customer_page").length).toBeGreaterThan(pages));
  });

  it("says so in German", async () => {
    const ipc = backend();
    mockIPC(ipc.handler);
    renderWithProviders(<CustomersView studio={STUDIO} />, "de");
    fireEvent.change(screen.getByRole("searchbox", { name: "Name, Telefon oder E-Mail" }), { target: { value: "loops" } });
    const rows = await screen.findAllByTestId("customer-row");
    expect(rows[0].textContent).toContain("2 Buchungen · 1-mal nicht erschienen · offen 80,00\u00a0€");
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "nobody" } });
    expect(await screen.findByText("Niemand gefunden.")).toBeTruthy();
  });
});

describe("customers in the app", () => {
  const SETTINGS: Settings = { serverUrl: "", hasToken: false, startFullscreen: false, firstRun: false };

  function app() {
    const ipc = backend();
    const withCustomer = booking({ customer: { name: LOOPS.name, phone: LOOPS.phone }, customerId: LOOPS.id });
    const day = board();
    day.rooms[0].bookings = [withCustomer];
    const answers = {
      get_settings: () => SETTINGS,
      studio: () => STUDIO,
      sync_status: () => ({ configured: false, online: false, live: false, lastSync: null, pending: 0, conflicts: 0, problem: null }),
      day_board: () => day,
      rooms_status: () => ({}),
    } as Record<string, (args: Record<string, unknown>) => unknown>;
    mockIPC((cmd, args) => (cmd in answers ? answers[cmd]((args ?? {}) as Record<string, unknown>) : ipc.handler(cmd, args)));
    render(<App client={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
    return ipc;
  }

  it("has a Customers entry in the nav, opened with C too", async () => {
    app();
    const nav = await screen.findByRole("navigation");
    const items = within(nav).getAllByRole("button");
    expect(items.map((b) => b.textContent)).toEqual(["Day board", "New booking", "Rooms", "Bookings", "Customers", "Activity", "Reports", "Sync", "Settings"]);
    expect(items[4].getAttribute("title")).toBe("Customers (key C)");
    fireEvent.keyDown(window, { key: "c" });
    expect(await screen.findByRole("region", { name: "Customers" })).toBeTruthy();
    expect(items[4].getAttribute("aria-current")).toBe("page");
  });

  it("opens a booking's customer from the day board", async () => {
    const ipc = app();
    fireEvent.click(await screen.findByTestId("board-booking"));
    const dialog = await screen.findByRole("dialog", { name: "Booking details" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Customer: The Feedback Loops" }));
    expect(await screen.findByRole("article", { name: "The Feedback Loops" })).toBeTruthy();
    expect(ipc.of("customer_page")[0].args).toEqual({ id: "c-loops" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});

describe("a phone number that could not be read", () => {
  it("is shown as typed with a warning; a readable one has none", async () => {
    const ipc = backend();
    let page = await openLoops(ipc);
    expect(within(page).queryByTestId("phone-unparsed")).toBeNull();
    cleanup();
    clearMocks();
    const unread: CustomerRecord = { ...LOOPS, phone: "ask at the bar", phoneUnparsed: true };
    const ipc2 = ipcRecorder({
      find_customers: () => [summary(unread)],
      customer_page: (): CustomerPage => ({ summary: summary(unread), bookings: [] }),
      activity: () => [],
    });
    mockIPC(ipc2.handler);
    renderWithProviders(<CustomersView studio={STUDIO} />);
    fireEvent.change(screen.getByRole("searchbox", { name: "Name, phone or email" }), { target: { value: "loops" } });
    fireEvent.click((await screen.findAllByTestId("customer-row"))[0]);
    page = await screen.findByRole("article", { name: "The Feedback Loops" });
    const details = within(page).getByTestId("customer-details").textContent;
    expect(details).toContain("ask at the bar");
    expect(within(page).getByTestId("phone-unparsed").textContent).toContain("Not a phone number we could read");
  });
});
