// The studio's numbers (reports, exports, calendar feeds, day sheet, cash-up), English and
// German. Merged into en.ts and de.ts; every key here must exist in both (the type checks it).
// Each part keeps its keys in its own block, marked by a comment, in both dictionaries.
export const NUMBERS_EN = {
  "nav.reports": "Reports",
  // reports
  // day sheet and cash-up
  // exports
  // feeds
} as const;

export const NUMBERS_DE: Record<keyof typeof NUMBERS_EN, string> = {
  "nav.reports": "Berichte",
  // reports
  // day sheet and cash-up
  // exports
  // feeds
};
