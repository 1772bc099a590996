// The one modal dialog of the UI: focus moves into it when it opens and stays in it (Tab and
// Shift+Tab wrap around), Esc closes it, and focus goes back to what opened it. It is a
// `dialog` (or an `alertdialog` for a confirmation) with `aria-modal`, named by its title.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

const FOCUSABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

/** The elements Tab reaches inside `root`, in order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest("[inert]") && el.tabIndex >= 0);
}

/** Whether a key event comes from inside an open modal dialog (the app's shortcuts stay out). */
export function inModal(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest("[aria-modal='true']") !== null;
}

export function Dialog({
  title,
  onClose,
  children,
  className = "",
  role = "dialog",
}: {
  /** Shown as the dialog's heading, and its accessible name. */
  title: ReactNode;
  /** Esc, a click on the backdrop; the dialog's own buttons call it too. */
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** `alertdialog` for a question that needs an answer (a confirmation). */
  role?: "dialog" | "alertdialog";
}) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  // What had focus before the dialog opened, read before any child takes focus (autoFocus).
  const [opener] = useState(() => document.activeElement);

  useEffect(() => {
    const root = box.current;
    // Into the dialog, unless a field of it took focus already (autoFocus).
    if (root && !root.contains(document.activeElement)) (focusables(root)[0] ?? root).focus();
    // Focus that leaves by other means (a click outside, a script) is brought back, unless
    // it went into another dialog opened over this one (the sign-in asked for by a write).
    const keepIn = (e: FocusEvent) => {
      if (!root || !(e.target instanceof Element) || root.contains(e.target) || inModal(e.target)) return;
      (focusables(root)[0] ?? root).focus();
    };
    document.addEventListener("focusin", keepIn);
    return () => {
      document.removeEventListener("focusin", keepIn);
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [opener]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== "Tab" || !box.current) return;
    const all = focusables(box.current);
    if (all.length === 0) {
      e.preventDefault();
      return;
    }
    const first = all[0];
    const last = all[all.length - 1];
    const at = document.activeElement;
    if (e.shiftKey && (at === first || at === box.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && at === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={box}
        className={`dialog ${className}`.trim()}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
