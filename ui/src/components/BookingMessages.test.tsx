// @vitest-environment jsdom
// The messages a booking sent its customer, at the booking: what went out, what did not and
// why (in English and German), and what a standalone or offline desk can say.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { BookingMessage, MessagesView } from "../api/types";
import { ipcRecorder, renderWithProviders } from "../test/render";
import { BookingMessages } from "./BookingMessages";

afterEach(() => {
  cleanup();
  clearMocks();
});

const message = (over: Partial<BookingMessage>): BookingMessage => ({
  id: over.kind ?? "m",
  kind: "confirmation",
  recipient: "ada@example.com",
  state: "sent",
  attempts: 1,
  due: "2026-11-24T09:00:00Z",
  lastError: null,
  ...over,
});

function show(view: MessagesView, language: "en" | "de" = "en", hasEmail = true) {
  const ipc = ipcRecorder({ booking_messages: () => view });
  mockIPC(ipc.handler);
  const { client } = renderWithProviders(<BookingMessages booking="b1" timezone="Europe/Berlin" hasEmail={hasEmail} />, language);
  return { ...ipc, client };
}

const items = async () => {
  await screen.findAllByRole("listitem");
  return screen.getAllByRole("listitem").map((li) => [li.getAttribute("data-state"), li.className, li.textContent]);
};

describe("a booking's messages", () => {
  it("says which went out, which wait, and which did not go out and why", async () => {
    const ipc = show({
      source: "server",
      messages: [
        message({ kind: "confirmation" }),
        message({ kind: "change", state: "queued", attempts: 2, lastError: "connection refused" }),
        message({ kind: "reminder", state: "failed", attempts: 5, lastError: "550 mailbox unavailable" }),
        message({ kind: "cancellation", state: "queued", attempts: 0, due: "2026-11-25T09:00:00Z" }),
        message({ kind: "sms-reminder", recipient: "+491712345678", state: "sent" }),
      ],
    });
    expect(await items()).toEqual([
      ["sent", "", "Confirmation · ada@example.com · sent"],
      ["queued", "message-not-sent", "Change · ada@example.com · not sent yet, trying again (2 attempts): connection refused"],
      ["failed", "message-not-sent", "Reminder · ada@example.com · NOT SENT: 550 mailbox unavailable — tell the customer another way."],
      ["queued", "", "Cancellation · ada@example.com · to be sent 25 Nov 2026 10:00"],
      ["sent", "", "Reminder by SMS · +491712345678 · sent"],
    ]);
    expect(ipc.of("booking_messages").map((c) => c.args)).toEqual([{ id: "b1" }]);
  });

  it("in German", async () => {
    show({ source: "server", messages: [message({ kind: "reminder", state: "failed", lastError: "550" })] }, "de");
    expect((await items())[0][2]).toBe("Erinnerung · ada@example.com · NICHT GESENDET: 550 — bitte die Kundschaft anders benachrichtigen.");
  });

  it("an offline desk says it does not know what went to a booking with an e-mail address", async () => {
    show({ source: "offline", messages: [] });
    expect(await screen.findByText(/The server cannot be reached/)).toBeTruthy();
  });

  it("says what the customer chose about reminders, where and when, even with nothing sent", async () => {
    show({
      source: "server",
      messages: [message({ kind: "confirmation" })],
      consent: { reminders: false, source: "page", at: "2026-11-24T09:30:00Z" },
    });
    const note = await screen.findByTestId("reminder-consent");
    expect(note.textContent).toBe("No reminder e-mails: the customer turned them off on the booking page, 24 Nov 2026 10:30.");
    cleanup();
    clearMocks();
    show({ source: "server", messages: [], consent: { reminders: true, source: "link", at: "2026-11-24T09:30:00Z" } }, "de");
    expect((await screen.findByTestId("reminder-consent")).textContent).toBe(
      "Erinnerungen per E-Mail: die Kundschaft hat über ihren Buchungslink zugestimmt, 24. Nov. 2026 10:30.",
    );
  });

  it("shows nothing where there is nothing to say", async () => {
    const quiet: [MessagesView, boolean][] = [
      [{ source: "standalone", messages: [] }, true],
      [{ source: "server", messages: [] }, false],
      [{ source: "offline", messages: [] }, false],
    ];
    for (const [view, hasEmail] of quiet) {
      const { client } = show(view, "en", hasEmail);
      // Answered (the offline case above, answered the same way, shows its note), and nothing shown.
      await waitFor(() => expect(client.getQueryState(["messages", "b1"])?.status).toBe("success"));
      expect(screen.queryByTestId("booking-messages")).toBeNull();
      cleanup();
      clearMocks();
    }
  });
});
