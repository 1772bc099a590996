//! The load tool end to end, kept small: it starts the real server in-process on
//! 127.0.0.1 port 0 (on SQLite, then two instances on a fresh PostgreSQL database of the
//! test run's cluster) and runs every phase with a few sessions, through both of its
//! heartbeat clients. Its figures are not checked here (they depend on the machine), only
//! that every request was answered as the contract says and that the counts add up.

use std::process::Command;

fn run_load(client: &str) -> String {
    let postgres = frontdesk_testkit::postgres::fresh_database();
    let output = Command::new(env!("CARGO_BIN_EXE_frontdesk-load"))
        .args([
            "--bookings",
            "40",
            "--postgres",
            &postgres,
            "--sessions",
            "4",
            "--seconds",
            "1",
            "--rate",
            "40",
            "--status-requests",
            "3",
            "--client",
            client,
        ])
        .output()
        .expect("the load tool starts");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "frontdesk-load --client {client} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn line<'a>(out: &'a str, label: &str) -> &'a str {
    out.lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no {label:?} line in:\n{out}"))
}

#[test]
fn every_phase_runs_against_the_real_server_with_either_client() {
    for client in ["bare", "typed"] {
        let whole = run_load(client);
        let runs: Vec<&str> = whole.split("frontdesk-load\n").skip(1).collect();
        assert_eq!(
            runs.len(),
            2,
            "a run on SQLite, then on PostgreSQL: {whole}"
        );
        assert!(runs[0].contains("SQLite"), "{whole}");
        assert!(runs[1].contains("two in-process instances"), "{whole}");
        for out in runs {
            check_run(out);
        }
    }
}

fn check_run(out: &str) {
    assert!(line(out, "first holds").contains("4 ok, 0 failed"), "{out}");
    let beats = line(out, "heartbeats    ");
    assert!(beats.ends_with("errors 0"), "{out}");
    // 40/s for one second over 4 sessions: about 10 each, at least the first of each.
    let sent: u64 = beats
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("heartbeat count in {beats:?}"));
    assert!((4..=44).contains(&sent), "{sent} heartbeats: {out}");
    assert!(
        line(out, "releases").contains("4 DELETE, 4 answered 204, 0 failed"),
        "{out}"
    );
    assert!(line(out, "requests").contains("errors 0"), "{out}");
    // The in-process studio has 100 rooms; 200 bookings were made for the answers.
    assert!(line(out, "answer").contains("100 rooms"), "{out}");
    assert!(line(out, "bookings").contains("200 created"), "{out}");
    assert!(line(out, "batched").contains("8 requests"), "{out}");
    assert!(line(out, "ratio").contains("8.0x"), "{out}");
    let phase4 = out
        .lines()
        .filter(|l| l.trim_start().starts_with("bookings"))
        .nth(1)
        .unwrap_or_else(|| panic!("no phase 4 line: {out}"));
    assert!(phase4.contains("40 created, 0 failed"), "{out}");
    assert_eq!(
        out.lines()
            .filter(|l| l.trim_start().starts_with("cores"))
            .count(),
        3,
        "a cores line for each measured phase: {out}"
    );
}
