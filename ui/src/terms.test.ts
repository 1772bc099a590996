import { describe, expect, it } from "vitest";
import type { Terms } from "./api/types";
import { STUDIO } from "./test/fixtures";
import { refusedTermsField, roomTermsOf, wholeNumber, withTier, withTierAdded, withTierRemoved } from "./terms";

const TERMS: Terms = { freeHoursBefore: 48, tiers: [{ hoursBefore: 48, percent: 25 }], noShowPercent: 100 };

describe("cancellation terms as data", () => {
  it("adds a tier nearer the start, changes and removes one", () => {
    const two = withTierAdded(TERMS);
    expect(two.tiers).toEqual([
      { hoursBefore: 48, percent: 25 },
      { hoursBefore: 24, percent: 25 },
    ]);
    // Terms without tiers start their first at the end of free cancellation.
    expect(withTierAdded({ ...TERMS, tiers: [] }).tiers).toEqual([{ hoursBefore: 48, percent: 50 }]);
    expect(withTier(two, 1, { percent: 80 }).tiers[1]).toEqual({ hoursBefore: 24, percent: 80 });
    expect(withTierRemoved(two, 0).tiers).toEqual([{ hoursBefore: 24, percent: 25 }]);
    // The terms given are left as they were.
    expect(TERMS.tiers).toHaveLength(1);
  });

  it("reads whole numbers as typed", () => {
    expect(wholeNumber("24")).toBe(24);
    expect(wholeNumber("")).toBe(0);
    expect(wholeNumber("12,5 %")).toBe(125);
  });

  it("names the terms field a refusal is about, and no other", () => {
    expect(refusedTermsField("cancellationTerms.tiers[1].hoursBefore: 24 hours must be fewer than the tier before it")).toBe(
      "cancellationTerms.tiers[1].hoursBefore",
    );
    expect(refusedTermsField("roomTerms.live-room.noShowPercent: 101 % is over 100 %")).toBe("roomTerms.live-room.noShowPercent");
    expect(refusedTermsField("cancellationTerms.freeHoursBefore: 9000 hours is more than 8784 (a year)")).toBe("cancellationTerms.freeHoursBefore");
    expect(refusedTermsField("country: \"XX\" is not a country")).toBeNull();
    expect(refusedTermsField("rooms[1].durations: pick one")).toBeNull();
  });

  it("keeps the own terms of rooms that remain only", () => {
    const rooms = { "studio-a": TERMS, gone: TERMS };
    expect(roomTermsOf(rooms, STUDIO.rooms)).toEqual({ "studio-a": TERMS });
    expect(roomTermsOf(undefined, STUDIO.rooms)).toEqual({});
  });
});
