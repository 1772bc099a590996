// Which rooms the reports count: every room at first; at least one.
import type { StudioInfo } from "../../api/types";
import { useI18n } from "../../i18n";

export function RoomPicker({ studio, chosen, onChange }: { studio: StudioInfo; chosen: string[]; onChange: (rooms: string[]) => void }) {
  const { t } = useI18n();
  const toggle = (id: string, on: boolean) =>
    // In the studio's order, as the reports answer them.
    onChange(studio.rooms.map((r) => r.id).filter((r) => (r === id ? on : chosen.includes(r))));
  return (
    <fieldset className="report-rooms">
      <legend>{t("reports.rooms")}</legend>
      {studio.rooms.map((room) => (
        <label key={room.id}>
          <input type="checkbox" name="report-room" value={room.id} checked={chosen.includes(room.id)} onChange={(e) => toggle(room.id, e.target.checked)} />
          {room.name}
        </label>
      ))}
      {chosen.length === 0 && (
        <p className="status error" role="alert">
          {t("reports.noRooms")}
        </p>
      )}
    </fieldset>
  );
}

/** The rooms part of a report query: left out when every room is chosen. */
export function roomsParam(studio: StudioInfo, chosen: string[]): string | undefined {
  return chosen.length === studio.rooms.length ? undefined : chosen.join(",");
}
