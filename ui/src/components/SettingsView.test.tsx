// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { SettingsView } from "./SettingsView";
import { ipcRecorder, renderWithProviders, type Answer } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
});

const CONNECTED = { serverUrl: "https://frontdesk.example.com", hasToken: true, startFullscreen: false, firstRun: false };

function backend(answers: Record<string, Answer> = {}) {
  return ipcRecorder({
    get_settings: () => CONNECTED,
    save_settings: (args) => ({ ...CONNECTED, serverUrl: args.serverUrl, hasToken: args.serverUrl !== "" }),
    set_start_fullscreen: (args) => ({ ...CONNECTED, startFullscreen: args.on }),
    ...answers,
  });
}

describe("settings", () => {
  it("shows the server, takes another one only with an enrolment code, and no token field", async () => {
    const ipc = backend({
      enrol_desk: (args) => ({ studioName: "Tonstudio Nord", desk: "bar", admin: false, settings: { ...CONNECTED, serverUrl: args.serverUrl } }),
    });
    mockIPC(ipc.handler);
    renderWithProviders(<SettingsView fullscreen={false} onFullscreen={() => {}} />);
    const server = (await screen.findByRole("textbox", { name: "Server address" })) as HTMLInputElement;
    expect(server.value).toBe("https://frontdesk.example.com");
    expect(screen.getByTestId("server-now").textContent).toBe("This desk works with https://frontdesk.example.com.");
    expect(screen.queryByLabelText(/token/i)).toBeNull();
    fireEvent.change(server, { target: { value: "https://nord.example.com" } });
    // No code: refused here, nothing sent.
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Enrolment code:/);
    fireEvent.change(screen.getByRole("textbox", { name: "Enrolment code" }), { target: { value: "AB12-CD34EF" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect(await screen.findByText("Connected to “Tonstudio Nord”.")).toBeTruthy();
    expect(ipc.of("enrol_desk")[0].args).toEqual({ serverUrl: "https://nord.example.com", code: "AB12-CD34EF" });
    expect(ipc.of("save_settings")).toHaveLength(0);
  });

  it("says an admin must sign in when the backend refuses staff who are no admin", async () => {
    const ipc = backend({
      enrol_desk: () => {
        throw { code: "admin_required", message: "Jo is not an admin" };
      },
    });
    mockIPC(ipc.handler);
    renderWithProviders(<SettingsView fullscreen={false} onFullscreen={() => {}} />);
    fireEvent.change(await screen.findByRole("textbox", { name: "Enrolment code" }), { target: { value: "AB12-CD34EF" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Only an admin can do that/);
  });

  it("says in plain words when the server cannot be reached", async () => {
    mockIPC(
      backend({
        enrol_desk: () => {
          throw { code: "unreachable", message: "connection refused" };
        },
      }).handler,
    );
    renderWithProviders(<SettingsView fullscreen={false} onFullscreen={() => {}} />);
    fireEvent.change(await screen.findByRole("textbox", { name: "Enrolment code" }), { target: { value: "AB12-CD34EF" } });
    fireEvent.click(screen.getByRole("button", { name: "Connect" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^No Frontdesk server answers at this address. Check the server address above/);
  });

  it("makes the desk standalone on request", async () => {
    let now = CONNECTED;
    const ipc = backend({
      get_settings: () => now,
      save_settings: (args) => (now = { ...CONNECTED, serverUrl: String(args.serverUrl), hasToken: false }),
    });
    mockIPC(ipc.handler);
    renderWithProviders(<SettingsView fullscreen={false} onFullscreen={() => {}} />);
    fireEvent.click(await screen.findByRole("button", { name: "Work without a server" }));
    await waitFor(() => expect(ipc.of("save_settings")).toEqual([{ cmd: "save_settings", args: { serverUrl: "", token: "" } }]));
    await waitFor(() => expect(screen.getByTestId("server-now").textContent).toBe("This desk works alone (no server)."));
  });

  it("saves start in full screen, and switches to German", async () => {
    const ipc = backend();
    mockIPC(ipc.handler);
    renderWithProviders(<SettingsView fullscreen={false} onFullscreen={() => {}} />);
    const start = (await screen.findByRole("checkbox", { name: "Start in full screen" })) as HTMLInputElement;
    await waitFor(() => expect(start.disabled).toBe(false));
    fireEvent.click(start);
    await waitFor(() => expect(ipc.of("set_start_fullscreen")).toEqual([{ cmd: "set_start_fullscreen", args: { on: true } }]));
    fireEvent.click(screen.getByRole("button", { name: "Deutsch" }));
    expect(await screen.findByRole("textbox", { name: "Einrichtungscode" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Verbinden" })).toBeTruthy();
    expect(screen.getByRole("checkbox", { name: "Im Vollbild starten" })).toBeTruthy();
  });
});
