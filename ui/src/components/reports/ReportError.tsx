// A report that could not be shown, in plain words: money for want of an admin (with the
// way to sign in), anything else through the app's error note with "try again".
import type { CommandError } from "../../api/types";
import { useI18n } from "../../i18n";
import { ErrorNote } from "../ErrorNote";
import { useStaff } from "../SignIn";

export function ReportError({ error, onRetry }: { error: CommandError | null; onRetry: () => void }) {
  const { t } = useI18n();
  const { openSignIn } = useStaff();
  if (!error) return null;
  if (error.code === "admin_required" || error.code === "sign_in_required" || error.code === "forbidden") {
    return (
      <div className="error-note" role="alert">
        <span>{t("reports.adminOnly")}</span>
        <button type="button" className="button" onClick={openSignIn}>
          {t("reports.signIn")}
        </button>
      </div>
    );
  }
  return <ErrorNote error={error} onRetry={onRetry} />;
}
