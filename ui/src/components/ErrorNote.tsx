import type { CommandError } from "../api/types";
import { useI18n } from "../i18n";

/** An error in plain words, with what to do. */
export function ErrorNote({ error, onRetry }: { error: CommandError | null; onRetry?: () => void }) {
  const { t, errorText } = useI18n();
  if (!error) return null;
  return (
    <div className="error-note" role="alert">
      <span>{errorText(error)}</span>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}
