//! Signing staff in, kept in the file so a restart forgets nothing: wrong-PIN lockouts (a
//! desk's and a server's, per member), a server's staff sessions (only their SHA-256 is
//! kept) and when removed members left (an offline write made before still counts as
//! theirs). The lockout rule is here once, for the desk, the SQLite server and PostgreSQL.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use crate::{Store, StoreError};

/// Wrong PINs allowed before the member is locked out.
pub const FREE_TRIES: u32 = 3;
/// The first lockout; each further wrong PIN doubles it, up to [`MAX_LOCK`].
pub const FIRST_LOCK: Duration = Duration::seconds(30);
pub const MAX_LOCK: Duration = Duration::minutes(15);
/// How long a staff session lasts unless the desk ends it.
pub const SESSION_HOURS: i64 = 12;

/// A member's wrong PINs in a row, and until when they are locked out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PinTries {
    pub wrong: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl PinTries {
    /// How long the member must still wait at `now`, if locked out.
    pub fn wait(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.locked_until.filter(|u| *u > now).map(|u| u - now)
    }

    /// After one more wrong PIN at `now`: from the [`FREE_TRIES`]th on, locked for
    /// [`FIRST_LOCK`] doubling with each further one, up to [`MAX_LOCK`].
    pub fn after_wrong(self, now: DateTime<Utc>) -> PinTries {
        let wrong = self.wrong.saturating_add(1);
        let locked_until = if wrong >= FREE_TRIES {
            let doublings = (wrong - FREE_TRIES).min(10);
            Some(now + (FIRST_LOCK * 2_i32.pow(doublings)).min(MAX_LOCK))
        } else {
            self.locked_until
        };
        PinTries {
            wrong,
            locked_until,
        }
    }
}

/// The words of a lockout: who, and how long to wait (rounded up to whole seconds).
pub fn locked_message(name: &str, wait: Duration) -> String {
    let seconds = (wait.num_milliseconds() + 999) / 1000;
    let wait = if seconds > 90 {
        format!("{} min", (seconds + 59) / 60)
    } else {
        format!("{} s", seconds.max(1))
    };
    format!("too many wrong PINs for {name}: try again in {wait}")
}

/// A SHA-256 of a staff session (hex): all the database keeps of it.
pub fn session_hash(session: &str) -> String {
    crate::pin_verifier::token_key(session)
}

/// A new random staff session (244 bits from the OS).
pub fn new_session() -> String {
    format!("fs_{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple())
}

fn instant(seconds: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp(seconds, 0)
        .ok_or_else(|| StoreError::Corrupt(format!("instant {seconds}")))
}

impl Store {
    /// `staff`'s wrong PINs as the file keeps them.
    pub fn pin_tries(&self, staff: Uuid) -> Result<PinTries, StoreError> {
        let row: Option<(i64, Option<i64>)> = self
            .conn
            .prepare_cached("SELECT wrong, locked_until FROM pin_lockouts WHERE staff_id = ?1")?
            .query_row([staff.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(match row {
            Some((wrong, until)) => PinTries {
                wrong: u32::try_from(wrong).unwrap_or(u32::MAX),
                locked_until: until.map(instant).transpose()?,
            },
            None => PinTries::default(),
        })
    }

    /// Records a PIN try of `staff` at `now` in one transaction: a right one clears their
    /// count, a wrong one adds to it (and may lock them out). The count after it.
    pub fn record_pin_try(
        &mut self,
        staff: Uuid,
        right: bool,
        now: DateTime<Utc>,
    ) -> Result<PinTries, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = staff.to_string();
        let tries = if right {
            tx.execute("DELETE FROM pin_lockouts WHERE staff_id = ?1", [&id])?;
            PinTries::default()
        } else {
            let before: Option<(i64, Option<i64>)> = tx
                .query_row(
                    "SELECT wrong, locked_until FROM pin_lockouts WHERE staff_id = ?1",
                    [&id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let before = match before {
                Some((wrong, until)) => PinTries {
                    wrong: u32::try_from(wrong).unwrap_or(u32::MAX),
                    locked_until: until.map(instant).transpose()?,
                },
                None => PinTries::default(),
            };
            let after = before.after_wrong(now);
            tx.execute(
                "INSERT INTO pin_lockouts (staff_id, wrong, locked_until) VALUES (?1, ?2, ?3)
                 ON CONFLICT (staff_id) DO UPDATE SET wrong = ?2, locked_until = ?3",
                params![
                    id,
                    i64::from(after.wrong),
                    after.locked_until.map(|t| t.timestamp())
                ],
            )?;
            after
        };
        tx.commit()?;
        Ok(tries)
    }

    /// Stores a staff session of `staff` at `desk` (its hash only), until `expires_at`;
    /// expired sessions are swept in the same transaction.
    pub fn open_staff_session(
        &mut self,
        hash: &str,
        staff: Uuid,
        desk: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM staff_sessions WHERE expires_at <= ?1",
            [now.timestamp()],
        )?;
        tx.execute(
            "INSERT INTO staff_sessions (session_sha256, staff_id, desk, expires_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![hash, staff.to_string(), desk, expires_at.timestamp()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The member of a live staff session, and the desk it was opened at.
    pub fn staff_session(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(Uuid, String)>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT staff_id, desk FROM staff_sessions
                  WHERE session_sha256 = ?1 AND expires_at > ?2",
            )?
            .query_row(params![hash, now.timestamp()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        row.map(|(id, desk)| {
            Uuid::parse_str(&id)
                .map(|id| (id, desk))
                .map_err(|e| StoreError::Corrupt(format!("staff session: {e}")))
        })
        .transpose()
    }

    /// Ends a staff session opened at `desk`; whether there was one.
    pub fn close_staff_session(&mut self, hash: &str, desk: &str) -> Result<bool, StoreError> {
        Ok(self.conn.execute(
            "DELETE FROM staff_sessions WHERE session_sha256 = ?1 AND desk = ?2",
            params![hash, desk],
        )? > 0)
    }

    /// When `staff` was removed from the studio, and their name then, if they were.
    pub fn staff_left_at(
        &self,
        staff: Uuid,
    ) -> Result<Option<(DateTime<Utc>, String)>, StoreError> {
        let row: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT left_at, name FROM staff_departures WHERE staff_id = ?1")?
            .query_row([staff.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(at, name)| Ok((instant(at)?, name))).transpose()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_third_wrong_pin_locks_and_each_further_one_doubles_the_wait() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let one = PinTries::default().after_wrong(now);
        assert_eq!(one.wait(now), None);
        let three = one.after_wrong(now).after_wrong(now);
        assert_eq!(three.wait(now), Some(FIRST_LOCK));
        assert_eq!(three.after_wrong(now).wait(now), Some(FIRST_LOCK * 2));
        let many = (0..20).fold(three, |t, _| t.after_wrong(now));
        assert_eq!(many.wait(now), Some(MAX_LOCK));
        assert_eq!(
            locked_message("Mia", Duration::milliseconds(29_001)),
            "too many wrong PINs for Mia: try again in 30 s"
        );
        assert!(locked_message("Mia", MAX_LOCK).ends_with("15 min"));
    }
}
