// A sheet that prints on A4 through the system's print dialog (the day sheet, the
// cash-up). While one is on screen, printing shows it alone, black on white (styles.css,
// "Printed sheets"); the A4 page size is set only while it is mounted, so the receipt
// keeps its own paper.
import type { ReactNode } from "react";

export const A4_PAGE = "@page { size: A4; margin: 12mm; }";

export function PrintSheet({ testId, label, children }: { testId: string; label: string; children: ReactNode }) {
  return (
    <article className="print-sheet" data-testid={testId} aria-label={label}>
      <style>{A4_PAGE}</style>
      {children}
    </article>
  );
}
