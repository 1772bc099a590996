// axe-core's serious and critical findings in a rendered part of the UI, one line each
// (contrast is left to the real window: jsdom computes no colours).
import axe from "axe-core";

export async function seriousViolations(node: Element): Promise<string[]> {
  const result = await axe.run(node, { rules: { "color-contrast": { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
