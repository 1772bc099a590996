// Who is at the desk: the header's badge (signed in as …, sign out), and the sign-in dialog
// (pick your name, type your PIN). The dialog opens by itself when the backend asks for a
// PIN before a write (`sign_in_required`, `admin_required`).
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { SignInState, StaffMember } from "../api/types";
import { useSignIn, useSignInState, useSignOut, useStaffMembers, useTouch } from "../data/staff";
import { useI18n } from "../i18n";
import { Dialog } from "./Dialog";
import { ErrorNote } from "./ErrorNote";

/** Sent on `window` when the backend refused a write for want of a PIN. */
export const SIGN_IN_EVENT = "frontdesk:sign-in";

/** Staff activity is reported at most this often. */
const TOUCH_EVERY_MS = 20_000;

interface StaffContextValue {
  state: SignInState | undefined;
  openSignIn: () => void;
}

const StaffContext = createContext<StaffContextValue>({ state: undefined, openSignIn: () => {} });

export const useStaff = () => useContext(StaffContext);

/** Whether what only an admin may do is offered: an admin is signed in, or the studio has
 * no staff (nobody is asked). Not known yet: no. The backend checks again. */
export function useIsAdmin(): boolean {
  const { state } = useStaff();
  return state != null && (!state.required || state.signedIn?.role === "admin");
}

export function StaffProvider({ children }: { children: ReactNode }) {
  const state = useSignInState();
  const touch = useTouch();
  const [open, setOpen] = useState(false);
  const lastTouch = useRef(0);

  useEffect(() => {
    const onRequest = () => setOpen(true);
    window.addEventListener(SIGN_IN_EVENT, onRequest);
    return () => window.removeEventListener(SIGN_IN_EVENT, onRequest);
  }, []);

  // A tap or a key while signed in: the idle sign-out starts again.
  const signedIn = state.data?.signedIn != null;
  useEffect(() => {
    if (!signedIn) return;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastTouch.current < TOUCH_EVERY_MS) return;
      lastTouch.current = now;
      touch();
    };
    window.addEventListener("pointerdown", onActivity);
    window.addEventListener("keydown", onActivity);
    return () => {
      window.removeEventListener("pointerdown", onActivity);
      window.removeEventListener("keydown", onActivity);
    };
  }, [signedIn, touch]);

  const openSignIn = useCallback(() => setOpen(true), []);
  return (
    <StaffContext.Provider value={{ state: state.data, openSignIn }}>
      {children}
      {open && <SignInDialog onClose={() => setOpen(false)} />}
    </StaffContext.Provider>
  );
}

/** The header's part: who is signed in (and sign out), or a sign-in button. */
export function StaffBadge() {
  const { t } = useI18n();
  const { state, openSignIn } = useStaff();
  const signOut = useSignOut();
  if (!state?.required) return null;
  const who = state.signedIn;
  if (!who) {
    return (
      <button type="button" className="nav-item staff-badge signed-out" data-testid="sign-in" onClick={openSignIn}>
        {t("staff.signIn")}
      </button>
    );
  }
  return (
    <button
      type="button"
      className="nav-item staff-badge"
      data-testid="signed-in"
      data-staff={who.name}
      title={t("staff.signOutHint", { name: who.name })}
      onClick={() => signOut.mutate()}
    >
      <span className="staff-name">{who.name}</span>
      <span className="staff-action">{t("staff.signOut")}</span>
    </button>
  );
}

export function SignInDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const members = useStaffMembers();
  const [chosen, setChosen] = useState<StaffMember | null>(null);
  const [pin, setPin] = useState("");
  const pinRef = useRef<HTMLInputElement>(null);
  const signIn = useSignIn({
    onSuccess: () => onClose(),
    onError: () => {
      setPin("");
      pinRef.current?.focus();
    },
  });
  const only = members.data?.length === 1 ? members.data[0] : null;
  const who = chosen ?? only;

  useEffect(() => {
    if (who) pinRef.current?.focus();
  }, [who]);

  return (
    <Dialog title={t("staff.signInTitle")} onClose={onClose} className="sign-in">
      <ErrorNote error={members.error} />
      <div className="choice staff-choice" role="group" aria-label={t("staff.who")}>
        {members.data?.map((m) => (
          <button
            type="button"
            key={m.id}
            className={`button choice-item ${who?.id === m.id ? "selected" : ""}`}
            aria-pressed={who?.id === m.id}
            data-staff={m.name}
            onClick={() => {
              setChosen(m);
              signIn.reset();
            }}
          >
            {m.name}
            {m.role === "admin" && <span className="muted"> · {t("staff.admin")}</span>}
          </button>
        ))}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (who && pin) signIn.mutate({ id: who.id, pin });
        }}
      >
        <label>
          {who ? t("staff.pinOf", { name: who.name }) : t("staff.pickName")}
          <input
            ref={pinRef}
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            disabled={!who}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ""))}
          />
        </label>
        <ErrorNote error={signIn.error} />
        <div className="row">
          <button type="submit" className="button primary" disabled={!who || pin.length < 4 || signIn.isPending}>
            {t("staff.signIn")}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t("staff.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
