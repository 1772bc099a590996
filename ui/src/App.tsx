import { useEffect, useState } from "react";
import { getStudio, type CommandError, type StudioInfo } from "./api/studio";
import { formatDuration } from "./format";

type Load =
  | { state: "loading" }
  | { state: "ready"; studio: StudioInfo }
  | { state: "failed"; message: string };

export function App() {
  const [load, setLoad] = useState<Load>({ state: "loading" });

  useEffect(() => {
    getStudio()
      .then((studio) => setLoad({ state: "ready", studio }))
      .catch((error: CommandError | string) =>
        setLoad({
          state: "failed",
          message: typeof error === "string" ? error : error.message,
        }),
      );
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Frontdesk</h1>
        {load.state === "ready" && <span className="studio-name">{load.studio.name}</span>}
      </header>
      <main className="app-main">
        {load.state === "loading" && <p className="status">Loading the studio…</p>}
        {load.state === "failed" && (
          <p className="status error" role="alert">
            The studio could not be loaded: {load.message}
          </p>
        )}
        {load.state === "ready" && (
          <ul className="rooms" aria-label="Rooms">
            {load.studio.rooms.map((room) => (
              <li key={room.id} className="room">
                <strong>{room.name}</strong>
                <span>{room.durations.map(formatDuration).join(" · ")}</span>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
