//! `frontdesk-server migrate --from FILE --to postgres://… [--studio ID]`: moves a studio
//! from its SQLite server file into PostgreSQL (as studio `ID` of a chain's database), then
//! checks the result.
//!
//! 1. The file's own consistency check first (its day masks against its bookings): a file
//!    that disagrees with itself is not moved.
//! 2. Everything is read in one transaction and written in one (`storage::postgres`'s
//!    import): the studio with its staff and version, desk tokens, bookings, customers, the
//!    push log, the audit log, the change log's head, the public page's settings and link
//!    key, the calendar feeds and the messages to customers (queued ones are sent from
//!    PostgreSQL afterwards). A database that already has the
//!    studio is refused and nothing is written.
//! 3. Afterwards every booking, customer, desk token, feed and message is read back through the
//!    PostgreSQL storage the server uses, and must equal the file's; the exclusion
//!    constraint has checked on the way in that no two confirmed bookings overlap.

use std::path::Path;

use frontdesk_store::{Durability, Store};

use crate::storage::{check_studio_id, import, PgServer, StorageError, TokenOwner};

/// What was moved and checked, in a sentence for the operator.
pub fn migrate(from: &Path, to: &str, studio_id: &str) -> Result<String, StorageError> {
    check_studio_id(studio_id).map_err(StorageError::Corrupt)?;
    if !from.exists() {
        return Err(StorageError::Corrupt(format!(
            "{} does not exist",
            from.display()
        )));
    }
    let mut store = Store::open(from, "server", Durability::Full)?;
    let differences = store.consistency_check()?;
    if !differences.is_empty() {
        return Err(StorageError::Corrupt(format!(
            "{}: {} day masks disagree with the bookings (the file's consistency check); \
             nothing was moved",
            from.display(),
            differences.len()
        )));
    }
    let export = store.export()?;
    let imported = import(to, studio_id, &export)?;

    // Read back through the storage the server uses.
    let storage = PgServer::one_storage(to, studio_id)?
        .ok_or_else(|| StorageError::NoStudio(studio_id.to_owned()))?;
    let differ = |what: String| StorageError::Corrupt(format!("after the move, {what} differs"));
    for booking in &export.bookings {
        if storage.booking(booking.id)?.as_ref() != Some(booking) {
            return Err(differ(format!("booking {}", booking.id)));
        }
    }
    let mut moved = storage.customers_changed(0, None)?;
    let mut expected = export.customers.clone();
    moved.sort_by_key(|c| c.id);
    expected.sort_by_key(|c| c.id);
    if moved != expected {
        return Err(differ("the customer records".to_owned()));
    }
    for desk in &export.desks {
        let found = storage.token_owner(&desk.token_sha256)?;
        let expected = TokenOwner {
            studio: Some(studio_id.to_owned()),
            desk: desk.desk.clone(),
            admin: desk.admin,
        };
        if found != Some(expected) {
            return Err(differ(format!("the token of desk {}", desk.desk)));
        }
    }
    let feeds: Vec<_> = export.feeds.iter().map(|(feed, _)| feed.clone()).collect();
    if storage.feeds()? != feeds {
        return Err(differ("the calendar feeds".to_owned()));
    }
    for (feed, token_hash) in &export.feeds {
        let found = storage.feed_for_token(token_hash)?.map(|(_, found)| found);
        if found.as_ref() != Some(feed) {
            return Err(differ(format!("the token of calendar feed {}", feed.id)));
        }
    }
    let mut with_messages: Vec<_> = export.messages.iter().map(|m| m.booking).collect();
    with_messages.sort();
    with_messages.dedup();
    for booking in with_messages {
        if storage.booking_messages(booking)? != store.booking_messages(booking)? {
            return Err(differ(format!("the messages of booking {booking}")));
        }
    }
    for (key, choice) in &export.consents {
        if storage.reminder_consent(key)?.as_ref() != Some(choice) {
            return Err(differ(format!("the reminder choice of {key}")));
        }
    }
    let (changes, _) = storage.changes_since(0, u32::MAX)?;
    let with_seq = export.bookings.iter().filter(|b| b.seq > 0).count();
    if changes.len() != with_seq || storage.studio_version() != export.version {
        return Err(differ("the change log".to_owned()));
    }
    Ok(format!(
        "moved studio \"{}\" (version {}) into PostgreSQL as \"{studio_id}\": {} bookings, {} customers, \
         {} desk tokens, {} push answers, {} audit lines, {} calendar feeds, {} messages to \
         customers, {} reminder choices, change log at {}; every booking, customer, token, \
         feed, message and choice read back equal",
        export.studio.name,
        export.version,
        imported.bookings,
        imported.customers,
        imported.desks,
        imported.push_log,
        imported.audit,
        imported.feeds,
        imported.messages,
        export.consents.len(),
        export.head
    ))
}

/// What the operator does after a move, printed by the command: the instances start on
/// PostgreSQL, and desks that will reach them at another address need that address and a
/// new enrolment code (a desk keeps no token for another address). The database's URL is
/// not repeated: it may hold a password.
pub fn next_steps(from: &Path, studio_id: &str) -> String {
    format!(
        "Next:\n\
         1. Keep {file} as it is (a backup); no server may serve it any more.\n\
         2. Start each instance on PostgreSQL: frontdesk-server serve --config STUDIO.toml \
         --database URL (the same URL as --to; the password may come from PGPASSWORD or a \
         password file, see docs/server.md).\n\
         3. The desks: if they reach the new instances at the address they use now (the same \
         https:// name, e.g. behind nginx), they carry on and need nothing. If the address \
         changes, each desk needs the new one and a new enrolment code: for each desk run \
         frontdesk-server desk add NAME --config STUDIO.toml --database URL --studio {studio_id} \
         (add --admin for an admin desk), then on the desk an admin opens Settings, types the \
         new server address and the code, and connects. Bookings waiting on a desk are kept \
         and sent to the new server.",
        file = from.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_steps_name_the_desks_new_address_and_the_command_for_a_code() {
        let text = next_steps(Path::new("/srv/studio.sqlite"), "harbour");
        assert!(text.contains("/srv/studio.sqlite"), "{text}");
        assert!(text.contains("new server address"), "{text}");
        assert!(
            text.contains("desk add NAME --config STUDIO.toml --database URL --studio harbour"),
            "{text}"
        );
    }
}
