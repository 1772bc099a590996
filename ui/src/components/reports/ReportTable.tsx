// The reports' and sheets' one table shape: a caption, column heads, rows, perhaps a foot.
import type { ReactNode } from "react";

export function ReportTable({
  caption,
  heads,
  children,
  foot,
  testId,
  sheet,
}: {
  caption?: string;
  heads: string[];
  children: ReactNode;
  foot?: ReactNode;
  testId?: string;
  /** Part of a printed sheet (black rules on paper). */
  sheet?: boolean;
}) {
  return (
    <table className={sheet ? "report-table sheet-table" : "report-table"} data-testid={testId}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {heads.map((h, i) => (
            <th scope="col" key={i}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
      {foot && <tfoot>{foot}</tfoot>}
    </table>
  );
}
