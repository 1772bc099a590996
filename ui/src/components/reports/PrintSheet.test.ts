// The printed sheets and the receipt do not share paper rules: the A4 page comes with a
// sheet (PrintSheet.tsx), never from styles.css, and while a sheet is on screen its print
// rules hide the receipt, the header and the screen's controls.
import { describe, expect, it } from "vitest";
import raw from "../../styles.css?raw";
import { A4_PAGE } from "./PrintSheet";

const css = raw.replace(/\/\*[\s\S]*?\*\//g, "");

/** The text of every `@media print { … }` block. */
function printBlocks(text: string): string[] {
  const blocks: string[] = [];
  for (let at = text.indexOf("@media print"); at >= 0; at = text.indexOf("@media print", at + 1)) {
    let depth = 0;
    let end = text.indexOf("{", at);
    do {
      if (text[end] === "{") depth++;
      if (text[end] === "}") depth--;
      end++;
    } while (depth > 0 && end < text.length);
    blocks.push(text.slice(at, end));
  }
  return blocks;
}

describe("print rules", () => {
  it("set no page size for every print: the receipt keeps its own paper", () => {
    expect(css).not.toMatch(/@page/);
    expect(A4_PAGE).toBe("@page { size: A4; margin: 12mm; }");
  });

  it("show a sheet alone: the receipt, the header and footer and the controls hidden", () => {
    const sheet = printBlocks(css).find((b) => b.includes(".print-sheet"));
    expect(sheet).toBeDefined();
    const hidden = /([^{}]+)\{\s*display: none !important;\s*\}/.exec(sheet ?? "")?.[1] ?? "";
    for (const selector of [".receipt", ".no-print", ".app > :not(.app-main)"]) {
      expect(hidden).toContain(`body:has(.print-sheet) ${selector}`);
    }
  });

  it("never print a view kept mounted out of sight (the Reports view between visits)", () => {
    // The sheets' rules make every element visible again: out of sight is not enough.
    const kept = printBlocks(css).find((b) => b.includes(".kept-view"));
    expect(kept).toMatch(/\.kept-view\[data-shown="false"\]\s*\{\s*display: none !important;\s*\}/);
  });
});
