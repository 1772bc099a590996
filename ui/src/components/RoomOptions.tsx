// The studio's rooms as the options of a room picker, in the studio's order.
import type { StudioInfo } from "../api/types";

export function RoomOptions({ studio }: { studio: StudioInfo }) {
  return (
    <>
      {studio.rooms.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </>
  );
}
