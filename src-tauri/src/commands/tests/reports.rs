//! The studio's numbers through the commands at a standalone desk with staff and prices:
//! the reports are the store's own (marked as the desk's), money and payments need an
//! admin, a bad period names its field and writes nothing, the cash-up totals receipts and
//! refunds, and each CSV export — English and German — read back by an independent parser
//! (Python's `csv` module) equals the bookings, payments and customers it was made from.

use std::path::{Path, PathBuf};
use std::process::Command;

use frontdesk_protocol::{ErrorCode, ReportQuery};
use serde_json::{json, Value};

use super::staff::{member_id, staffed};
use super::Harness;

const JOERG: &str = "a1111111-1111-4111-8111-111111111111";
const LINK: &str = "a2222222-2222-4222-8222-222222222222";
const GONE: &str = "a3333333-3333-4333-8333-333333333333";

/// 2027-01-11 is a Monday in Berlin (UTC+1); the clock stands at 2027-01-04 09:00.
const NOTE: &str = "Bring \"the\" amp\nand cables; thanks";
const FORMULA_NAME: &str = "=HYPERLINK(\"http://x\",\"y\")";

/// A staffed demo studio named `name`, every room at 40.00 EUR an hour, Mia (an
/// admin) signed in, and three bookings: one paid in cash then partly refunded, one paid
/// by card, one cancelled.
fn studio_with_money(name: &str) -> Harness {
    let h = staffed();
    let mia = member_id(&h, "Mia");
    h.invoke("sign_in", json!({"id": mia, "pin": "471100"}))
        .unwrap();
    let mut update = h.invoke("studio", json!({})).unwrap();
    let fields = update.as_object_mut().unwrap();
    fields.remove("quantumMinutes");
    fields.insert("name".into(), json!(name));
    fields.insert("staff".into(), Value::Null);
    for room in fields["rooms"].as_array_mut().unwrap() {
        room["pricePerHour"] = json!(4000);
    }
    h.invoke("change_studio", json!({ "update": update }))
        .unwrap();

    let book = |id: &str, room: &str, start: &str, end: &str, customer: Value, note: Value| {
        let request = json!({"id": id, "room": room, "start": start, "end": end,
                             "customer": customer, "note": note});
        h.invoke("create_booking", json!({ "request": request }))
            .unwrap();
    };
    book(
        JOERG,
        "studio-a",
        "2027-01-11T10:00:00+01:00",
        "2027-01-11T12:00:00+01:00",
        json!({"name": "Jörg Müller", "phone": "+49 30 5550199", "email": "joerg@example.de"}),
        json!(NOTE),
    );
    book(
        LINK,
        "studio-b",
        "2027-01-11T14:00:00+01:00",
        "2027-01-11T15:00:00+01:00",
        json!({"name": FORMULA_NAME}),
        json!("=1+1"),
    );
    book(
        GONE,
        "rehearsal-1",
        "2027-01-12T09:00:00+01:00",
        "2027-01-12T10:00:00+01:00",
        json!({"name": "Ärger Öz"}),
        Value::Null,
    );
    h.invoke("cancel_booking", json!({"id": GONE, "reason": "ill"}))
        .unwrap();
    let pay = |id: &str, status: &str, amount: u64, method: &str| {
        let change = json!({"kind": "payment",
                            "payment": {"status": status, "amount": amount, "method": method}});
        h.invoke("change_booking", json!({"id": id, "change": change}))
            .unwrap();
        // Within the idle sign-out time (5 minutes).
        h.clock.advance(chrono::Duration::minutes(4));
    };
    pay(JOERG, "paid", 8000, "cash");
    pay(JOERG, "deposit", 5000, "cash");
    pay(LINK, "paid", 4000, "card");
    h
}

fn query(from: &str, to: &str) -> Value {
    json!({"query": {"from": from, "to": to}})
}

/// The store's own answer for `from..=to` over every room, as the UI gets it from the desk.
fn store_report(h: &Harness, name: &str, from: &str, to: &str) -> Value {
    let q = ReportQuery {
        from: from.parse().unwrap(),
        to: to.parse().unwrap(),
        rooms: None,
    };
    let store = h.desk.store();
    let rooms: Vec<String> = store
        .studio()
        .rooms
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    let period = q.check(&rooms).unwrap();
    let mut value = match name {
        "occupancy" => serde_json::to_value(store.occupancy_report(&period).unwrap()),
        "money" => serde_json::to_value(store.money_report(&period).unwrap()),
        _ => serde_json::to_value(store.customers_report(&period).unwrap()),
    }
    .unwrap();
    value["source"] = json!("desk");
    value
}

