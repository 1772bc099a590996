import { describe, expect, it } from "vitest";
import { formatDuration } from "./format";

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
