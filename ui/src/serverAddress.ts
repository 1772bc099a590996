// The desk's rule for server addresses, checked as staff type so the refusal is worded in
// their language (the backend checks the same and is the authority): https:// anywhere,
// plain http:// only to this computer (127.0.0.0/8, ::1, localhost).
import type { MessageKey } from "./i18n/en";

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Why `text` is no address this desk may use, or null when it is one. */
export function addressProblem(text: string): MessageKey | null {
  const trimmed = text.trim();
  if (!trimmed) return "address.empty";
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return "address.notUrl";
  }
  if (!url.hostname || url.username || url.password) return "address.notUrl";
  if (url.protocol === "https:") return null;
  if (url.protocol !== "http:") return "address.notUrl";
  return isLoopbackHost(url.hostname) ? null : "address.plainHttp";
}

/** Why `text` is no enrolment code, or null (case, spaces and dashes do not matter). */
export function codeProblem(text: string): MessageKey | null {
  return text.replace(/[^0-9a-z]/gi, "") ? null : "enrol.codeEmpty";
}
