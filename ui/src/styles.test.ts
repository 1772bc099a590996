// The focus ring's contrast (WCAG 1.4.11, at least 3:1), computed from the colours in
// styles.css: against the page, white cards and dialogs, the board's closed and highlighted
// cells, and, for the header's own ring, against the header.
import { describe, expect, it } from "vitest";
import css from "./styles.css?raw";

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const f = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `--name: #rrggbb;` in the first block that matches `selector`. */
function variable(selector: string, name: string): string {
  const block = css.slice(css.indexOf(`${selector} {`));
  const found = block.slice(0, block.indexOf("}")).match(new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`));
  if (!found) throw new Error(`${selector} has no --${name}`);
  return found[1];
}

describe("focus ring", () => {
  it("is drawn in the ring colour wherever a focus style is set", () => {
    const outlines = css.match(/outline:\s*[^;]+;/g) ?? [];
    for (const o of outlines.filter((o) => !o.includes("none"))) expect(o).toContain("var(--focus)");
  });

  it("measures at least 3:1 against the page, cards, dialogs and the board's cells", () => {
    const ring = variable(":root", "focus");
    for (const behind of [variable(":root", "paper"), "#ffffff", variable(":root", "teal-light"), variable(":root", "closed")]) {
      expect(contrast(ring, behind), `${ring} on ${behind}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("measures at least 3:1 against the header", () => {
    expect(contrast(variable(".app-header", "focus"), variable(":root", "teal"))).toBeGreaterThanOrEqual(3);
  });

  it("was 1.75:1 with the amber of the header on the page (the value this replaced)", () => {
    expect(contrast("#f0b429", "#f6f8f8")).toBeCloseTo(1.75, 2);
  });
});
