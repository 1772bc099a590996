// Cancellation terms as the settings edit them: new terms to start from, tiers added and
// removed, and the field a refusal of the backend names. No React here; the backend checks
// the terms (order, percentages) and computes every fee.
import type { FeeTier, RoomInfo, Terms } from "./api/types";

/** The most tiers one set of terms may have (the backend's limit). */
export const MAX_TIERS = 10;

/** What an admin starts from when the studio (or a room) gets terms of its own. */
export const STARTING_TERMS: Terms = { freeHoursBefore: 24, tiers: [{ hoursBefore: 24, percent: 50 }], noShowPercent: 100 };

/** A tier after the last one: nearer the start (half its hours), the same percentage. */
export function withTierAdded(terms: Terms): Terms {
  const last = terms.tiers.at(-1);
  const tier: FeeTier = last ? { hoursBefore: Math.floor(last.hoursBefore / 2), percent: last.percent } : { hoursBefore: terms.freeHoursBefore, percent: 50 };
  return { ...terms, tiers: [...terms.tiers, tier] };
}

export function withTierRemoved(terms: Terms, index: number): Terms {
  return { ...terms, tiers: terms.tiers.filter((_, i) => i !== index) };
}

export function withTier(terms: Terms, index: number, change: Partial<FeeTier>): Terms {
  return { ...terms, tiers: terms.tiers.map((t, i) => (i === index ? { ...t, ...change } : t)) };
}

/** Whole hours or percent as typed: digits only, "" is 0. */
export function wholeNumber(text: string): number {
  const digits = text.replace(/\D/g, "").slice(0, 6);
  return digits === "" ? 0 : Number(digits);
}

/**
 * The terms field a backend refusal names (`cancellationTerms.tiers[1].hoursBefore: …`,
 * `roomTerms.live.noShowPercent: …`), or null when it names another field.
 */
export function refusedTermsField(message: string): string | null {
  const m = /^((?:cancellationTerms|roomTerms\.[a-z0-9-]+)(?:\.\w+(?:\[\d+\])?)*)\s*:/.exec(message);
  return m ? m[1] : null;
}

/** The rooms' own terms, of the rooms that remain (an archived room's terms go with it). */
export function roomTermsOf(roomTerms: Record<string, Terms> | undefined, rooms: RoomInfo[]): Record<string, Terms> {
  const ids = new Set(rooms.map((r) => r.id));
  return Object.fromEntries(Object.entries(roomTerms ?? {}).filter(([id]) => ids.has(id)));
}
