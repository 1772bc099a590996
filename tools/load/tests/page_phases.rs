//! The load tool's public page phases end to end, kept small: the real server in-process on
//! 127.0.0.1 port 0 (SQLite), 20 viewers and 2 desk holds, then a short flood. Figures
//! that depend on the machine are not checked, only that every viewer connected and saw
//! every hold, that the counts add up and that the flood met the limiter it was meant to.

use std::process::Command;

fn run_load(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_frontdesk-load"))
        .args(["--page-only"])
        .args(args)
        .output()
        .expect("the load tool starts");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "frontdesk-load {args:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The lines of a block starting with `label`, in order.
fn lines<'a>(out: &'a str, label: &str) -> Vec<&'a str> {
    out.lines()
        .filter(|l| l.trim_start().starts_with(label))
        .collect()
}

/// The whitespace-separated number after `word` in `line`.
fn number_after(line: &str, word: &str) -> u64 {
    let mut words = line.split_whitespace();
    words
        .by_ref()
        .find(|w| *w == word)
        .unwrap_or_else(|| panic!("no {word:?} in {line:?}"));
    words
        .next()
        .and_then(|n| n.trim_end_matches(',').parse().ok())
        .unwrap_or_else(|| panic!("no number after {word:?} in {line:?}"))
}

#[test]
fn twenty_viewers_see_both_holds_live_and_polling() {
    // Every viewer comes from 127.0.0.1: the per-address limit is lifted.
    let out = run_load(&[
        "--page-viewers",
        "20",
        "--page-holds",
        "2",
        "--address-rate",
        "0",
    ]);
    assert!(
        lines(&out, "phase 1").is_empty(),
        "--page-only runs no desk phase: {out}"
    );
    let viewers = lines(&out, "viewers ");
    assert_eq!(viewers.len(), 2, "live, then polling: {out}");
    for line in &viewers {
        assert!(line.contains("20 connected of 20"), "{out}");
        assert!(line.ends_with("errors 0"), "{out}");
    }
    for line in lines(&out, "seen ") {
        assert!(line.contains("of 40 (viewer, hold)"), "{out}");
        assert!(line.contains(", 0 never"), "{out}");
    }
    // Live: a fetch at connecting, then one per event (at least one per hold).
    let live_fetches = number_after(viewers[0], "s,");
    assert!(live_fetches >= 20 + 40, "{out}");
    assert_eq!(lines(&out, "event ms").len(), 1, "{out}");
    assert_eq!(lines(&out, "server cpu").len(), 2, "{out}");
    assert_eq!(lines(&out, "server memory").len(), 2, "{out}");
    assert!(
        lines(&out, "ratio")[0].contains("polling / live line"),
        "{out}"
    );
}

#[test]
fn a_flood_from_one_address_meets_its_limit_while_desks_book() {
    let out = run_load(&[
        "--page-flood",
        "300",
        "--page-flood-bookings",
        "10",
        "--page-seconds",
        "1",
    ]);
    for label in ["alone ", "flooded ", "alone again "] {
        let line: Vec<&str> = lines(&out, label)
            .into_iter()
            .filter(|l| label != "alone " || !l.contains("alone again"))
            .collect();
        assert_eq!(line.len(), 1, "{out}");
        assert!(line[0].contains("10 created, 0 failed"), "{out}");
    }
    let flood = lines(&out, "flood ")[0];
    let sent = number_after(flood, "flood");
    assert!(sent > 30, "a second at 300/s: {out}");
    // The default limit lets an address burst 30, then 2 a second: the rest is 429.
    let limited = number_after(flood, "2xx,");
    assert!(limited >= sent - 40, "{out}");
    assert!(flood.contains(" 0 5xx"), "{out}");
    assert!(lines(&out, "ratio")[0].contains("desk booking p99 flooded / alone"));
}
