// A running session on its room card: who is in (checked in, or a no-show), and +15 min /
// +1 h without opening the booking.
import type { Booking } from "../api/types";
import { useChangeBooking } from "../data/bookings";
import { useI18n } from "../i18n";
import { endMoved } from "./BookingActions";
import { ErrorNote } from "./ErrorNote";

/** " · checked in" / " · no-show" for a booking, or nothing. */
export function useArrival(): (b: Booking) => string {
  const { t } = useI18n();
  return (b) => (b.noShow ? ` · ${t("actions.noShowMarked")}` : b.checkedInAt ? ` · ${t("board.checkedIn")}` : "");
}

export function SessionButtons({ booking }: { booking: Booking }) {
  const { t } = useI18n();
  const extend = useChangeBooking(booking.id);
  return (
    <div className="session-buttons">
      <div className="row">
        <button type="button" className="button" data-testid="card-extend-15" disabled={extend.isPending} onClick={() => extend.mutate(endMoved(booking, 1))}>
          {t("actions.extend15")}
        </button>
        <button type="button" className="button" data-testid="card-extend-60" disabled={extend.isPending} onClick={() => extend.mutate(endMoved(booking, 4))}>
          {t("actions.extend60")}
        </button>
      </div>
      <ErrorNote error={extend.error} />
    </div>
  );
}
