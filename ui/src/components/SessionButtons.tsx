// A running session on its room card: who is in (checked in, or a no-show), and +15 min /
// +1 h without opening the booking.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { Booking, CommandError } from "../api/types";
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
  const client = useQueryClient();
  const extend = useMutation<Booking, CommandError, number>({
    mutationFn: (quanta) =>
      api.changeBooking(booking.id, endMoved(booking, quanta)),
    onSuccess: () => void client.invalidateQueries(),
  });
  return (
    <div className="session-buttons">
      <div className="row">
        <button type="button" className="button" data-testid="card-extend-15" disabled={extend.isPending} onClick={() => extend.mutate(1)}>
          {t("actions.extend15")}
        </button>
        <button type="button" className="button" data-testid="card-extend-60" disabled={extend.isPending} onClick={() => extend.mutate(4)}>
          {t("actions.extend60")}
        </button>
      </div>
      <ErrorNote error={extend.error} />
    </div>
  );
}
