use super::*;
use chrono::{DateTime, FixedOffset};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rooms() -> Vec<String> {
    vec!["a".into(), "b".into(), "c".into()]
}

fn query(from: &str, to: &str, rooms: Option<&str>) -> ReportQuery {
    ReportQuery {
        from: d(from),
        to: d(to),
        rooms: rooms.map(String::from),
    }
}

#[test]
fn rooms_come_back_in_the_studios_order() {
    let p = query("2026-01-01", "2026-01-31", Some("c, a"))
        .check(&rooms())
        .unwrap();
    assert_eq!(p.rooms, vec!["a", "c"]);
    let all = query("2026-01-01", "2026-01-01", None)
        .check(&rooms())
        .unwrap();
    assert_eq!(all.rooms, rooms());
}

#[test]
fn three_years_at_most_and_in_order() {
    assert!(query("2024-01-01", "2026-12-31", None)
        .check(&rooms())
        .is_ok());
    let long = query("2024-01-01", "2027-01-01", None)
        .check(&rooms())
        .unwrap_err();
    assert!(
        matches!(&long, ReportQueryError::Field(f) if f.field == "to"),
        "{long}"
    );
    let reversed = query("2026-02-01", "2026-01-31", None)
        .check(&rooms())
        .unwrap_err();
    assert!(matches!(&reversed, ReportQueryError::Field(f) if f.field == "to"));
}

#[test]
fn unknown_and_empty_rooms_are_refused() {
    let unknown = query("2026-01-01", "2026-01-02", Some("a,x,y")).check(&rooms());
    assert_eq!(
        unknown,
        Err(ReportQueryError::UnknownRooms(vec!["x".into(), "y".into()]))
    );
    let empty = query("2026-01-01", "2026-01-02", Some(" , ")).check(&rooms());
    assert!(matches!(empty, Err(ReportQueryError::Field(f)) if f.field == "rooms"));
}

#[test]
fn a_cash_up_totals_receipts_and_refunds_apart() {
    let at: DateTime<FixedOffset> = "2026-03-02T10:00:00+01:00".parse().unwrap();
    let entry = |method, amount, staff: Option<&str>| PaymentEntry {
        at,
        booking: Uuid::nil(),
        room: Some("a".into()),
        customer: None,
        method,
        amount,
        staff: staff.map(String::from),
        desk: "front".into(),
    };
    let payments = vec![
        entry(PaymentMethod::Cash, 4000, Some("Mia")),
        entry(PaymentMethod::Card, 2500, None),
        entry(PaymentMethod::Cash, -1000, Some("Mia")),
        entry(PaymentMethod::Card, 700, Some("Ben")),
    ];
    let report = |totals| PaymentsReport {
        from: d("2026-03-02"),
        to: d("2026-03-02"),
        currency: "EUR".into(),
        totals,
        payments: payments.clone(),
        next: None,
    };
    let cash_up = CashUp::of(report(None));
    // The report's own totals (the database's sums) are taken as they are.
    assert_eq!(
        CashUp::of(report(Some(PaymentTotals::of(&payments)))),
        cash_up
    );
    assert_eq!(
        cash_up.total,
        CashUpTotals {
            received: 7200,
            refunded: 1000
        }
    );
    assert_eq!(
        cash_up.by_method,
        vec![
            CashUpTotal {
                method: PaymentMethod::Cash,
                received: 4000,
                refunded: 1000
            },
            CashUpTotal {
                method: PaymentMethod::Card,
                received: 3200,
                refunded: 0
            },
        ]
    );
    let staff: Vec<_> = cash_up
        .by_staff
        .iter()
        .map(|s| (s.staff.as_deref(), s.received, s.refunded))
        .collect();
    assert_eq!(
        staff,
        vec![
            (None, 2500, 0),
            (Some("Ben"), 700, 0),
            (Some("Mia"), 4000, 1000)
        ]
    );
    assert_eq!(cash_up.payments.len(), 4);
    let mut given = PaymentTotals::zero();
    given.add(PaymentMethod::Card, 1);
    assert_eq!(CashUp::of(report(Some(given))).total.received, 1);
}
