//! Numbered migrations, applied in order, each in its own transaction. The file's
//! `user_version` is the number of the last one applied.

use rusqlite::Connection;

use crate::StoreError;

mod beyond_the_counter;
mod steps;

use beyond_the_counter::BEYOND_THE_COUNTER;
use steps::AT_THE_COUNTER;

/// Every step in order: step `n + 1` brings the schema from version `n` to `n + 1`.
fn migrations() -> impl Iterator<Item = &'static str> {
    AT_THE_COUNTER.iter().chain(BEYOND_THE_COUNTER).copied()
}

/// The step after which the phone numbers are migrated (see step 24).
const PHONE_STEP: usize = 24;

/// The schema version this build writes.
pub const VERSION: usize = AT_THE_COUNTER.len() + BEYOND_THE_COUNTER.len();

pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, VERSION)
}

/// Applies the migrations up to `target` (tests build files of older versions with it).
pub(crate) fn migrate_to(conn: &mut Connection, target: usize) -> Result<(), StoreError> {
    let current: usize = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if current > VERSION {
        return Err(StoreError::Corrupt(format!(
            "schema version {current}, this build knows up to {VERSION}"
        )));
    }
    for (n, sql) in migrations().enumerate().take(target).skip(current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        if n + 1 == PHONE_STEP {
            crate::customers::rekey_phones(&tx)?;
        }
        tx.pragma_update(None, "user_version", n + 1)?;
        tx.commit()?;
    }
    Ok(())
}
