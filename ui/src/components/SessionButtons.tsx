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

/** `quantumMinutes`: the studio's quantum (+1 quantum, +1 h). */
export function SessionButtons({ booking, quantumMinutes }: { booking: Booking; quantumMinutes: number }) {
  const { t } = useI18n();
  const extend = useChangeBooking(booking.id);
  return (
    <div className="session-buttons">
      <div className="row">
        <button type="button" className="button" data-testid="card-extend-15" disabled={extend.isPending} onClick={() => extend.mutate(endMoved(booking, 1, quantumMinutes))}>
          {t("actions.extend15", { minutes: quantumMinutes })}
        </button>
        <button type="button" className="button" data-testid="card-extend-60" disabled={extend.isPending} onClick={() => extend.mutate(endMoved(booking, 60 / quantumMinutes, quantumMinutes))}>
          {t("actions.extend60")}
        </button>
      </div>
      <ErrorNote error={extend.error} />
    </div>
  );
}
