// A report that could not be shown, in plain words: for want of a signed-in staff member
// or (money) an admin, with the way to sign in; (money) for want of an admin desk; anything
// else through the app's error note with "try again".
import type { CommandError } from "../../api/types";
import { useI18n } from "../../i18n";
import { ErrorNote } from "../ErrorNote";
import { useStaff } from "../SignIn";

export function ReportError({ error, onRetry }: { error: CommandError | null; onRetry: () => void }) {
  const { t, errorText } = useI18n();
  const { openSignIn } = useStaff();
  if (!error) return null;
  // The server refuses money to a desk whose token is not an admin's: no sign-in helps.
  if (error.code === "forbidden") {
    return (
      <p className="error-note" role="alert">
        {t("reports.adminDesk")}
      </p>
    );
  }
  if (error.code === "admin_required" || error.code === "sign_in_required") {
    return (
      <div className="error-note" role="alert">
        <span>{error.code === "admin_required" ? t("reports.adminOnly") : errorText(error)}</span>
        <button type="button" className="button" onClick={openSignIn}>
          {t("reports.signIn")}
        </button>
      </div>
    );
  }
  return <ErrorNote error={error} onRetry={onRetry} />;
}
