import { describe, expect, it } from "vitest";
import { formatDuration, formatMoney } from "./format";

describe("formatDuration", () => {
  it("shows whole hours without minutes", () => {
    expect(formatDuration(60)).toBe("1 h");
    expect(formatDuration(120)).toBe("2 h");
  });

  it("shows hours and minutes", () => {
    expect(formatDuration(90)).toBe("1 h 30 min");
    expect(formatDuration(135)).toBe("2 h 15 min");
  });

  it("shows minutes under an hour", () => {
    expect(formatDuration(45)).toBe("45 min");
    expect(formatDuration(15)).toBe("15 min");
    expect(formatDuration(0)).toBe("0 min");
  });

  it("rejects negative or fractional minutes", () => {
    expect(() => formatDuration(-15)).toThrow(RangeError);
    expect(() => formatDuration(7.5)).toThrow(RangeError);
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });
});

describe("formatMoney", () => {
  it("shows minor units in the currency's decimals and the app's language", () => {
    expect(formatMoney(4050, "EUR", "en-GB")).toBe("€40.50");
    expect(formatMoney(4050, "EUR", "de-DE").replace(/\s/g, " ")).toBe("40,50 €");
    expect(formatMoney(1500, "JPY", "en-GB")).toBe("JP¥1,500");
  });
});
