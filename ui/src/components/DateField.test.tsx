// @vitest-environment jsdom
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { DateField } from "./DateField";
import { renderWithProviders } from "../test/render";
import type { Language } from "../i18n";

afterEach(cleanup);

/** A DateField owned by a parent that keeps the date, as the views do. */
function Owner({ initial, onChange }: { initial: string; onChange: (date: string) => void }) {
  const [date, setDate] = useState(initial);
  return (
    <DateField
      label="Date"
      value={date}
      onChange={(d) => {
        onChange(d);
        setDate(d);
      }}
    />
  );
}

function setup(language: Language, initial = "2026-01-01") {
  const onChange = vi.fn();
  renderWithProviders(<Owner initial={initial} onChange={onChange} />, language);
  const input = screen.getByRole("textbox", { name: "Date" }) as HTMLInputElement;
  return { onChange, input };
}

/** Types `text` over the field's content and leaves the field. */
function typeAndLeave(input: HTMLInputElement, text: string) {
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.blur(input);
}

describe("date field", () => {
  it("shows the date in the app's language", () => {
    expect(setup("en", "2026-11-25").input.value).toBe("25 Nov 2026");
    cleanup();
    expect(setup("de", "2026-11-25").input.value).toBe("25. Nov. 2026");
  });

  it.each(["25 Nov 2026", "25/11/2026", "2026-11-25"])("reads %s typed in English", (typed) => {
    const { onChange, input } = setup("en");
    typeAndLeave(input, typed);
    expect(onChange.mock.calls).toEqual([["2026-11-25"]]);
    expect(input.value).toBe("25 Nov 2026");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it.each(["25.11.2026", "25. Nov. 2026", "2026-11-25"])("reads %s typed in German", (typed) => {
    const { onChange, input } = setup("de");
    typeAndLeave(input, typed);
    expect(onChange.mock.calls).toEqual([["2026-11-25"]]);
    expect(input.value).toBe("25. Nov. 2026");
  });

  it("says in the app's language when a date cannot be read, and passes nothing on", () => {
    const { onChange, input } = setup("en");
    typeAndLeave(input, "31/02/2026");
    expect(screen.getByRole("alert").textContent).toMatch(/^Cannot read “31\/02\/2026” as a date\./);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    // What was typed stays, to be corrected.
    expect(input.value).toBe("31/02/2026");
    expect(onChange).not.toHaveBeenCalled();

    // Corrected, the error goes and the date is passed on.
    typeAndLeave(input, "28/02/2026");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(onChange.mock.calls).toEqual([["2026-02-28"]]);
  });

  it("says it in German on a German desk", () => {
    const { onChange, input } = setup("de");
    typeAndLeave(input, "11/25/2026");
    expect(screen.getByRole("alert").textContent).toMatch(/^„11\/25\/2026“ ist als Datum nicht lesbar\./);
    typeAndLeave(input, "");
    expect(screen.getByRole("alert").textContent).toMatch(/^Geben Sie ein Datum ein/);
    expect(onChange).not.toHaveBeenCalled();
  });

  it("steps a day back and forward with its buttons, across months", () => {
    const { onChange, input } = setup("en", "2026-11-30");
    fireEvent.click(screen.getByRole("button", { name: "Day after" }));
    expect(input.value).toBe("1 Dec 2026");
    fireEvent.click(screen.getByRole("button", { name: "Day before" }));
    fireEvent.click(screen.getByRole("button", { name: "Day before" }));
    expect(onChange.mock.calls).toEqual([["2026-12-01"], ["2026-11-30"], ["2026-11-29"]]);
    expect(input.value).toBe("29 Nov 2026");
  });

  it("steps with ← and → while focused, but not while staff type", () => {
    const { onChange, input } = setup("de", "2026-11-25");
    fireEvent.keyDown(input, { key: "ArrowRight" });
    fireEvent.keyDown(input, { key: "ArrowLeft" });
    fireEvent.keyDown(input, { key: "ArrowLeft" });
    expect(onChange.mock.calls).toEqual([["2026-11-26"], ["2026-11-25"], ["2026-11-24"]]);
    expect(input.value).toBe("24. Nov. 2026");

    fireEvent.change(input, { target: { value: "3.12" } });
    fireEvent.keyDown(input, { key: "ArrowLeft" });
    expect(onChange).toHaveBeenCalledTimes(3);
    // Escape gives the typing up.
    fireEvent.keyDown(input, { key: "Escape" });
    expect(input.value).toBe("24. Nov. 2026");
  });

  it("reads the date on Enter before its form is sent, and keeps a bad one from being sent", async () => {
    const user = userEvent.setup();
    const sent: string[] = [];
    function Form() {
      const [date, setDate] = useState("2026-01-01");
      return (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            sent.push(date);
          }}
        >
          <DateField label="Date" value={date} onChange={setDate} />
          <button type="submit">Find</button>
        </form>
      );
    }
    renderWithProviders(<Form />);
    const input = screen.getByRole("textbox", { name: "Date" });
    await user.clear(input);
    await user.type(input, "32/11/2026{Enter}");
    expect(sent).toEqual([]);
    expect(screen.getByRole("alert")).toBeTruthy();
    await user.clear(input);
    await user.type(input, "25/11/2026{Enter}");
    expect(sent).toEqual(["2026-11-25"]);
  });
});
