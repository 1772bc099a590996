//! A server's online booking: what the studio offers on its public page (one row, JSON,
//! versioned like the studio), and the key that signs customers' manage links (one row,
//! made once: every instance on the file signs and checks with it). On PostgreSQL the same
//! lives in `postgres/online.rs`.

use frontdesk_protocol::OnlineBooking;
use rusqlite::{params, Connection, OptionalExtension};

use crate::{Store, StoreError};

/// The length of a manage-link key, bytes.
pub const LINK_KEY_LEN: usize = 32;

/// The settings and their version in `conn` (a transaction too); off at 0 before a save.
pub(crate) fn read_settings(conn: &Connection) -> Result<(OnlineBooking, i64), StoreError> {
    let row: Option<(String, i64)> = conn
        .query_row(
            "SELECT settings, version FROM online_booking WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        None => Ok((OnlineBooking::default(), 0)),
        Some((json, version)) => {
            let settings = serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("online booking settings: {e}")))?;
            Ok((settings, version))
        }
    }
}

/// The manage-link key in `conn`, if one was made.
pub(crate) fn read_link_key(conn: &Connection) -> Result<Option<[u8; LINK_KEY_LEN]>, StoreError> {
    let key: Option<Vec<u8>> = conn
        .query_row("SELECT key FROM link_keys WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    key.map(|k| {
        k.try_into()
            .map_err(|_| StoreError::Corrupt("the manage-link key is not 32 bytes".into()))
    })
    .transpose()
}

impl Store {
    /// The settings and their version; off at version 0 before the first save.
    pub fn online_booking(&self) -> Result<(OnlineBooking, i64), StoreError> {
        read_settings(&self.conn)
    }

    /// Saves settings made to version `edited`; the new version. A newer save meanwhile
    /// refuses it ([`StoreError::StaleOnlineBooking`]) and nothing changes.
    pub fn set_online_booking(
        &mut self,
        settings: &OnlineBooking,
        edited: i64,
    ) -> Result<i64, StoreError> {
        let json = serde_json::to_string(settings)
            .map_err(|e| StoreError::Corrupt(format!("online booking settings: {e}")))?;
        let tx = self.conn.transaction()?;
        let current: i64 = tx
            .query_row("SELECT version FROM online_booking WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or(0);
        if current != edited {
            return Err(StoreError::StaleOnlineBooking { current, edited });
        }
        tx.execute(
            "INSERT INTO online_booking (id, settings, version) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, version = excluded.version",
            params![json, current + 1],
        )?;
        tx.commit()?;
        Ok(current + 1)
    }

    /// The manage-link key: `fresh` if there was none yet (then kept), else the one kept.
    pub fn link_key(
        &mut self,
        fresh: [u8; LINK_KEY_LEN],
    ) -> Result<[u8; LINK_KEY_LEN], StoreError> {
        self.conn.execute(
            "INSERT INTO link_keys (id, key) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING",
            params![fresh.as_slice()],
        )?;
        read_link_key(&self.conn)?
            .ok_or_else(|| StoreError::Corrupt("the manage-link key went away".into()))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use frontdesk_protocol::OnlineRoom;

    #[test]
    fn settings_are_off_until_saved_and_a_stale_save_changes_nothing() {
        let (_dir, mut store) = crate::test_store::demo();
        assert_eq!(
            store.online_booking().unwrap(),
            (OnlineBooking::default(), 0)
        );
        let on = OnlineBooking {
            enabled: true,
            rooms: vec![OnlineRoom {
                room: "a".into(),
                durations: vec![60],
            }],
            ..OnlineBooking::default()
        };
        assert_eq!(store.set_online_booking(&on, 0).unwrap(), 1);
        let off = OnlineBooking::default();
        assert!(matches!(
            store.set_online_booking(&off, 0),
            Err(StoreError::StaleOnlineBooking {
                current: 1,
                edited: 0
            })
        ));
        assert_eq!(store.online_booking().unwrap(), (on, 1));
        assert_eq!(store.set_online_booking(&off, 1).unwrap(), 2);
        assert_eq!(store.online_booking().unwrap(), (off, 2));
    }

    #[test]
    fn the_link_key_is_made_once_and_kept() {
        let (_dir, mut store) = crate::test_store::demo();
        let first = store.link_key([7; LINK_KEY_LEN]).unwrap();
        assert_eq!(first, [7; LINK_KEY_LEN]);
        assert_eq!(store.link_key([9; LINK_KEY_LEN]).unwrap(), first);
    }
}
