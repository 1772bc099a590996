// @vitest-environment jsdom
// Calendar feeds in Settings: listed, made (address shown once, copied), revoked after a
// confirmation; a standalone desk explains why there are none; a refusal is shown in words.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { Feed } from "../api/types";
import { FeedSettings } from "./FeedSettings";
import { STUDIO } from "../test/fixtures";
import { ipcRecorder, renderWithProviders, type Answer } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
  vi.unstubAllGlobals();
});

const CONNECTED = { serverUrl: "https://frontdesk.example.com", hasToken: true, startFullscreen: false, firstRun: false };
const FEED: Feed = { id: "f1", room: "studio-a", detail: "name", label: "Owner's phone", createdAt: "2026-11-20T09:00:00Z", url: null };

function backend(feeds: Feed[], answers: Record<string, Answer> = {}) {
  let list = [...feeds];
  return ipcRecorder({
    get_settings: () => CONNECTED,
    feeds: () => list,
    create_feed: (args) => {
      const request = args.request as { room: string | null; detail: Feed["detail"]; label: string | null };
      const made: Feed = { id: "f2", ...request, createdAt: "2026-12-03T08:00:00Z", url: "https://frontdesk.example.com/feeds/SECRET.ics" };
      list = [...list, { ...made, url: null }];
      return made;
    },
    revoke_feed: (args) => {
      list = list.filter((f) => f.id !== args.id);
      return null;
    },
    ...answers,
  });
}

describe("calendar feeds in settings", () => {
  it("lists the feeds, makes one whose address is shown once and copied, and revokes one after asking", async () => {
    const ipc = backend([FEED]);
    mockIPC(ipc.handler);
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    renderWithProviders(<FeedSettings studio={STUDIO} />);
    const row = await screen.findByText("Studio A", { selector: "li strong" });
    expect(row.closest("li")?.textContent).toContain("Owner's phone");
    expect(row.closest("li")?.textContent).toContain("The customer's name");

    // A whole-studio feed showing just "Booked" (the default), with a note.
    fireEvent.change(screen.getByRole("textbox", { name: "Note (for admins)" }), { target: { value: "  Door screen " } });
    fireEvent.click(screen.getByRole("button", { name: "Make feed" }));
    const dialog = await screen.findByRole("dialog", { name: "Feed of Whole studio" });
    expect(ipc.of("create_feed")[0].args.request).toEqual({ room: null, detail: "booked", label: "Door screen" });
    const address = within(dialog).getByRole("textbox", { name: "Feed address" }) as HTMLInputElement;
    expect(address.value).toBe("https://frontdesk.example.com/feeds/SECRET.ics");
    fireEvent.click(within(dialog).getByRole("button", { name: "Copy" }));
    expect(await within(dialog).findByRole("status")).toHaveProperty("textContent", "Copied.");
    expect(writeText).toHaveBeenCalledWith("https://frontdesk.example.com/feeds/SECRET.ics");
    fireEvent.click(within(dialog).getByRole("button", { name: "Done" }));
    // The list is asked again and shows the new feed, without its address.
    await screen.findByText(/Door screen/);
    expect(screen.queryByDisplayValue(/SECRET/)).toBeNull();

    // Revoking asks first; keeping it changes nothing.
    const revokeOf = (text: string) => within(screen.getByText(text, { selector: "li strong" }).closest("li") as HTMLElement).getByRole("button", { name: "Revoke" });
    fireEvent.click(revokeOf("Studio A"));
    fireEvent.click(within(await screen.findByRole("alertdialog", { name: "Revoke the feed of Studio A?" })).getByRole("button", { name: "Keep it" }));
    expect(ipc.of("revoke_feed")).toHaveLength(0);
    fireEvent.click(revokeOf("Studio A"));
    fireEvent.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Revoke" }));
    await waitFor(() => expect(screen.queryByText("Studio A", { selector: "li strong" })).toBeNull());
    expect(ipc.of("revoke_feed")[0].args).toEqual({ id: "f1" });
  });

  it("selects the address for Ctrl+C when the clipboard is refused", async () => {
    mockIPC(backend([]).handler);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText: () => Promise.reject(new Error("denied")) } });
    renderWithProviders(<FeedSettings studio={STUDIO} />);
    expect(await screen.findByText("No feeds yet.")).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox", { name: "Room" }), { target: { value: "podcast" } });
    fireEvent.click(screen.getByRole("radio", { name: "The customer's name" }));
    fireEvent.click(screen.getByRole("button", { name: "Make feed" }));
    const dialog = await screen.findByRole("dialog", { name: "Feed of Podcast Booth" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Copy" }));
    expect((await within(dialog).findByRole("status")).textContent).toBe("The address is selected: press Ctrl+C to copy it.");
    const address = within(dialog).getByRole("textbox", { name: "Feed address" }) as HTMLInputElement;
    expect(document.activeElement === address || address.selectionEnd === address.value.length).toBe(true);
  });

  it("on a standalone desk says feeds need the server and asks nothing", async () => {
    const ipc = backend([FEED], { get_settings: () => ({ ...CONNECTED, serverUrl: "", hasToken: false }) });
    mockIPC(ipc.handler);
    renderWithProviders(<FeedSettings studio={STUDIO} />, "de");
    expect((await screen.findByTestId("feeds-standalone")).textContent).toMatch(/^Kalender-Feeds kommen vom Server des Studios/);
    expect(ipc.of("feeds")).toHaveLength(0);
    expect(screen.queryByRole("button", { name: "Feed anlegen" })).toBeNull();
  });

  it("shows a refusal in plain words (no admin signed in) and a refused feed changes nothing", async () => {
    const ipc = backend([], {
      feeds: () => {
        throw { code: "admin_required", message: "admin" };
      },
      create_feed: () => {
        throw { code: "invalid", message: "label: at most 120 characters" };
      },
    });
    mockIPC(ipc.handler);
    renderWithProviders(<FeedSettings studio={STUDIO} />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/admin/i);
    fireEvent.click(screen.getByRole("button", { name: "Make feed" }));
    await waitFor(() => expect(screen.getAllByRole("alert")).toHaveLength(2));
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
