// The desk's backups in Settings, English and German. Merged into en.ts and de.ts; every key
// here must exist in both (the type checks it).
export const BACKUPS_EN = {
  "backups.title": "Backups",
  "backups.help": "Once a day while it runs, this desk copies its file into a backup beside it and keeps the last seven. An admin can go back to one: the bookings made since then are gone from this desk's file unless the studio's server has them.",
  "backups.none": "No backup yet: the first one is made while the desk runs.",
  "backups.holds": "{bookings} bookings, {customers} customers",
  "backups.restore": "Restore…",
  "backups.restoreTitle": "Restore the backup of {when}?",
  "backups.preview": "It holds {bookings} bookings and {customers} customers of {studio}. Everything this desk recorded after {when} is replaced; its current file is kept beside it.",
  "backups.connected": "This desk is connected to a server: afterwards it sends the server what it had waiting then and takes back everything the server has, so nothing on the server is lost.",
  "backups.standalone": "This desk works standalone: what it recorded after the backup is gone from the desk (the replaced file stays on disk).",
  "backups.confirm": "Restore this backup",
  "backups.keep": "Keep the desk as it is",
  "backups.restored": "The backup of {when} is restored.",
  "backups.kept": "The file it replaced is kept at {path}.",
} as const;

export const BACKUPS_DE: Record<keyof typeof BACKUPS_EN, string> = {
  "backups.title": "Sicherungen",
  "backups.help": "Einmal am Tag, während er läuft, kopiert dieser Platz seine Datei in eine Sicherung daneben und behält die letzten sieben. Ein Admin kann zu einer zurückkehren: Was seitdem gebucht wurde, fehlt danach in der Datei dieses Platzes, sofern der Server des Studios es nicht hat.",
  "backups.none": "Noch keine Sicherung: Die erste entsteht, während der Platz läuft.",
  "backups.holds": "{bookings} Buchungen, {customers} Kunden",
  "backups.restore": "Wiederherstellen…",
  "backups.restoreTitle": "Die Sicherung vom {when} wiederherstellen?",
  "backups.preview": "Sie enthält {bookings} Buchungen und {customers} Kunden von {studio}. Alles, was dieser Platz nach {when} erfasst hat, wird ersetzt; seine jetzige Datei bleibt daneben erhalten.",
  "backups.connected": "Dieser Platz ist mit einem Server verbunden: Danach sendet er dem Server, was damals noch wartete, und holt alles zurück, was der Server hat – auf dem Server geht nichts verloren.",
  "backups.standalone": "Dieser Platz arbeitet eigenständig: Was er nach der Sicherung erfasst hat, fehlt danach am Platz (die ersetzte Datei bleibt auf der Festplatte).",
  "backups.confirm": "Diese Sicherung wiederherstellen",
  "backups.keep": "Platz so lassen",
  "backups.restored": "Die Sicherung vom {when} ist wiederhergestellt.",
  "backups.kept": "Die ersetzte Datei liegt unter {path}.",
};
