import { useI18n } from "../i18n";

/** The booking flow's last step, whatever was booked: another booking, or back to the board. */
export function FlowEndButtons({ onAnother, onClose }: { onAnother: () => void; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <div className="row">
      <button type="button" className="button primary" onClick={onAnother} autoFocus>
        {t("flow.another")}
      </button>
      <button type="button" className="button secondary" onClick={onClose}>
        {t("flow.toBoard")}
      </button>
    </div>
  );
}
