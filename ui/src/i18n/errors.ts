// Every code of the backend's error vocabulary (the generated ErrorCode union) in plain
// words, in English and German. A code without a sentence here does not compile.
import type { ErrorCode } from "../api/types";

export const ERRORS_EN: Record<ErrorCode, string> = {
  conflict: "That time is taken. Pick another.",
  id_reused: "This booking was already sent with other details: {message}",
  invalid: "{message}",
  unknown_room: "That room does not exist (any more). Reload the rooms.",
  not_found: "Not found: it may have been removed.",
  unauthorized: "The server does not accept this desk (its key was revoked or replaced). An admin connects it again in Settings with a new enrolment code.",
  forbidden: "This desk may not do that: changing the studio needs an admin token.",
  stale: "Someone else saved a change meanwhile; nothing was overwritten. Reload and make your change again.",
  bad_request: "The server could not read the request: {message}",
  too_large: "That is too much to send at once: {message}",
  method_not_allowed: "The server does not offer this (is it an older version?): {message}",
  timeout: "The server took too long. It may or may not have saved this: try again, nothing is booked twice.",
  rate_limited: "Too many requests from this desk. Wait a few seconds, then try again.",
  unavailable: "The server cannot reach its database right now. Try again in a moment.",
  internal: "The server failed; nothing was changed. Try again, and call your administrator if it stays.",
  unreachable: "The server cannot be reached. Check the network or the server address in Settings.",
  storage: "This desk could not save: {message}. Restart Frontdesk; if it stays, call your administrator.",
  sign_in_required: "Sign in with your PIN first.",
  admin_required: "Only an admin can do that. Sign in as an admin.",
  wrong_pin: "That PIN is not right. Try again.",
  pin_locked: "Too many wrong PINs. Wait a little, then try again; an admin can set a new PIN.",
  server_required: "This needs the studio's server, and this desk works standalone. An admin connects it in Settings.",
  unknown: "Something went wrong: {message}",
};

/** A conflict that is only the room's changeover time: nothing overlaps, but it is too close. */
export const CHANGEOVER_EN =
  "Too close to another booking: this room needs its changeover time between two sessions. Pick a time further away.";
export const CHANGEOVER_DE =
  "Zu nah an einer anderen Buchung: Dieser Raum braucht seine Umbauzeit zwischen zwei Terminen. Wählen Sie eine Zeit mit mehr Abstand.";

export const ERRORS_DE: Record<ErrorCode, string> = {
  conflict: "Diese Zeit ist vergeben. Wählen Sie eine andere.",
  id_reused: "Diese Buchung wurde schon mit anderen Angaben gesendet: {message}",
  invalid: "{message}",
  unknown_room: "Diesen Raum gibt es nicht (mehr). Laden Sie die Räume neu.",
  not_found: "Nicht gefunden: vielleicht wurde es entfernt.",
  unauthorized: "Der Server nimmt diesen Platz nicht an (sein Schlüssel wurde widerrufen oder ersetzt). Ein Admin verbindet ihn in den Einstellungen mit einem neuen Einrichtungscode wieder.",
  forbidden: "Dieser Platz darf das nicht: Das Studio ändern braucht ein Admin-Token.",
  stale: "Jemand anderes hat inzwischen gespeichert; nichts wurde überschrieben. Laden Sie neu und ändern Sie noch einmal.",
  bad_request: "Der Server konnte die Anfrage nicht lesen: {message}",
  too_large: "Das ist zu viel auf einmal: {message}",
  method_not_allowed: "Der Server bietet das nicht an (ist er eine ältere Version?): {message}",
  timeout: "Der Server hat zu lange gebraucht. Vielleicht wurde es gespeichert, vielleicht nicht: Versuchen Sie es noch einmal, doppelt gebucht wird nichts.",
  rate_limited: "Zu viele Anfragen von diesem Empfang. Warten Sie ein paar Sekunden und versuchen Sie es dann noch einmal.",
  unavailable: "Der Server erreicht seine Datenbank gerade nicht. Versuchen Sie es gleich noch einmal.",
  internal: "Der Server ist gescheitert; nichts wurde geändert. Versuchen Sie es noch einmal und rufen Sie Ihre Administration an, wenn es bleibt.",
  unreachable: "Der Server ist nicht erreichbar. Prüfen Sie das Netzwerk oder die Serveradresse in den Einstellungen.",
  storage: "Dieser Platz konnte nicht speichern: {message}. Starten Sie Frontdesk neu; bleibt der Fehler, rufen Sie Ihre Administration an.",
  sign_in_required: "Melden Sie sich zuerst mit Ihrer PIN an.",
  admin_required: "Das darf nur eine Administratorin oder ein Administrator. Melden Sie sich als Admin an.",
  wrong_pin: "Diese PIN stimmt nicht. Versuchen Sie es noch einmal.",
  pin_locked: "Zu viele falsche PINs. Warten Sie kurz und versuchen Sie es dann noch einmal; ein Admin kann eine neue PIN setzen.",
  server_required: "Das braucht den Server des Studios, und dieser Platz arbeitet eigenständig. Ein Admin verbindet ihn in den Einstellungen.",
  unknown: "Etwas ist schiefgegangen: {message}",
};
