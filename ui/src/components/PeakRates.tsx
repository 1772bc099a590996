// A room's peak rates in the studio settings: an hourly rate for some weekdays between two
// times (evenings, weekends). Prices typed in major units, sent as integer minor units.
import { useState } from "react";
import type { RoomInfo } from "../api/types";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { HALF_HOURS, WEEKDAYS, parsePrice } from "../studioSetup";

type Peak = RoomInfo["peaks"][number];

export function PeakRates({ room, currency, onChange }: { room: RoomInfo; currency: string; onChange: (peaks: Peak[]) => void }) {
  const { t } = useI18n();
  // The price being typed per peak (committed when it reads as a price).
  const [typed, setTyped] = useState<string[]>(() => room.peaks.map((p) => (p.pricePerHour / 100).toFixed(2)));
  const set = (k: number, change: Partial<Peak>) => onChange(room.peaks.map((p, j) => (j === k ? { ...p, ...change } : p)));
  return (
    <div className="peak-rates" data-room={room.id}>
      {room.peaks.map((peak, k) => (
        <fieldset key={k} className="peak-rate">
          <legend>{t("studio.peak", { number: k + 1 })}</legend>
          <span className="check-chips">
            {WEEKDAYS.map((d) => (
              <label key={d} className="check-chip">
                <input
                  type="checkbox"
                  checked={peak.days.includes(d)}
                  onChange={(e) =>
                    set(k, { days: e.target.checked ? WEEKDAYS.filter((w) => w === d || peak.days.includes(w)) : peak.days.filter((w) => w !== d) })
                  }
                />
                {t(`weekday.${d}` as MessageKey).slice(0, 2)}
              </label>
            ))}
          </span>
          <select aria-label={t("studio.from")} value={peak.from} onChange={(e) => set(k, { from: e.target.value })}>
            {HALF_HOURS.slice(0, -1).map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
          <select aria-label={t("studio.to")} value={peak.to} onChange={(e) => set(k, { to: e.target.value })}>
            {HALF_HOURS.slice(1).map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
          <input
            className="price-input"
            inputMode="decimal"
            aria-label={t("setup.price", { currency })}
            aria-invalid={parsePrice(typed[k] ?? "") === null || undefined}
            value={typed[k] ?? ""}
            onChange={(e) => {
              const text = e.target.value;
              setTyped((all) => all.map((x, j) => (j === k ? text : x)));
              const minor = parsePrice(text);
              if (minor !== null) set(k, { pricePerHour: minor });
            }}
          />
          <button
            type="button"
            className="button"
            onClick={() => {
              setTyped((all) => all.filter((_, j) => j !== k));
              onChange(room.peaks.filter((_, j) => j !== k));
            }}
          >
            {t("setup.remove")}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => {
          setTyped((all) => [...all, (room.pricePerHour / 100).toFixed(2)]);
          onChange([...room.peaks, { days: ["fri", "sat"], from: "18:00", to: "24:00", pricePerHour: room.pricePerHour }]);
        }}
      >
        + {t("studio.addPeak")}
      </button>
    </div>
  );
}
