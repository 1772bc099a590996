//! A desk moved to another server (or to the same one under a new address or studio): its
//! own work waiting to sync stays and goes to the new server, and the new server's change
//! log is read from its beginning.
//!
//! In one transaction:
//! - bookings this desk only mirrored from the old server (confirmed or cancelled there,
//!   with the old server's sequence, and no queued change of this desk naming them) are
//!   removed, with their day masks: they are the old server's records, not this desk's
//!   work, and the new server would never tell the desk to drop them. If the new server
//!   knows them (the same studio at a new address), its pull brings them back.
//! - pending and conflict bookings, the outbox, refused changes and the audit log stay:
//!   the outbox is pushed to the new server, which confirms each mutation or refuses it as
//!   a conflict that staff see.
//! - the pull cursor goes back to 0 and the studio's version to 0 (the new server's studio
//!   is taken over at its next sync, whatever the versions say).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, TransactionBehavior};
use serde_json::json;

use crate::booking_rows::query;
use crate::remote::rebuild_masks;
use crate::{audit, Store, StoreError};

impl Store {
    /// Forgets what this file knew of its previous server (see the module's notes) and sets
    /// `values` (the new server's settings), in one transaction; answers how many mirrored
    /// bookings were removed. `desk` is recorded as who did it.
    pub fn forget_server(
        &mut self,
        desk: &str,
        now: DateTime<Utc>,
        values: &[(&str, &str)],
    ) -> Result<usize, StoreError> {
        let calendar = self.studio.calendar.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mirrored = query(
            &tx,
            "WHERE server_seq IS NOT NULL AND status IN ('confirmed', 'cancelled')
               AND NOT EXISTS (SELECT 1 FROM outbox o WHERE instr(o.payload, bookings.id) > 0)",
            params![],
        )?;
        let mut touched: Vec<(frontdesk_core::RoomId, Vec<NaiveDate>)> = Vec::new();
        for b in &mirrored {
            tx.prepare_cached("DELETE FROM bookings WHERE id = ?1")?
                .execute([b.id.to_string()])?;
            if let Ok(days) = calendar.span_days(&b.span) {
                touched.push((b.room.clone(), days.masks().map(|(d, _)| d).collect()));
            }
        }
        for (room, dates) in &touched {
            rebuild_masks(&tx, &calendar, room, dates)?;
        }
        tx.execute(
            "INSERT INTO sync_state (key, value) VALUES ('cursor', '0')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [],
        )?;
        tx.execute("UPDATE studio SET version = 0 WHERE id = 1", [])?;
        set_values(&tx, values)?;
        audit::record(
            &tx,
            now,
            audit::Who::desk(desk),
            "server_changed",
            None,
            &json!({"mirroredBookingsRemoved": mirrored.len()}),
        )?;
        tx.commit()?;
        self.studio_version = 0;
        Ok(mirrored.len())
    }

    /// Sets several sync values in one transaction.
    pub fn set_sync_values(&mut self, values: &[(&str, &str)]) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        set_values(&tx, values)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes a sync value so that its bytes leave the file: the freed space is zeroed
    /// (`secure_delete`) and the write-ahead log is folded into the file and emptied, so a
    /// copy of the file (with or without its `-wal`) does not hold the old value.
    pub fn erase_sync_value(&mut self, key: &str) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "secure_delete", true)?;
        let deleted = self
            .conn
            .execute("DELETE FROM sync_state WHERE key = ?1", [key]);
        let reset = self.conn.pragma_update(None, "secure_delete", false);
        deleted?;
        reset?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

fn set_values(tx: &rusqlite::Connection, values: &[(&str, &str)]) -> Result<(), StoreError> {
    for (key, value) in values {
        tx.prepare_cached(
            "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?
        .execute(params![key, value])?;
    }
    Ok(())
}
