import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { CommandError } from "../api/types";
import { de } from "./de";
import { en, type MessageKey } from "./en";
import { CHANGEOVER_DE, CHANGEOVER_EN, ERRORS_DE, ERRORS_EN } from "./errors";

export type Language = "en" | "de";
export const LANGUAGES: { id: Language; label: string }[] = [
  { id: "en", label: "English" },
  { id: "de", label: "Deutsch" },
];

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, de };
const ERRORS = { en: ERRORS_EN, de: ERRORS_DE };
const CHANGEOVER = { en: CHANGEOVER_EN, de: CHANGEOVER_DE };
const STORAGE_KEY = "frontdesk.language";

/** Fills `{name}` placeholders. */
export function translate(
  language: Language,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  return DICTIONARIES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** A command error in plain words: the code picks the sentence, the backend's message
 * fills in the detail. */
export function errorText(language: Language, error: CommandError): string {
  const conflicts = error.code === "conflict" ? (error.conflicts ?? []) : [];
  if (conflicts.length > 0 && conflicts.every((c) => c.reason === "changeover")) {
    return CHANGEOVER[language];
  }
  const sentence = ERRORS[language][error.code] ?? ERRORS[language].unknown;
  return sentence.replace("{message}", error.message);
}

interface I18n {
  language: Language;
  /** BCP 47 tag for Intl formatting. */
  locale: string;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  errorText: (error: CommandError) => string;
}

const I18nContext = createContext<I18n | null>(null);

function savedLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return saved === "de" ? "de" : "en";
  } catch {
    return "en";
  }
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguageState] = useState<Language>(() => initial ?? savedLanguage());
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // A kiosk without storage keeps the language for this run only.
    }
  }, []);
  // The page's language follows the app's (screen readers, hyphenation).
  useEffect(() => {
    if (typeof document !== "undefined") document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18n>(
    () => ({
      language,
      locale: language === "de" ? "de-DE" : "en-GB",
      setLanguage,
      t: (key, values) => translate(language, key, values),
      errorText: (error) => errorText(language, error),
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
