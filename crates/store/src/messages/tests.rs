#![allow(clippy::unwrap_used)]
use chrono::{Duration, TimeZone};
use chrono_tz::Europe::Berlin;

use super::*;
use crate::{NewBooking, Store};

fn at(d: u32, h: u32) -> DateTime<Utc> {
    Berlin
        .with_ymd_and_hms(2026, 6, d, h, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn new_booking(start: DateTime<Utc>, email: Option<&str>) -> NewBooking {
    NewBooking {
        id: Uuid::new_v4(),
        room: "studio-a".into(),
        start,
        end: start + Duration::hours(1),
        name: "Ada".into(),
        phone: None,
        email: email.map(str::to_owned),
        note: None,
        session: None,
        series: None,
    }
}

fn kinds(store: &Store, booking: Uuid) -> Vec<(&'static str, String)> {
    store
        .booking_messages(booking)
        .unwrap()
        .into_iter()
        .map(|m| (m.kind.as_str(), m.state))
        .collect()
}

#[test]
fn a_servers_booking_queues_its_confirmation_and_reminder_a_desks_nothing() {
    let (_dir, mut store) = crate::test_store::demo();
    let now = at(1, 9);
    let server = WriteContext::new("server", now).sending(MessagePolicy::server(None));
    let new = new_booking(at(3, 10), Some("ada@example.com"));
    let (made, _) = store
        .create_booking(&new, BookingStatus::Confirmed, &server)
        .unwrap();
    // The same write again (a retried request) queues nothing more.
    store
        .create_booking(&new, BookingStatus::Confirmed, &server)
        .unwrap();
    let rows = store.booking_messages(made.id).unwrap();
    assert_eq!(
        kinds(&store, made.id),
        [
            ("confirmation", "queued".into()),
            ("reminder", "queued".into())
        ]
    );
    assert_eq!(rows[0].due, now);
    assert_eq!(rows[1].due, at(2, 10));

    // A desk (no server) sends nothing; nor does a booking without an e-mail address.
    let desk = WriteContext::new("front", now);
    let (offline, _) = store
        .create_booking(
            &new_booking(at(4, 10), Some("ada@example.com")),
            BookingStatus::Confirmed,
            &desk,
        )
        .unwrap();
    assert!(kinds(&store, offline.id).is_empty());
    let (anonymous, _) = store
        .create_booking(
            &new_booking(at(5, 10), None),
            BookingStatus::Confirmed,
            &server,
        )
        .unwrap();
    assert!(kinds(&store, anonymous.id).is_empty());

    // Cancelled: the reminder is cancelled in the same write, and a cancellation queued.
    store.cancel_booking(made.id, None, &server).unwrap();
    assert_eq!(
        kinds(&store, made.id),
        [
            ("cancellation", "queued".into()),
            ("confirmation", "queued".into()),
            ("reminder", "cancelled".into())
        ]
    );
}

#[test]
fn a_move_re_times_the_reminder_and_a_booking_inside_the_lead_gets_none() {
    let policy = MessagePolicy::server(Some(PageLanguage::De));
    let (_dir, mut store) = crate::test_store::demo();
    let now = at(1, 9);
    let server = WriteContext::new("server", now).sending(policy);
    let (soon, _) = store
        .create_booking(
            &new_booking(at(1, 15), Some("ada@example.com")),
            BookingStatus::Confirmed,
            &server,
        )
        .unwrap();
    assert_eq!(kinds(&store, soon.id), [("confirmation", "queued".into())]);
    let moved = BookingRecord {
        span: frontdesk_core::Span::new(at(6, 10), at(6, 11)).unwrap(),
        version: soon.version + 1,
        ..soon.clone()
    };
    let plan = planned(
        Some(&soon),
        &moved,
        &policy,
        Some(Duration::hours(24)),
        None,
        now,
    );
    assert!(plan.cancel_reminders);
    let queued: Vec<_> = plan.messages.iter().map(|m| (m.kind, m.due)).collect();
    assert_eq!(
        queued,
        [
            (MessageKind::Change, now),
            (MessageKind::Reminder, at(5, 10))
        ]
    );
    assert!(plan
        .messages
        .iter()
        .all(|m| m.language == Some(PageLanguage::De)));
    // A change that moves nothing (a payment, a check-in) sends nothing.
    let paid = BookingRecord {
        version: soon.version + 1,
        ..soon.clone()
    };
    assert_eq!(
        planned(
            Some(&soon),
            &paid,
            &policy,
            Some(Duration::hours(24)),
            None,
            now
        ),
        Planned::default()
    );
    // By SMS too: the reminder to a number in E.164 (one kept as typed gets none), and none
    // inside the lead.
    let lead = Some(Duration::hours(24));
    let plan = planned(
        Some(&soon),
        &moved,
        &policy,
        lead,
        Some("+491712345678"),
        now,
    );
    let sms: Vec<_> = plan
        .messages
        .iter()
        .filter(|m| m.kind == MessageKind::SmsReminder)
        .map(|m| (m.recipient.as_str(), m.due))
        .collect();
    assert_eq!(sms, [("+491712345678", at(5, 10))]);
    let typed = planned(Some(&soon), &moved, &policy, lead, Some("0171 23"), now);
    assert_eq!(typed.messages.len(), 2, "no SMS to a number kept as typed");
    let inside = planned(None, &soon, &policy, lead, Some("+491712345678"), now);
    assert_eq!(
        inside.messages.iter().map(|m| m.kind).collect::<Vec<_>>(),
        [MessageKind::Confirmation]
    );
}

#[test]
fn the_reminder_goes_when_the_studio_set_it_or_not_at_all() {
    let (_dir, mut store) = crate::test_store::demo();
    let now = at(1, 9);
    let server = WriteContext::new("server", now).sending(MessagePolicy::server(None));
    let due = |store: &mut Store, start| {
        let (made, _) = store
            .create_booking(
                &new_booking(start, Some("ada@example.com")),
                BookingStatus::Confirmed,
                &server,
            )
            .unwrap();
        let rows = store.booking_messages(made.id).unwrap();
        rows.iter()
            .filter(|m| m.kind == MessageKind::Reminder)
            .map(|m| m.due)
            .collect::<Vec<_>>()
    };
    // Unset: 24 hours before.
    assert_eq!(due(&mut store, at(5, 10)), [at(4, 10)]);
    let (mut settings, version) = store.online_booking().unwrap();
    settings.reminder_hours = 48;
    let version = store.set_online_booking(&settings, version).unwrap();
    assert_eq!(due(&mut store, at(5, 12)), [at(3, 12)]);
    // Made inside the lead: a confirmation only.
    assert!(due(&mut store, at(2, 10)).is_empty());
    settings.reminder_hours = 0;
    store.set_online_booking(&settings, version).unwrap();
    assert!(due(&mut store, at(6, 10)).is_empty());
}

#[test]
fn a_customer_who_turned_reminders_off_gets_none_until_they_turn_them_on() {
    use crate::reminder_consent::{ConsentSource, ReminderConsent};
    let (_dir, mut store) = crate::test_store::demo();
    let book = |store: &mut Store, start, email: &str, ctx: &WriteContext<'_>| {
        let new = new_booking(start, Some(email));
        store
            .create_booking(&new, BookingStatus::Confirmed, ctx)
            .unwrap()
            .0
    };
    let now = at(1, 9);
    let server = WriteContext::new("server", now).sending(MessagePolicy::server(None));
    // Never asked: reminders go.
    let first = book(&mut store, at(3, 10), "Ada@Example.com", &server);
    assert_eq!(store.reminder_consent("ada@example.com").unwrap(), None);
    // Booked on the page with the box unticked: recorded in that write, which queues no
    // reminder, and the address's pending one (any case) is cancelled with it.
    let page = WriteContext::new("online", now)
        .sending(MessagePolicy::server(Some(PageLanguage::De)).choosing(false));
    let second = book(&mut store, at(4, 10), "ada@example.com", &page);
    assert_eq!(
        kinds(&store, second.id),
        [("confirmation", "queued".into())]
    );
    assert_eq!(
        kinds(&store, first.id),
        [
            ("confirmation", "queued".into()),
            ("reminder", "cancelled".into())
        ]
    );
    let off = ReminderConsent {
        reminders: false,
        source: ConsentSource::Page,
        at: now,
    };
    assert_eq!(
        store.reminder_consent("ADA@example.com ").unwrap(),
        Some(off)
    );
    // A desk's booking for the same address follows the choice; another address does not.
    let third = book(&mut store, at(5, 10), "ada@example.com", &server);
    assert_eq!(kinds(&store, third.id), [("confirmation", "queued".into())]);
    let grace = book(&mut store, at(5, 12), "grace@example.com", &server);
    assert_eq!(kinds(&store, grace.id).len(), 2);
    // On again through the link: bookings made or moved after it get reminders.
    let on = ReminderConsent {
        reminders: true,
        source: ConsentSource::Link,
        at: at(2, 9),
    };
    store.set_reminder_consent("ada@example.com", &on).unwrap();
    let fourth = book(&mut store, at(6, 10), "ada@example.com", &server);
    assert_eq!(
        kinds(&store, fourth.id),
        [
            ("confirmation", "queued".into()),
            ("reminder", "queued".into())
        ]
    );
    assert_eq!(store.reminder_consent("ada@example.com").unwrap(), Some(on));
    // Off through the link: the pending reminder is cancelled in the same transaction.
    let off = ReminderConsent {
        reminders: false,
        source: ConsentSource::Link,
        at: at(2, 10),
    };
    store.set_reminder_consent("ada@example.com", &off).unwrap();
    assert_eq!(
        kinds(&store, fourth.id)[1],
        ("reminder", "cancelled".into())
    );
    assert!(matches!(
        store.set_reminder_consent("no address", &off),
        Err(StoreError::BadChange(_))
    ));
}
