// An admin manages the staff: names, roles and PINs (a PIN is typed only to set a new one;
// stored as a salted hash, never shown). Saved with the studio, so every desk gets it.
import { useState } from "react";
import type { StudioInfo } from "../api/types";
import { useSetSignOutMinutes, useStaffMembers } from "../data/staff";
import { useSaveStaff } from "../data/studio";
import { useI18n } from "../i18n";
import { staffDrafts, staffUpdates, updateOf, type StaffDraft } from "../studioEdit";
import { ErrorNote } from "./ErrorNote";
import { useStaff } from "./SignIn";

export function StaffSettings({ studio }: { studio: StudioInfo }) {
  const { t } = useI18n();
  const { state } = useStaff();
  const members = useStaffMembers();
  const [drafts, setDrafts] = useState<StaffDraft[] | null>(null);
  const list = drafts ?? staffDrafts(members.data ?? []);
  const edit = (change: (l: StaffDraft[]) => StaffDraft[]) => setDrafts(change(list));
  const save = useSaveStaff({ onSuccess: () => setDrafts(null) });
  const minutes = useSetSignOutMinutes();
  return (
    <section className="staff-settings" aria-label={t("staff.title")}>
      <h3>{t("staff.title")}</h3>
      {list.length === 0 && <p className="muted">{t("staff.none")}</p>}
      <ul className="staff-list">
        {list.map((m, i) => (
          <li key={m.id} className="staff-row" data-staff={m.name}>
            <input
              aria-label={t("staff.name")}
              name={`staff-${i}-name`}
              value={m.name}
              onChange={(e) => edit((l) => l.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))}
            />
            <select
              aria-label={t("staff.role")}
              name={`staff-${i}-role`}
              value={m.role}
              onChange={(e) => edit((l) => l.map((x, k) => (k === i ? { ...x, role: e.target.value as StaffDraft["role"] } : x)))}
            >
              <option value="staff">{t("staff.staff")}</option>
              <option value="admin">{t("staff.admin")}</option>
            </select>
            <input
              aria-label={m.isNew ? t("staff.pin") : t("staff.newPin")}
              placeholder={m.isNew ? t("staff.pin") : t("staff.newPin")}
              name={`staff-${i}-pin`}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={8}
              value={m.pin}
              onChange={(e) => edit((l) => l.map((x, k) => (k === i ? { ...x, pin: e.target.value.replace(/\D/g, "") } : x)))}
            />
            <button type="button" className="button" onClick={() => edit((l) => l.filter((_, k) => k !== i))}>
              {t("setup.remove")}
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <button
          type="button"
          className="button"
          onClick={() => edit((l) => [...l, { id: crypto.randomUUID(), name: "", role: l.length === 0 ? "admin" : "staff", pin: "", isNew: true }])}
        >
          + {t("staff.add")}
        </button>
        <button type="button" className="button primary" data-testid="save-staff" disabled={!drafts || save.isPending} onClick={() => save.mutate({ ...updateOf(studio), staff: staffUpdates(list) })}>
          {t("staff.save")}
        </button>
      </div>
      <ErrorNote error={save.error ?? members.error} />
      {save.isSuccess && <p className="ok-note">{t("settings.saved")}</p>}
      <label>
        {t("staff.signOutAfter")}
        <select
          name="sign-out-minutes"
          value={state?.signOutMinutes ?? 5}
          onChange={(e) => minutes.mutate(Number(e.target.value))}
        >
          {[1, 2, 5, 10, 15, 30, 60].map((m) => (
            <option key={m} value={m}>
              {t("staff.minutes", { minutes: m })}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={minutes.error} />
    </section>
  );
}
