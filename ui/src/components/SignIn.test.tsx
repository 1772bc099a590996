// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { SignInState } from "../api/types";
import { ipcRecorder, renderWithProviders } from "../test/render";
import { SIGN_IN_EVENT, StaffBadge, StaffProvider } from "./SignIn";

afterEach(() => {
  cleanup();
  clearMocks();
});

const MIA = { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", name: "Mia", role: "admin" as const };

describe("sign-in", () => {
  it("opens when a write asks for a PIN, says a wrong PIN plainly, and shows who is signed in", async () => {
    let state: SignInState = { required: true, signedIn: null, signOutMinutes: 5 };
    const ipc = ipcRecorder({
      sign_in_state: () => state,
      staff_members: () => [MIA],
      sign_in: (args) => {
        if (args.pin !== "4711") throw { code: "wrong_pin", message: "that PIN is not Mia's" };
        state = { ...state, signedIn: MIA };
        return state;
      },
    });
    mockIPC(ipc.handler);
    renderWithProviders(
      <StaffProvider>
        <StaffBadge />
      </StaffProvider>,
    );
    await screen.findByRole("button", { name: "Sign in" });
    expect(screen.queryByRole("dialog")).toBeNull();

    act(() => {
      window.dispatchEvent(new Event(SIGN_IN_EVENT));
    });
    const dialog = await screen.findByRole("dialog", { name: "Who is at the desk?" });
    // The only member is chosen already: the PIN field is for Mia.
    const pin = await screen.findByLabelText("PIN of Mia");
    fireEvent.change(pin, { target: { value: "12a34" } });
    expect((pin as HTMLInputElement).value).toBe("1234");
    fireEvent.submit(pin.closest("form")!);
    expect(await screen.findByText("That PIN is not right. Try again.")).toBeTruthy();
    expect(dialog.isConnected).toBe(true);

    fireEvent.change(pin, { target: { value: "4711" } });
    fireEvent.submit(pin.closest("form")!);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect((await screen.findByTestId("signed-in")).getAttribute("data-staff")).toBe("Mia");
    expect(ipc.of("sign_in").map((c) => c.args.pin)).toEqual(["1234", "4711"]);
  });
});
