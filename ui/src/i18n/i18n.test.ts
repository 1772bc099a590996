import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../api/types";
import { de } from "./de";
import { en } from "./en";
import { ERRORS_DE, ERRORS_EN } from "./errors";
import { errorText, translate } from "./index";

describe("labels", () => {
  it("has every English label in German, none empty", () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(de)) expect(text, key).not.toBe("");
  });

  it("keeps the same placeholders in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(names(de[key]), key).toEqual(names(en[key]));
    }
  });

  it("fills placeholders", () => {
    expect(translate("en", "sync.pending", { count: 3 })).toBe("3 waiting to sync");
    expect(translate("de", "sync.pending", { count: 3 })).toBe("3 warten auf Abgleich");
  });

  it("says what to do for each error code", () => {
    expect(errorText("en", { code: "unreachable", message: "x" })).toMatch(/server cannot be reached/);
    expect(errorText("de", { code: "conflict", message: "x" })).toMatch(/vergeben/);
    const near = { room: "a", start: "2026-11-24T12:00:00+01:00", end: "2026-11-24T12:30:00+01:00" };
    expect(errorText("en", { code: "conflict", message: "x", conflicts: [{ ...near, reason: "changeover" }] })).toMatch(
      /changeover time/,
    );
    expect(errorText("de", { code: "conflict", message: "x", conflicts: [{ ...near, reason: "changeover" }] })).toMatch(/Umbauzeit/);
    expect(errorText("en", { code: "conflict", message: "x", conflicts: [{ ...near, reason: "booked" }] })).toMatch(/taken/);
    expect(errorText("en", { code: "invalid", message: "enter a name" })).toBe("enter a name");
    expect(errorText("en", { code: "unknown", message: "disk on fire" })).toBe("Something went wrong: disk on fire");
    // A code this UI does not know yet (the backend maps those to "unknown" already).
    expect(errorText("de", { code: "weird" as ErrorCode, message: "x" })).toBe("Etwas ist schiefgegangen: x");
  });

  it("has a sentence for every error code in both languages, with the same placeholders", () => {
    expect(Object.keys(ERRORS_DE).sort()).toEqual(Object.keys(ERRORS_EN).sort());
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const code of Object.keys(ERRORS_EN) as ErrorCode[]) {
      expect(ERRORS_EN[code], code).not.toBe("");
      expect(names(ERRORS_DE[code]), code).toEqual(names(ERRORS_EN[code]));
    }
  });
});
