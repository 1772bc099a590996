// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { SettingsView } from "./SettingsView";
import { ipcRecorder, renderWithProviders } from "../test/render";

afterEach(() => {
  cleanup();
  clearMocks();
});

function backend(test: (args: Record<string, unknown>) => unknown) {
  return ipcRecorder({
    get_settings: () => ({ serverUrl: "http://10.0.0.5:8787", hasToken: true, startFullscreen: false }),
    test_connection: test,
    save_settings: (args) => ({ serverUrl: args.serverUrl, hasToken: true, startFullscreen: false }),
    set_start_fullscreen: (args) => ({ serverUrl: "http://10.0.0.5:8787", hasToken: true, startFullscreen: args.on }),
  });
}

describe("settings", () => {
  it("tests the connection and names the studio", async () => {
    const ipc = backend(() => "Klangraum Studios");
    mockIPC(ipc.handler);
    renderWithProviders(<SettingsView fullscreen={false} onFullscreen={() => {}} />);
    const server = (await screen.findByRole("textbox", { name: "Server address" })) as HTMLInputElement;
    await waitFor(() => expect(server.value).toBe("http://10.0.0.5:8787"));
    expect(screen.getByText("A token is saved. Type a new one to replace it.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
    expect(await screen.findByText("Connected to Klangraum Studios.")).toBeTruthy();
    expect(ipc.of("test_connection")[0].args).toEqual({ serverUrl: "http://10.0.0.5:8787", token: "" });
  });

  it("says in plain words when the server cannot be reached", async () => {
    mockIPC(
      backend(() => {
        throw { code: "unreachable", message: "connection refused" };
      }).handler,
    );
    renderWithProviders(<SettingsView fullscreen={false} onFullscreen={() => {}} />);
    const button = (await screen.findByRole("button", { name: "Test connection" })) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(false));
    fireEvent.click(button);
    expect((await screen.findByRole("alert")).textContent).toMatch(/server cannot be reached.*Check the network/);
  });

  it("saves start in full screen, and switches to German", async () => {
    const ipc = backend(() => "x");
    mockIPC(ipc.handler);
    renderWithProviders(<SettingsView fullscreen={false} onFullscreen={() => {}} />);
    const start = (await screen.findByRole("checkbox", { name: "Start in full screen" })) as HTMLInputElement;
    await waitFor(() => expect(start.disabled).toBe(false));
    fireEvent.click(start);
    await waitFor(() => expect(ipc.of("set_start_fullscreen")).toEqual([{ cmd: "set_start_fullscreen", args: { on: true } }]));
    fireEvent.click(screen.getByRole("button", { name: "Deutsch" }));
    expect(await screen.findByRole("button", { name: "Verbindung testen" })).toBeTruthy();
    expect(screen.getByRole("checkbox", { name: "Im Vollbild starten" })).toBeTruthy();
  });
});