#[test]
fn a_standalone_desks_reports_are_its_stores_and_money_needs_an_admin() {
    let h = studio_with_money("Klangraum");
    let (from, to) = ("2027-01-01", "2027-01-31");
    for (command, name) in [
        ("report_occupancy", "occupancy"),
        ("report_money", "money"),
        ("report_customers", "customers"),
    ] {
        let answer = h.invoke(command, query(from, to)).unwrap();
        assert_eq!(answer, store_report(&h, name, from, to), "{command}");
    }
    let money = h.invoke("report_money", query(from, to)).unwrap();
    assert_eq!(money["currency"], "EUR");
    let customers = h.invoke("report_customers", query(from, to)).unwrap();
    assert_eq!(customers["cancelled"], 1);

    let cash_up = h.invoke("cash_up", json!({"date": "2027-01-04"})).unwrap();
    assert_eq!(cash_up["source"], "desk");
    assert_eq!(
        cash_up["total"],
        json!({"received": 12000, "refunded": 3000})
    );
    assert_eq!(
        cash_up["byMethod"],
        json!([
            {"method": "cash", "received": 8000, "refunded": 3000},
            {"method": "card", "received": 4000, "refunded": 0}
        ])
    );
    assert_eq!(cash_up["byStaff"][0]["staff"], "Mia");
    let nothing = h.invoke("cash_up", json!({"date": "2027-01-05"})).unwrap();
    assert_eq!(nothing["payments"], json!([]));

    // Jo is staff, not an admin: occupancy and customers yes, money and payments no.
    h.invoke("sign_out", json!({})).unwrap();
    assert_eq!(
        h.error_code("report_occupancy", query(from, to)),
        ErrorCode::SignInRequired
    );
    let jo = member_id(&h, "Jo");
    h.invoke("sign_in", json!({"id": jo, "pin": "123456"}))
        .unwrap();
    h.invoke("report_occupancy", query(from, to)).unwrap();
    h.invoke("report_customers", query(from, to)).unwrap();
    assert_eq!(
        h.error_code("report_money", query(from, to)),
        ErrorCode::AdminRequired
    );
    assert_eq!(
        h.error_code("cash_up", json!({"date": "2027-01-04"})),
        ErrorCode::AdminRequired
    );
    for kind in ["payments", "bookings"] {
        let export = json!({"kind": kind, "query": {"from": from, "to": to}, "language": "en"});
        assert_eq!(
            h.error_code("export_csv", export),
            ErrorCode::AdminRequired,
            "{kind}"
        );
    }
    let export = json!({"kind": "customers", "query": {"from": from, "to": to}, "language": "en"});
    h.invoke("export_csv", export).unwrap();
}

#[test]
fn a_bad_period_or_room_names_the_field_offline_too() {
    let h = studio_with_money("Leerlauf");
    for (command, extra) in [
        ("report_occupancy", json!({})),
        ("report_money", json!({})),
        ("report_customers", json!({})),
        ("export_csv", json!({"kind": "bookings", "language": "de"})),
    ] {
        // The error's code and message for `q`.
        let refused = |q: Value| {
            let mut args = extra.clone();
            args["query"] = q;
            let error = h.invoke(command, args).unwrap_err();
            let message = error["message"].as_str().unwrap().to_owned();
            (error, message)
        };
        let (reversed, message) = refused(json!({"from": "2027-02-01", "to": "2027-01-31"}));
        assert_eq!(reversed["code"], "invalid", "{command}");
        assert!(message.starts_with("to: "), "{message}");
        let (long, message) = refused(json!({"from": "2024-01-01", "to": "2027-01-01"}));
        assert_eq!(long["code"], "invalid", "{command}");
        assert!(message.contains("three years"), "{message}");
        let (unknown, message) =
            refused(json!({"from": "2027-01-01", "to": "2027-01-31", "rooms": "studio-a,attic"}));
        assert_eq!(unknown["code"], "unknown_room", "{command}");
        assert_eq!(unknown["unknown"], json!(["attic"]));
        assert!(message.starts_with("rooms: "), "{message}");
    }
    // Not a date at all: refused before the desk is asked.
    assert!(h
        .invoke("report_occupancy", query("2027-13-01", "2027-01-31"))
        .is_err());
    let written = std::fs::read_dir(export_dir()).unwrap().filter(|f| {
        f.as_ref()
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("leerlauf")
    });
    assert_eq!(written.count(), 0);
}

/// The folder every export of this test process goes to (the commands read it from the
/// environment, as a kiosk would set it); each test exports under its own studio name.
fn export_dir() -> PathBuf {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::env::set_var(crate::exports::file::EXPORT_DIR_ENV, dir.path());
        dir
    });
    dir.path().to_owned()
}

