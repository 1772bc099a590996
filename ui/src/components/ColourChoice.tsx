// A room's colour on the day board: swatches as one radio group (Tab reaches it, the arrow
// keys choose), in place of the native colour input that Tab did not reach in the app's
// window. A colour set elsewhere (the studio file, an older desk) is kept as its own choice.
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../i18n";

export const COLOURS: { value: string; name: MessageKey }[] = [
  { value: "#1f7a8c", name: "colour.teal" },
  { value: "#2f6fb0", name: "colour.blue" },
  { value: "#6b4fbb", name: "colour.violet" },
  { value: "#b03a8c", name: "colour.magenta" },
  { value: "#b83232", name: "colour.red" },
  { value: "#c2571a", name: "colour.orange" },
  { value: "#7a7a1f", name: "colour.olive" },
  { value: "#2e7d32", name: "colour.green" },
  { value: "#6b7280", name: "colour.grey" },
];

export function ColourChoice({
  label,
  name,
  room,
  value,
  onChange,
}: {
  /** The group's name: whose colour it is. */
  label: string;
  /** The radios' shared name (one group per room). */
  name: string;
  room: string;
  value: string | null | undefined;
  onChange: (colour: string) => void;
}) {
  const { t } = useI18n();
  const own = value && !COLOURS.some((c) => c.value === value.toLowerCase()) ? value : null;
  const choices = [...COLOURS.map((c) => ({ value: c.value, label: t(c.name) })), ...(own ? [{ value: own, label: t("studio.colourCustom", { value: own }) }] : [])];
  return (
    <div className="colour-choice" role="radiogroup" aria-label={label} data-colour-of={room}>
      {choices.map((c) => (
        <label key={c.value} className="colour-swatch" title={c.label}>
          <input
            type="radio"
            className="sr-only"
            name={name}
            value={c.value}
            checked={value?.toLowerCase() === c.value.toLowerCase()}
            onChange={() => onChange(c.value)}
          />
          <span className="swatch" style={{ background: c.value }} aria-hidden="true" />
          <span className="sr-only">{c.label}</span>
        </label>
      ))}
    </div>
  );
}
