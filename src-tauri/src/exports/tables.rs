//! The three exports as tables of cells: the header row in the chosen language and one row
//! per booking, payment change or customer. Nothing here reads a file or the clock.

use chrono_tz::Tz;
use frontdesk_core::Studio;
use frontdesk_protocol::{PaymentEntry, PaymentMethod};
use frontdesk_store::customers::CustomerRecord;
use frontdesk_store::{BookingRecord, BookingStatus};

use super::cells::{self, text};
use super::ExportLanguage;

/// A header row and the rows under it, made one at a time as the file is written (a long
/// period's export never holds all its cells at once).
pub struct Table<'a> {
    pub header: &'static [&'static str],
    pub rows: Box<dyn Iterator<Item = Vec<String>> + 'a>,
}

impl std::fmt::Debug for Table<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("header", &self.header)
            .finish()
    }
}

const BOOKINGS_EN: &[&str] = &[
    "ID",
    "Date",
    "Start",
    "End",
    "Room",
    "Customer",
    "Phone",
    "Email",
    "Status",
    "No-show",
    "Checked in",
    "Price",
    "Paid",
    "Method",
    "Series",
    "Note",
];
const BOOKINGS_DE: &[&str] = &[
    "ID",
    "Datum",
    "Beginn",
    "Ende",
    "Raum",
    "Kunde",
    "Telefon",
    "E-Mail",
    "Status",
    "Nicht erschienen",
    "Eingecheckt",
    "Preis",
    "Bezahlt",
    "Zahlart",
    "Serie",
    "Notiz",
];
const PAYMENTS_EN: &[&str] = &[
    "Recorded at",
    "Booking",
    "Room",
    "Customer",
    "Method",
    "Amount",
    "Staff",
    "Desk",
];
const PAYMENTS_DE: &[&str] = &[
    "Erfasst am",
    "Buchung",
    "Raum",
    "Kunde",
    "Zahlart",
    "Betrag",
    "Person",
    "Platz",
];
const CUSTOMERS_EN: &[&str] = &["Name", "Phone", "Email", "Bookings", "Notes"];
const CUSTOMERS_DE: &[&str] = &["Name", "Telefon", "E-Mail", "Buchungen", "Notizen"];

fn pick(
    language: ExportLanguage,
    en: &'static [&'static str],
    de: &'static [&'static str],
) -> &'static [&'static str] {
    match language {
        ExportLanguage::En => en,
        ExportLanguage::De => de,
    }
}

fn status_word(status: BookingStatus, language: ExportLanguage) -> &'static str {
    match (language, status) {
        (ExportLanguage::En, s) => s.as_str(),
        (ExportLanguage::De, BookingStatus::Confirmed) => "bestätigt",
        (ExportLanguage::De, BookingStatus::Pending) => "wartet auf Abgleich",
        (ExportLanguage::De, BookingStatus::Cancelled) => "storniert",
        (ExportLanguage::De, BookingStatus::Conflict) => "Konflikt",
    }
}

fn method_word(method: PaymentMethod, language: ExportLanguage) -> &'static str {
    match (language, method) {
        (ExportLanguage::En, PaymentMethod::Cash) => "cash",
        (ExportLanguage::En, PaymentMethod::Card) => "card",
        (ExportLanguage::De, PaymentMethod::Cash) => "bar",
        (ExportLanguage::De, PaymentMethod::Card) => "Karte",
    }
}

/// A room's name (its id when the studio no longer has it).
fn room_name(studio: &Studio, id: &str) -> String {
    studio
        .rooms
        .iter()
        .find(|r| r.id.as_str() == id)
        .map_or_else(|| id.to_owned(), |r| r.name.clone())
}

/// Every booking with its customer's details as entered with it, times in the studio's
/// timezone, price and paid amount in major units.
pub fn bookings<'a>(
    records: &'a [BookingRecord],
    studio: &'a Studio,
    language: ExportLanguage,
) -> Table<'a> {
    let tz: Tz = studio.calendar.timezone();
    let digits = cells::minor_digits(&studio.currency);
    let rows = records.iter().map(move |b| {
        vec![
            b.id.to_string(),
            cells::local_date(&b.span.start(), tz),
            cells::local_time(&b.span.start(), tz),
            cells::local_time(&b.span.end(), tz),
            text(&room_name(studio, b.room.as_str())),
            text(&b.customer.name),
            cells::opt_text(b.customer.phone.as_deref()),
            cells::opt_text(b.customer.email.as_deref()),
            status_word(b.status, language).to_owned(),
            cells::yes_no(b.no_show, language),
            b.checked_in_at
                .map(|at| cells::local_time(&at, tz))
                .unwrap_or_default(),
            b.price
                .map(|p| cells::unsigned_amount(p, digits, language))
                .unwrap_or_default(),
            cells::unsigned_amount(b.payment.amount, digits, language),
            b.payment
                .method
                .map(|m| method_word(m, language).to_owned())
                .unwrap_or_default(),
            b.series.map(|s| s.to_string()).unwrap_or_default(),
            cells::opt_text(b.note.as_deref()),
        ]
    });
    Table {
        header: pick(language, BOOKINGS_EN, BOOKINGS_DE),
        rows: Box::new(rows),
    }
}

/// Every payment change in the order recorded; a refund is a negative amount.
pub fn payments<'a>(
    entries: &'a [PaymentEntry],
    studio: &'a Studio,
    currency: &str,
    language: ExportLanguage,
) -> Table<'a> {
    let tz: Tz = studio.calendar.timezone();
    let digits = cells::minor_digits(currency);
    let rows = entries.iter().map(move |p| {
        vec![
            cells::local_time(&p.at, tz),
            p.booking.to_string(),
            p.room
                .as_deref()
                .map(|r| text(&room_name(studio, r)))
                .unwrap_or_default(),
            cells::opt_text(p.customer.as_deref()),
            method_word(p.method, language).to_owned(),
            cells::amount(p.amount, digits, language),
            cells::opt_text(p.staff.as_deref()),
            text(&p.desk),
        ]
    });
    Table {
        header: pick(language, PAYMENTS_EN, PAYMENTS_DE),
        rows: Box::new(rows),
    }
}

/// Customers with how many of their bookings fall in the period.
pub fn customers(list: &[(CustomerRecord, u64)], language: ExportLanguage) -> Table<'_> {
    let rows = list.iter().map(move |(c, bookings)| {
        vec![
            text(&c.name),
            cells::opt_text(c.phone.as_deref()),
            cells::opt_text(c.email.as_deref()),
            bookings.to_string(),
            cells::opt_text(c.notes.as_deref()),
        ]
    });
    Table {
        header: pick(language, CUSTOMERS_EN, CUSTOMERS_DE),
        rows: Box::new(rows),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_has_both_languages_with_the_same_columns() {
        for (en, de) in [
            (BOOKINGS_EN, BOOKINGS_DE),
            (PAYMENTS_EN, PAYMENTS_DE),
            (CUSTOMERS_EN, CUSTOMERS_DE),
        ] {
            assert_eq!(en.len(), de.len());
            assert_ne!(en, de);
        }
        assert_eq!(
            status_word(BookingStatus::Cancelled, ExportLanguage::De),
            "storniert"
        );
        assert_eq!(method_word(PaymentMethod::Card, ExportLanguage::En), "card");
    }
}
