import { describe, expect, it } from "vitest";
import { datesBetween, parseRanges, rangesText, staffUpdates, withDates } from "./studioEdit";

describe("studio settings as data", () => {
  it("reads ranges as staff type them and writes them back", () => {
    expect(parseRanges("10:00-14:00, 16:00–24:00")).toEqual([
      ["10:00", "14:00"],
      ["16:00", "24:00"],
    ]);
    expect(parseRanges("9:00-1300")).toEqual([["09:00", "13:00"]]);
    expect(parseRanges("")).toEqual([]);
    expect(parseRanges("ten to two")).toBeNull();
    expect(rangesText([["10:00", "14:00"], ["16:00", "24:00"]])).toBe("10:00–14:00, 16:00–24:00");
    expect(parseRanges(rangesText([["10:00", "14:00"]]))).toEqual([["10:00", "14:00"]]);
  });

  it("closes a range of dates, over a month's end", () => {
    expect(datesBetween("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(datesBetween("2027-01-02", "2027-01-01")).toEqual([]);
    const hours = withDates({ weekly: {}, dates: { "2026-12-24": [["10:00", "14:00"]] } }, ["2026-12-25", "2026-12-26"], []);
    expect(hours.dates).toEqual({ "2026-12-24": [["10:00", "14:00"]], "2026-12-25": [], "2026-12-26": [] });
  });

  it("sends a PIN only where one was typed", () => {
    const updates = staffUpdates([
      { id: "a", name: " Mia ", role: "admin", pin: "", isNew: false },
      { id: "b", name: "Jo", role: "staff", pin: "1234", isNew: true },
    ]);
    expect(updates).toEqual([
      { id: "a", name: "Mia", role: "admin", pin: null },
      { id: "b", name: "Jo", role: "staff", pin: "1234" },
    ]);
  });
});
