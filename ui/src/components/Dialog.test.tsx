// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { Dialog } from "./Dialog";

afterEach(cleanup);

/** A page with a button that opens a dialog of three buttons (and one disabled). */
function Page({ autoFocusLast = false }: { autoFocusLast?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button">Before</button>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open && (
        <Dialog title="Move the booking?" onClose={() => setOpen(false)}>
          <button type="button">First</button>
          <button type="button" disabled>
            Disabled
          </button>
          <input aria-label="Reason" />
          <button type="button" autoFocus={autoFocusLast} onClick={() => setOpen(false)}>
            Last
          </button>
        </Dialog>
      )}
      <button type="button">After</button>
    </>
  );
}

function openIt() {
  const opener = screen.getByRole("button", { name: "Open" });
  opener.focus();
  fireEvent.click(opener);
  return { opener, dialog: screen.getByRole("dialog", { name: "Move the booking?" }) };
}

const tab = (shift = false) => fireEvent.keyDown(document.activeElement ?? document.body, { key: "Tab", shiftKey: shift });

describe("dialog", () => {
  it("is a modal dialog named by its title, and takes focus when it opens", () => {
    render(<Page />);
    const { dialog } = openIt();
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.getElementById(dialog.getAttribute("aria-labelledby") ?? "")?.textContent).toBe("Move the booking?");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "First" }));
  });

  it("leaves focus where a field of it put it (autoFocus)", () => {
    render(<Page autoFocusLast />);
    openIt();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Last" }));
  });

  it("keeps focus in: Tab from the last goes to the first, Shift+Tab from the first to the last", () => {
    render(<Page />);
    openIt();
    const first = screen.getByRole("button", { name: "First" });
    const last = screen.getByRole("button", { name: "Last" });
    last.focus();
    tab();
    expect(document.activeElement).toBe(first);
    tab(true);
    expect(document.activeElement).toBe(last);
    // In between, Tab is the browser's (not prevented): the disabled button is not a stop.
    first.focus();
    const event = new KeyboardEvent("keydown", { key: "Tab", bubbles: true, cancelable: true });
    first.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });

  it("brings focus back when something outside takes it", () => {
    render(<Page />);
    openIt();
    screen.getByRole("button", { name: "After" }).focus();
    expect(screen.getByRole("dialog").contains(document.activeElement)).toBe(true);
  });

  it("lets a dialog opened over it have the focus, and has it back when that one closes", () => {
    function Nested() {
      const [inner, setInner] = useState(false);
      return (
        <>
          <Dialog title="Booking details" onClose={() => {}}>
            <button type="button" onClick={() => setInner(true)}>
              Cancel booking
            </button>
          </Dialog>
          {/* As the sign-in dialog: rendered beside it, not inside it. */}
          {inner && (
            <Dialog title="Sign in" onClose={() => setInner(false)}>
              <input aria-label="PIN" />
            </Dialog>
          )}
        </>
      );
    }
    render(<Nested />);
    const cancel = screen.getByRole("button", { name: "Cancel booking" });
    cancel.focus();
    fireEvent.click(cancel);
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "PIN" }));
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(screen.queryByRole("dialog", { name: "Sign in" })).toBeNull();
    expect(screen.getByRole("dialog", { name: "Booking details" })).toBeTruthy();
    expect(document.activeElement).toBe(cancel);
  });

  it("closes on Esc and gives focus back to the button that opened it", () => {
    render(<Page />);
    const { opener } = openIt();
    fireEvent.keyDown(screen.getByRole("button", { name: "First" }), { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("gives focus back also when closed by its own button", () => {
    render(<Page />);
    const { opener } = openIt();
    fireEvent.click(screen.getByRole("button", { name: "Last" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