/// Reads a CSV file with Python's standard `csv` module: checks the UTF-8 byte-order mark,
/// that every row has the header's width with this `delimiter`, that every amount in
/// `amount_columns` is written with the language's decimal mark and two decimals, and
/// answers the rows.
fn python_rows(path: &Path, delimiter: char, amount_columns: &[usize]) -> Vec<Vec<String>> {
    const SCRIPT: &str = r#"
import csv, io, json, re, sys
path, delimiter, columns = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
raw = open(path, "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
text = raw[3:].decode("utf-8")
rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
assert rows and all(len(r) == len(rows[0]) for r in rows), "rows of another width"
mark = "," if delimiter == ";" else "."
pattern = re.compile(r"^-?\d+" + re.escape(mark) + r"\d\d$")
for row in rows[1:]:
    for c in columns:
        assert row[c] == "" or pattern.match(row[c]), "amount %r" % row[c]
print(json.dumps(rows))
"#;
    let out = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(path)
        .arg(delimiter.to_string())
        .arg(serde_json::to_string(amount_columns).unwrap())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python3 could not read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn export(h: &Harness, kind: &str, language: &str) -> (PathBuf, Value) {
    let args = json!({"kind": kind, "query": {"from": "2027-01-01", "to": "2027-01-31"},
                      "language": language});
    let view = h.invoke("export_csv", args).unwrap();
    (PathBuf::from(view["path"].as_str().unwrap()), view)
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn each_export_reads_back_equal_to_the_data_in_english_and_german() {
    let dir = export_dir();
    let h = studio_with_money("Tonstudio Größe & Söhne");

    // Bookings, German: `;`, decimal comma, German words, times in Berlin.
    let (path, view) = export(&h, "bookings", "de");
    assert_eq!(
        view["fileName"],
        "tonstudio-groesse-soehne_bookings_2027-01-01_2027-01-31.csv"
    );
    assert_eq!(path, dir.join(view["fileName"].as_str().unwrap()));
    assert_eq!(view["rows"], 3);
    assert_eq!(view["source"], "desk");
    let rows = python_rows(&path, ';', &[11, 12]);
    assert_eq!(rows[0][..4], strings(&["ID", "Datum", "Beginn", "Ende"]));
    assert_eq!(
        rows[1],
        strings(&[
            JOERG,
            "2027-01-11",
            "2027-01-11 10:00",
            "2027-01-11 12:00",
            "Studio A",
            "Jörg Müller",
            "'+49 30 5550199",
            "joerg@example.de",
            "bestätigt",
            "nein",
            "",
            "80,00",
            "50,00",
            "bar",
            "",
            NOTE,
        ])
    );
    assert_eq!(rows[2][5], format!("'{FORMULA_NAME}"));
    assert_eq!(rows[2][15], "'=1+1");
    assert_eq!(rows[2][11..14], strings(&["40,00", "40,00", "Karte"]));
    assert_eq!(
        rows[3][..9],
        strings(&[
            GONE,
            "2027-01-12",
            "2027-01-12 09:00",
            "2027-01-12 10:00",
            "Rehearsal 1",
            "Ärger Öz",
            "",
            "",
            "storniert"
        ])
    );

    // The same again is a second file, not the first one overwritten.
    let (again, _) = export(&h, "bookings", "de");
    assert_eq!(
        again.file_name().unwrap(),
        "tonstudio-groesse-soehne_bookings_2027-01-01_2027-01-31 (2).csv"
    );
    assert_eq!(python_rows(&again, ';', &[11, 12]), rows);

    // Bookings, English: `,` and a decimal point.
    let (path, _) = export(&h, "bookings", "en");
    let rows = python_rows(&path, ',', &[11, 12]);
    assert_eq!(rows[0][9..12], strings(&["No-show", "Checked in", "Price"]));
    assert_eq!(
        rows[1][8..14],
        strings(&["confirmed", "no", "", "80.00", "50.00", "cash"])
    );

    // Payments: every change in the order recorded, a refund negative.
    for (language, delimiter, amounts) in [
        ("de", ';', ["80,00", "-30,00", "40,00"]),
        ("en", ',', ["80.00", "-30.00", "40.00"]),
    ] {
        let (path, view) = export(&h, "payments", language);
        assert_eq!(view["rows"], 3);
        let rows = python_rows(&path, delimiter, &[5]);
        let cash = if language == "de" { "bar" } else { "cash" };
        let card = if language == "de" { "Karte" } else { "card" };
        assert_eq!(
            rows[1..],
            [
                strings(&[
                    "2027-01-04 09:00",
                    JOERG,
                    "Studio A",
                    "Jörg Müller",
                    cash,
                    amounts[0],
                    "Mia",
                    "desk"
                ]),
                strings(&[
                    "2027-01-04 09:04",
                    JOERG,
                    "Studio A",
                    "Jörg Müller",
                    cash,
                    amounts[1],
                    "Mia",
                    "desk"
                ]),
                strings(&[
                    "2027-01-04 09:08",
                    LINK,
                    "Studio B",
                    &format!("'{FORMULA_NAME}"),
                    card,
                    amounts[2],
                    "Mia",
                    "desk"
                ]),
            ]
        );
    }

    // Customers: those with bookings holding time in the period (not the cancelled one).
    let (path, view) = export(&h, "customers", "de");
    assert_eq!(view["rows"], 2);
    let rows = python_rows(&path, ';', &[]);
    assert_eq!(
        rows,
        vec![
            strings(&["Name", "Telefon", "E-Mail", "Buchungen", "Notizen"]),
            strings(&[&format!("'{FORMULA_NAME}"), "", "", "1", ""]),
            // The customer's record keeps the number in E.164 (the booking keeps it as typed).
            strings(&["Jörg Müller", "'+49305550199", "joerg@example.de", "1", ""]),
        ]
    );
}
