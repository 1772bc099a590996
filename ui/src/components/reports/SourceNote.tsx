// Where a report's figures came from: the studio's server (every desk), or this desk's own
// file (standalone, or the server could not be reached: only what this desk knows).
import { useI18n } from "../../i18n";
import type { ReportSource } from "../../api/types";

export function SourceNote({ source }: { source: ReportSource }) {
  const { t } = useI18n();
  return (
    <p className="muted report-source" data-source={source}>
      {t(source === "server" ? "reports.fromServer" : "reports.fromDesk")}
    </p>
  );
}
