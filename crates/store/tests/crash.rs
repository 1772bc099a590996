//! A child process writes bookings in a loop and is killed with SIGKILL at random moments.
//! After each kill the reopened file must pass the consistency check and hold every booking
//! the child had reported as committed.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use frontdesk_store::{BookingStatus, Durability, NewBooking, Store, WriteContext};
use frontdesk_testkit::studio::StudioToml;
use uuid::Uuid;

const CHILD_DB: &str = "FRONTDESK_CRASH_CHILD_DB";

/// Rooms `a` and `b`, 60 minutes, open around the clock.
fn studio() -> StudioToml {
    StudioToml::new("Crash Studios")
        .room("a", "A", &[60])
        .room("b", "B", &[60])
}

fn ctx(now: DateTime<Utc>) -> WriteContext<'static> {
    WriteContext::new("desk-1", now)
}

/// The child's body: runs only when the parent test starts this binary with `CHILD_DB` set.
/// It books on, after what the file already holds, reporting each commit on stdout.
#[test]
fn crash_child_entry() {
    let Ok(path) = std::env::var(CHILD_DB) else {
        return;
    };
    let mut store = Store::open(path.as_ref(), "child", Durability::Full).unwrap();
    let start: i64 = store
        .connection()
        .query_row("SELECT COUNT(*) FROM bookings", [], |r| r.get(0))
        .unwrap();
    let origin = Berlin
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let now = origin - Duration::days(1);
    let mut previous: Option<Uuid> = None;
    for i in start.. {
        // Room a gets 1 h bookings back to back, room b 30 h bookings (multi-day masks).
        let (room, start, end) = if i % 2 == 0 {
            let s = origin + Duration::hours(i);
            ("a", s, s + Duration::hours(1))
        } else {
            let s = origin + Duration::hours(30 * i);
            ("b", s, s + Duration::hours(30))
        };
        let new = NewBooking {
            id: Uuid::new_v4(),
            room: room.into(),
            start,
            end,
            name: format!("Customer {i}"),
            phone: None,
            email: None,
            note: None,
            session: None,
            series: None,
        };
        store
            .create_booking(&new, BookingStatus::Confirmed, &ctx(now))
            .unwrap();
        println!("committed {}", new.id);
        if i % 5 == 0 {
            if let Some(id) = previous {
                store.cancel_booking(id, Some("test"), &ctx(now)).unwrap();
                println!("cancelled {id}");
            }
        }
        previous = Some(new.id);
    }
}

/// A small deterministic generator, so a failing run can be repeated.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn killed_writer_loses_nothing_it_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let studio = studio().config().studio;
    drop(Store::open_with_studio(&path, "parent", Durability::Full, studio).unwrap());

    let mut reported: HashMap<Uuid, bool> = HashMap::new(); // id → reported cancelled
    let mut rng = Lcg(0x5eed_f00d);
    for round in 0..24 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash_child_entry",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DB, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let kill_after = 1 + rng.next(60);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut seen = 0;
        let record = |line: &str, reported: &mut HashMap<Uuid, bool>| {
            if let Some(id) = line.strip_prefix("committed ") {
                reported.insert(Uuid::parse_str(id).unwrap(), false);
                return true;
            }
            if let Some(id) = line.strip_prefix("cancelled ") {
                reported.insert(Uuid::parse_str(id).unwrap(), true);
            }
            false
        };
        for line in lines.by_ref() {
            if record(&line.unwrap(), &mut reported) {
                seen += 1;
                if seen == kill_after {
                    break;
                }
            }
        }
        child.kill().unwrap(); // SIGKILL
                               // Whatever it printed before dying was committed too.
        for line in lines.map_while(Result::ok) {
            record(&line, &mut reported);
        }
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "round {round}: the child must have been killed"
        );

        let store = Store::open(&path, "parent", Durability::Full).unwrap();
        assert_eq!(store.consistency_check().unwrap(), vec![], "round {round}");
        for (id, cancelled) in &reported {
            let booking = store
                .booking(*id)
                .unwrap()
                .unwrap_or_else(|| panic!("round {round}: {id} lost"));
            if *cancelled {
                assert_eq!(booking.status, BookingStatus::Cancelled, "round {round}");
            }
        }
    }
    assert!(reported.len() >= 24, "{} bookings reported", reported.len());
}
