//! One message as an e-mail: plain text in English or German (room, date and time in the
//! studio's zone, price), the booking's `.ics` attached (written by the calendar feeds'
//! writer, as the manage page's calendar link is), and a Message-ID made from the message
//! row's id, so a copy sent again after a crash carries the same one.

use chrono_tz::Tz;
use frontdesk_protocol::{FeedDetail, PageLanguage, StudioInfo};
use frontdesk_store::feed_tokens::FeedEvent;
use frontdesk_store::messages::{studio_language, MessageKind, Outgoing};
use frontdesk_store::{BookingRecord, BookingStatus};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::Message;
use thiserror::Error;

use crate::routes::feeds::FeedCalendar;

/// Why a message could not be made into an e-mail (it is not tried again as it is).
#[derive(Debug, Error)]
pub enum MailError {
    #[error("recipient \"{0}\" is not an e-mail address")]
    Recipient(String),
    #[error("sender (--smtp-from) \"{0}\" is not an e-mail address")]
    Sender(String),
    #[error("the e-mail could not be built: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("the calendar's content type: {0}")]
    ContentType(#[from] lettre::message::header::ContentTypeErr),
}

/// The Message-ID of message `id`.
pub fn message_id(id: uuid::Uuid) -> String {
    format!("<{id}@frontdesk>")
}

/// How a customer reaches the studio (its online booking settings' contact), written under
/// the studio's name in every mail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The e-mail of `m` from `from`, in its language (else the studio's), with the booking's
/// manage link `manage` (an address) unless it is a cancellation, signed with `contact`.
pub fn compose(
    info: &StudioInfo,
    m: &Outgoing,
    from: &str,
    manage: Option<&str>,
    contact: &Contact,
) -> Result<Message, MailError> {
    let language = m
        .language
        .unwrap_or_else(|| studio_language(info.country.as_deref()));
    let to: Mailbox = m
        .recipient
        .parse()
        .map_err(|_| MailError::Recipient(m.recipient.clone()))?;
    let sender: Mailbox = from
        .parse()
        .map_err(|_| MailError::Sender(from.to_owned()))?;
    let sender = Mailbox::new(Some(info.name.clone()), sender.email);
    let (subject, body) = text(info, m, language, manage, contact);
    let ics = Attachment::new("booking.ics".to_owned()).body(
        calendar(info, m),
        ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")?,
    );
    Ok(Message::builder()
        .from(sender)
        .to(to)
        .subject(subject)
        .message_id(Some(message_id(m.id)))
        .multipart(
            MultiPart::mixed()
                .singlepart(SinglePart::plain(body))
                .singlepart(ics),
        )?)
}

/// The booking as an iCalendar file (cancelled for a cancellation).
fn calendar(info: &StudioInfo, m: &Outgoing) -> String {
    let b = &m.booking;
    let feed = FeedCalendar {
        name: info.name.clone(),
        room_names: info
            .rooms
            .iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect(),
        detail: FeedDetail::Name,
    };
    feed.write(&[FeedEvent {
        id: b.id,
        room: b.room.to_string(),
        start: b.span.start(),
        end: b.span.end(),
        customer_name: info.name.clone(),
        cancelled: b.status == BookingStatus::Cancelled,
        version: b.version,
        updated_at: b.updated_at,
    }])
}

/// The booking's room by name, and its date and times in the studio's zone, in German
/// (`de`) or English: what every message to the customer says.
pub(super) fn room_and_when(info: &StudioInfo, b: &BookingRecord, de: bool) -> (String, String) {
    let tz: Tz = info.timezone.parse().unwrap_or(chrono_tz::UTC);
    let (start, end) = (
        b.span.start().with_timezone(&tz),
        b.span.end().with_timezone(&tz),
    );
    let room = b.room.to_string();
    let room = info
        .rooms
        .iter()
        .find(|r| r.id == room)
        .map_or(room.clone(), |r| r.name.clone());
    let (date, from, to) = (
        start.format(if de { "%d.%m.%Y" } else { "%Y-%m-%d" }),
        start.format("%H:%M"),
        end.format("%H:%M"),
    );
    let when = if de {
        format!("{date} von {from} bis {to} Uhr")
    } else {
        format!("{date}, {from} to {to}")
    };
    (room, when)
}

/// The subject and plain text of `m` in `language`, with the manage link `manage` unless
/// it is a cancellation.
fn text(
    info: &StudioInfo,
    m: &Outgoing,
    language: PageLanguage,
    manage: Option<&str>,
    contact: &Contact,
) -> (String, String) {
    let b = &m.booking;
    let tz = &info.timezone;
    let studio = &info.name;
    let name = &b.customer.name;
    let price = b.price.unwrap_or(0);
    let de = language == PageLanguage::De;
    let money = if de {
        format!("{},{:02} {}", price / 100, price % 100, info.currency)
    } else {
        format!("{}.{:02} {}", price / 100, price % 100, info.currency)
    };
    let (room, when) = room_and_when(info, b, de);
    let (subject, lead) = match (m.kind, de) {
        (MessageKind::Confirmation, false) => {
            ("Your booking is confirmed", "your booking is confirmed.")
        }
        (MessageKind::Confirmation, true) => {
            ("Ihre Buchung ist bestätigt", "Ihre Buchung ist bestätigt.")
        }
        (MessageKind::Change, false) => (
            "Your booking was changed",
            "your booking was changed. It is now:",
        ),
        (MessageKind::Change, true) => (
            "Ihre Buchung wurde geändert",
            "Ihre Buchung wurde geändert. Sie ist jetzt:",
        ),
        (MessageKind::Cancellation, false) => {
            ("Your booking was cancelled", "your booking was cancelled:")
        }
        (MessageKind::Cancellation, true) => (
            "Ihre Buchung wurde storniert",
            "Ihre Buchung wurde storniert:",
        ),
        (MessageKind::Request, false) => (
            "We received your booking request",
            "we received your booking request. The studio confirms it shortly by e-mail; \
             until then the time is kept for you:",
        ),
        (MessageKind::Request, true) => (
            "Ihre Buchungsanfrage ist eingegangen",
            "Ihre Buchungsanfrage ist eingegangen. Das Studio bestätigt sie in Kürze per \
             E-Mail; bis dahin ist die Zeit für Sie reserviert:",
        ),
        (MessageKind::Declined, false) => (
            "Your booking request was declined",
            "the studio cannot take your booking request, and nothing is owed. Please \
             contact the studio for another time:",
        ),
        (MessageKind::Declined, true) => (
            "Ihre Buchungsanfrage wurde abgelehnt",
            "das Studio kann Ihre Buchungsanfrage leider nicht annehmen; es fallen keine \
             Kosten an. Für einen anderen Termin wenden Sie sich bitte an das Studio:",
        ),
        // An SMS reminder goes by `super::sms`; written here it reads as the e-mail one.
        (MessageKind::Reminder | MessageKind::SmsReminder, false) => {
            ("Reminder: your booking", "a reminder of your booking:")
        }
        (MessageKind::Reminder | MessageKind::SmsReminder, true) => (
            "Erinnerung an Ihre Buchung",
            "eine Erinnerung an Ihre Buchung:",
        ),
    };
    let (hello, room_label, when_label, price_label, bye) = if de {
        ("Hallo", "Raum", "Wann", "Preis", "Viele Grüße")
    } else {
        ("Hello", "Room", "When", "Price", "Kind regards")
    };
    let link = match manage
        .filter(|_| !matches!(m.kind, MessageKind::Cancellation | MessageKind::Declined))
    {
        Some(link) if de => format!("Ändern oder stornieren: {link}\n\n"),
        Some(link) => format!("To change or cancel: {link}\n\n"),
        None => String::new(),
    };
    let (phone_label, mail_label) = if de {
        ("Telefon", "E-Mail")
    } else {
        ("Phone", "E-mail")
    };
    let reach: String = [
        contact
            .phone
            .as_deref()
            .map(|p| format!("{phone_label}: {p}\n")),
        contact
            .email
            .as_deref()
            .map(|e| format!("{mail_label}: {e}\n")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let body = format!(
        "{hello} {name},\n\n{lead}\n\n{room_label}: {room}\n{when_label}: {when} ({tz})\n\
         {price_label}: {money}\n\n{link}{bye}\n{studio}\n{reach}"
    );
    (format!("{subject} – {studio}"), body)
}

#[cfg(test)]
pub(super) mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::{TimeZone, Utc};
    use frontdesk_core::{Customer, Span};
    use frontdesk_protocol::PaymentDto;
    use frontdesk_store::BookingRecord;

    pub(in crate::messages) fn outgoing(
        language: Option<PageLanguage>,
        kind: MessageKind,
    ) -> (StudioInfo, Outgoing) {
        let config = frontdesk_store::StudioConfig::demo().unwrap();
        let info = StudioInfo::from_studio(&config.studio, 1);
        let start = Utc.with_ymd_and_hms(2026, 6, 3, 8, 0, 0).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 6, 1, 7, 0, 0).unwrap();
        let booking = BookingRecord {
            id: uuid::Uuid::new_v4(),
            room: config.studio.rooms[0].id.clone(),
            span: Span::new(start, start + chrono::Duration::hours(2)).unwrap(),
            customer: Customer::new("Ada", None, Some("ada@example.com")).unwrap(),
            note: None,
            status: BookingStatus::Confirmed,
            desk: "online".into(),
            created_at: at,
            updated_at: at,
            seq: 1,
            status_reason: None,
            price: Some(8050),
            version: 1,
            checked_in_at: None,
            no_show: false,
            payment: PaymentDto::unpaid(),
            series: None,
            customer_id: None,
            fee: None,
            awaiting_approval: false,
            deposit: None,
        };
        let m = Outgoing {
            id: uuid::Uuid::new_v4(),
            kind,
            recipient: "ada@example.com".into(),
            language,
            attempts: 0,
            booking,
        };
        (info, m)
    }

    #[test]
    fn the_page_language_wins_else_the_studios() {
        let (info, m) = outgoing(Some(PageLanguage::En), MessageKind::Confirmation);
        let mail = String::from_utf8(
            compose(&info, &m, "desk@studio.example", None, &Contact::default())
                .unwrap()
                .formatted(),
        )
        .unwrap();
        assert!(
            mail.contains("Subject: Your booking is confirmed"),
            "{mail}"
        );
        assert!(
            mail.contains("2026-06-03, 10:00 to 12:00 (Europe/Berlin)"),
            "{mail}"
        );
        assert!(mail.contains("Price: 80.50 EUR"), "{mail}");
        assert!(
            mail.contains(&format!("Message-ID: <{}@frontdesk>", m.id)),
            "{mail}"
        );
        assert!(mail.contains("filename=\"booking.ics\""), "{mail}");
        // No language of its own (a desk's booking): the studio's, German in DE.
        let (info, m) = outgoing(None, MessageKind::Reminder);
        let (subject, body) = text(
            &info,
            &m,
            studio_language(info.country.as_deref()),
            None,
            &Contact::default(),
        );
        assert!(
            subject.starts_with("Erinnerung an Ihre Buchung"),
            "{subject}"
        );
        assert!(
            body.contains("03.06.2026 von 10:00 bis 12:00 Uhr"),
            "{body}"
        );
        assert!(body.contains("Preis: 80,50 EUR"), "{body}");
    }

    #[test]
    fn the_manage_link_goes_in_every_mail_but_a_cancellation() {
        let link = "https://book.example/book/manage/main.00ff";
        let (info, m) = outgoing(Some(PageLanguage::De), MessageKind::Reminder);
        let (_, body) = text(&info, &m, PageLanguage::De, Some(link), &Contact::default());
        assert!(
            body.contains(&format!("Ändern oder stornieren: {link}\n\nViele Grüße")),
            "{body}"
        );
        let (_, body) = text(&info, &m, PageLanguage::En, Some(link), &Contact::default());
        assert!(
            body.contains(&format!("To change or cancel: {link}")),
            "{body}"
        );
        let (_, body) = text(&info, &m, PageLanguage::En, None, &Contact::default());
        assert!(!body.contains("To change or cancel"), "{body}");
        let (info, m) = outgoing(None, MessageKind::Cancellation);
        let (_, body) = text(&info, &m, PageLanguage::En, Some(link), &Contact::default());
        assert!(!body.contains(link), "{body}");
    }

    #[test]
    fn the_studios_contact_signs_every_mail_in_its_language() {
        let contact = Contact {
            phone: Some("030 1234567".into()),
            email: Some("hello@studio.example".into()),
        };
        let (info, m) = outgoing(None, MessageKind::Cancellation);
        let (_, body) = text(&info, &m, PageLanguage::De, None, &contact);
        assert!(
            body.ends_with(&format!(
                "Viele Grüße\n{}\nTelefon: 030 1234567\nE-Mail: hello@studio.example\n",
                info.name
            )),
            "{body}"
        );
        let phone_only = Contact {
            email: None,
            ..contact
        };
        let (_, body) = text(&info, &m, PageLanguage::En, None, &phone_only);
        assert!(body.ends_with("\nPhone: 030 1234567\n"), "{body}");
        assert!(!body.contains("E-mail:"), "{body}");
        let (_, body) = text(&info, &m, PageLanguage::En, None, &Contact::default());
        assert!(body.ends_with(&format!("{}\n", info.name)), "{body}");
    }

    #[test]
    fn a_recipient_that_is_no_address_is_refused_by_name() {
        let (info, mut m) = outgoing(None, MessageKind::Confirmation);
        m.recipient = "not an address".into();
        let error =
            compose(&info, &m, "desk@studio.example", None, &Contact::default()).unwrap_err();
        assert!(error.to_string().contains("not an address"), "{error}");
    }
}
