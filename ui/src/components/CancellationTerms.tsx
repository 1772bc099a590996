// Cancellation terms in the studio settings: the studio's (free cancellation until N hours
// before the start, fee tiers, a no-show fee, the deposit a booking asks) and a room's
// choice of the studio's terms or its own. One editor for both; a field the backend refused is marked where it is typed.
import { useState } from "react";
import type { RoomInfo, Terms } from "../api/types";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { parsePrice } from "../studioSetup";
import { MAX_TIERS, STARTING_TERMS, wholeNumber, withTier, withTierAdded, withTierRemoved } from "../terms";

/** What each kind of refused field says at the field. */
function problemOf(field: string): MessageKey {
  if (field.includes(".deposit")) return "terms.badDeposit";
  if (field.endsWith("freeHoursBefore")) return "terms.badFreeHours";
  if (field.endsWith("hoursBefore") || field.endsWith("tiers")) return "terms.badTierHours";
  return "terms.badPercent";
}

/** A whole number field; `field` is its wire name (`cancellationTerms.tiers[0].percent`). */
function NumberField({ label, field, value, refused, onChange }: { label: string; field: string; value: number; refused: string | null; onChange: (n: number) => void }) {
  const { t } = useI18n();
  const invalid = refused === field;
  const id = `terms-${field.replace(/[^\w-]/g, "-")}`;
  return (
    <div className="terms-field">
      <label>
        {label}
        <input
          name={field}
          inputMode="numeric"
          className="number-input"
          value={String(value)}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-problem` : undefined}
          onChange={(e) => onChange(wholeNumber(e.target.value))}
        />
      </label>
      {invalid && (
        <p className="inline-error" id={`${id}-problem`}>
          {t(problemOf(field))}
        </p>
      )}
    </div>
  );
}

/** Edits one set of terms; `prefix` is their wire name (`cancellationTerms`, `roomTerms.live`). */
export function TermsEditor({ terms, prefix, refused, onChange }: { terms: Terms; prefix: string; refused: string | null; onChange: (terms: Terms) => void }) {
  const { t } = useI18n();
  return (
    <div className="terms-editor" data-terms={prefix}>
      <NumberField
        label={t("terms.freeHours")}
        field={`${prefix}.freeHoursBefore`}
        value={terms.freeHoursBefore}
        refused={refused}
        onChange={(freeHoursBefore) => onChange({ ...terms, freeHoursBefore })}
      />
      <ol className="fee-tiers">
        {terms.tiers.map((tier, i) => (
          <li key={i} className="fee-tier">
            <fieldset>
              <legend>{t("terms.tier", { number: i + 1 })}</legend>
              <NumberField
                label={t("terms.tierHours")}
                field={`${prefix}.tiers[${i}].hoursBefore`}
                value={tier.hoursBefore}
                refused={refused}
                onChange={(hoursBefore) => onChange(withTier(terms, i, { hoursBefore }))}
              />
              <NumberField
                label={t("terms.tierPercent")}
                field={`${prefix}.tiers[${i}].percent`}
                value={tier.percent}
                refused={refused}
                onChange={(percent) => onChange(withTier(terms, i, { percent }))}
              />
              <button type="button" className="button" aria-label={t("terms.removeTier", { number: i + 1 })} onClick={() => onChange(withTierRemoved(terms, i))}>
                {t("setup.remove")}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" className="button" disabled={terms.tiers.length >= MAX_TIERS} onClick={() => onChange(withTierAdded(terms))}>
        + {t("terms.addTier")}
      </button>
      <NumberField
        label={t("terms.noShow")}
        field={`${prefix}.noShowPercent`}
        value={terms.noShowPercent}
        refused={refused}
        onChange={(noShowPercent) => onChange({ ...terms, noShowPercent })}
      />
      <DepositField terms={terms} prefix={prefix} refused={refused} onChange={onChange} />
    </div>
  );
}

/** The deposit the terms ask of a booking: none, a share of its price, or a fixed amount. */
function DepositField({ terms, prefix, refused, onChange }: { terms: Terms; prefix: string; refused: string | null; onChange: (terms: Terms) => void }) {
  const { t } = useI18n();
  const deposit = terms.deposit ?? null;
  const kind = deposit?.amount != null ? "amount" : deposit?.percent != null ? "percent" : "none";
  const [typed, setTyped] = useState(deposit?.amount != null ? (deposit.amount / 100).toFixed(2) : "");
  const field = `${prefix}.deposit`;
  const invalid = refused != null && refused.startsWith(field);
  return (
    <div className="terms-deposit">
      <label>
        {t("terms.deposit")}
        <select
          name={`${prefix}-deposit`}
          value={kind}
          aria-invalid={invalid || undefined}
          onChange={(e) => {
            const next = e.target.value;
            onChange({ ...terms, deposit: next === "percent" ? { percent: 30, amount: null } : next === "amount" ? { percent: null, amount: 2000 } : null });
            if (next === "amount") setTyped("20.00");
          }}
        >
          <option value="none">{t("terms.depositNone")}</option>
          <option value="percent">{t("terms.depositPercent")}</option>
          <option value="amount">{t("terms.depositAmount")}</option>
        </select>
      </label>
      {kind === "percent" && (
        <NumberField
          label={t("terms.depositPercentLabel")}
          field={`${field}.percent`}
          value={deposit?.percent ?? 0}
          refused={refused}
          onChange={(percent) => onChange({ ...terms, deposit: { percent, amount: null } })}
        />
      )}
      {kind === "amount" && (
        <label>
          {t("terms.depositAmountLabel")}
          <input
            name={`${field}.amount`}
            className="price-input"
            inputMode="decimal"
            value={typed}
            aria-invalid={refused === `${field}.amount` || parsePrice(typed) === null || undefined}
            onChange={(e) => {
              setTyped(e.target.value);
              const minor = parsePrice(e.target.value);
              if (minor !== null) onChange({ ...terms, deposit: { percent: null, amount: minor } });
            }}
          />
        </label>
      )}
      {invalid && <p className="inline-error">{t("terms.badDeposit")}</p>}
    </div>
  );
}

/** The studio's terms: none (nothing is ever owed) or edited. */
export function StudioTerms({ terms, refused, onChange }: { terms: Terms | null; refused: string | null; onChange: (terms: Terms | null) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="setup-group cancellation-terms">
      <legend>{t("terms.title")}</legend>
      <label className="toggle">
        <input type="checkbox" name="charge-fees" checked={terms != null} onChange={(e) => onChange(e.target.checked ? STARTING_TERMS : null)} />
        {t("terms.charge")}
      </label>
      {terms ? (
        <>
          <p className="muted">{t("terms.help")}</p>
          <TermsEditor terms={terms} prefix="cancellationTerms" refused={refused} onChange={onChange} />
        </>
      ) : (
        <p className="muted">{t("terms.none")}</p>
      )}
    </fieldset>
  );
}

/** A room's terms: the studio's (`undefined`) or its own. */
export function RoomTerms({ room, terms, studioTerms, refused, onChange }: {
  room: RoomInfo;
  terms: Terms | undefined;
  studioTerms: Terms | null;
  refused: string | null;
  onChange: (terms: Terms | undefined) => void;
}) {
  const { t } = useI18n();
  const prefix = `roomTerms.${room.id}`;
  const refusedHere = refused != null && (refused === prefix || refused.startsWith(`${prefix}.`));
  return (
    <div className="room-terms" data-room={room.id}>
      <label>
        {t("terms.room", { name: room.name })}
        <select
          name={`room-${room.id}-terms`}
          value={terms ? "own" : "studio"}
          aria-invalid={refusedHere || undefined}
          onChange={(e) => onChange(e.target.value === "own" ? (studioTerms ?? STARTING_TERMS) : undefined)}
        >
          <option value="studio">{t("terms.useStudio")}</option>
          <option value="own">{t("terms.own")}</option>
        </select>
      </label>
      {terms && <TermsEditor terms={terms} prefix={prefix} refused={refused} onChange={onChange} />}
    </div>
  );
}
