// CSV exports of the period (bookings, payments, customers) in the UI's language: the file
// goes to the Downloads folder, and staff are told where.
import { useExportCsv } from "../../data/reports";
import { useI18n } from "../../i18n";
import { ErrorNote } from "../ErrorNote";
import type { ExportKind, ReportQuery } from "../../api/types";

const KINDS: ExportKind[] = ["bookings", "payments", "customers"];

export function ExportButtons({ query }: { query: ReportQuery | null }) {
  const { t, language } = useI18n();
  const write = useExportCsv();
  return (
    <section className="report-section report-exports" aria-labelledby="report-exports">
      <h3 id="report-exports">{t("export.title")}</h3>
      <div className="row">
        {KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="button"
            data-testid={`export-${kind}`}
            disabled={!query || write.isPending}
            onClick={() => query && write.mutate({ kind, query, language })}
          >
            {t(`export.${kind}`)}
          </button>
        ))}
      </div>
      <div aria-live="polite">
        {write.isPending && <p className="status">{t("export.busy")}</p>}
        {write.data && !write.isPending && (
          <p className="status" data-testid="export-result" data-path={write.data.path}>
            {t("export.done", { rows: write.data.rows, path: write.data.path })}
          </p>
        )}
      </div>
      <ErrorNote error={write.error} />
    </section>
  );
}
