// @vitest-environment jsdom
// The desk's backups in Settings: listed with what each holds, restored after a preview that
// says what happens to the work since (connected or standalone), kept as it was when staff
// keep it; a refusal in plain words.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { BackupView } from "../api/types";
import { BackupSettings } from "./BackupSettings";
import { ipcRecorder, renderWithProviders, type Answer } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
});

const SETTINGS = { serverUrl: "https://frontdesk.example.com", hasToken: true, startFullscreen: false, firstRun: false };
const NEWEST: BackupView = { name: "frontdesk-2026-12-03T0715Z.sqlite", madeAt: "2026-12-03T07:15:00Z", studio: "Klangraum", bookings: 1234, customers: 321 };
const OLDER: BackupView = { ...NEWEST, name: "frontdesk-2026-12-02T0715Z.sqlite", madeAt: "2026-12-02T07:15:00Z", bookings: 1200 };

function backend(answers: Record<string, Answer> = {}) {
  return ipcRecorder({
    get_settings: () => SETTINGS,
    list_backups: () => [NEWEST, OLDER],
    restore_backup: (args) => ({ backup: args.name === OLDER.name ? OLDER : NEWEST, kept: "/data/frontdesk.sqlite.before-restore-1" }),
    ...answers,
  });
}

const rowOf = (name: string) => document.querySelector(`[data-backup="${name}"]`) as HTMLElement;

describe("backups in settings", () => {
  it("lists the backups, keeps the desk when asked, and restores one after its preview", async () => {
    const ipc = backend();
    mockIPC(ipc.handler);
    renderWithProviders(<BackupSettings />);
    await screen.findByText(/1,?200 bookings, 321 customers/);
    expect(rowOf(NEWEST.name).textContent).toMatch(/1,?234 bookings, 321 customers/);

    fireEvent.click(within(rowOf(OLDER.name)).getByRole("button", { name: "Restore…" }));
    let dialog = await screen.findByRole("alertdialog", { name: /^Restore the backup of / });
    expect(dialog.textContent).toMatch(/It holds 1,?200 bookings and 321 customers of Klangraum/);
    // Connected: the server's bookings come back.
    await waitFor(() => expect(dialog.textContent).toMatch(/takes back everything the server has/));
    fireEvent.click(within(dialog).getByRole("button", { name: "Keep the desk as it is" }));
    expect(ipc.of("restore_backup")).toHaveLength(0);

    fireEvent.click(within(rowOf(OLDER.name)).getByRole("button", { name: "Restore…" }));
    dialog = await screen.findByRole("alertdialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Restore this backup" }));
    const done = await screen.findByRole("status");
    expect(done.textContent).toMatch(/^The backup of .+ is restored\. The file it replaced is kept at \/data\/frontdesk\.sqlite\.before-restore-1\.$/);
    expect(ipc.of("restore_backup")[0].args).toEqual({ name: OLDER.name });
    expect(screen.queryByRole("alertdialog")).toBeNull();
    // Everything is asked anew, the list too.
    await waitFor(() => expect(ipc.of("list_backups").length).toBeGreaterThan(1));
  });

  it("in German, on a standalone desk, says the work since stays only in the replaced file", async () => {
    mockIPC(backend({ get_settings: () => ({ ...SETTINGS, serverUrl: "", hasToken: false }) }).handler);
    renderWithProviders(<BackupSettings />, "de");
    await screen.findByText(/1\.?234 Buchungen, 321 Kunden/);
    fireEvent.click(within(rowOf(NEWEST.name)).getByRole("button", { name: "Wiederherstellen…" }));
    const dialog = await screen.findByRole("alertdialog", { name: /^Die Sicherung vom .+ wiederherstellen\?$/ });
    await waitFor(() => expect(dialog.textContent).toMatch(/arbeitet eigenständig/));
  });

  it("says when there is no backup yet, and shows refusals in plain words with nothing restored", async () => {
    const ipc = backend({
      list_backups: () => [],
    });
    mockIPC(ipc.handler);
    renderWithProviders(<BackupSettings />);
    expect(await screen.findByText("No backup yet: the first one is made while the desk runs.")).toBeTruthy();
    cleanup();

    const refused = backend({
      list_backups: () => [NEWEST],
      restore_backup: () => {
        throw { code: "invalid", message: "backup: is damaged: nothing was changed" };
      },
    });
    mockIPC(refused.handler);
    renderWithProviders(<BackupSettings />);
    await screen.findByText(/1,?234 bookings/);
    fireEvent.click(within(rowOf(NEWEST.name)).getByRole("button", { name: "Restore…" }));
    fireEvent.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Restore this backup" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/damaged/);
    expect(screen.queryByRole("status")).toBeNull();
    cleanup();

    mockIPC(backend({ list_backups: () => { throw { code: "admin_required", message: "admin" }; } }).handler);
    renderWithProviders(<BackupSettings />);
    expect((await screen.findByRole("alert")).textContent).toMatch(/admin/i);
  });
});
