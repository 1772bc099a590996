//! The studio's cancellation terms in the `studio.cancellation` column (schema step 25):
//! JSON `{"studio": TermsDto | null, "rooms": {id: TermsDto}}`, NULL for a studio without
//! terms (nothing is ever owed).

use std::collections::BTreeMap;

use frontdesk_core::Studio;
use frontdesk_protocol::TermsDto;
use serde::{Deserialize, Serialize};

use crate::StoreError;

#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    studio: Option<TermsDto>,
    #[serde(default)]
    rooms: BTreeMap<String, TermsDto>,
}

fn corrupt(e: &dyn std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("studio row, cancellation: {e}"))
}

/// The column's value for `studio`.
pub(crate) fn column(studio: &Studio) -> Result<Option<String>, StoreError> {
    let (own, rooms) = frontdesk_protocol::terms_dto(studio);
    if own.is_none() && rooms.is_empty() {
        return Ok(None);
    }
    let stored = Stored { studio: own, rooms };
    serde_json::to_string(&stored)
        .map(Some)
        .map_err(|e| corrupt(&e))
}

/// `studio` under the terms the column holds.
pub(crate) fn with_column(studio: Studio, column: Option<&str>) -> Result<Studio, StoreError> {
    let Some(text) = column else {
        return Ok(studio);
    };
    let stored: Stored = serde_json::from_str(text).map_err(|e| corrupt(&e))?;
    frontdesk_protocol::with_terms(studio, stored.studio.as_ref(), &stored.rooms)
        .map_err(|e| corrupt(&e))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use frontdesk_core::{CancellationTerms, FeeTier, StudioTerms};

    use crate::audit::Who;
    use crate::{Durability, Store};

    #[test]
    fn terms_survive_a_change_and_a_reopening() {
        let (dir, mut store) = crate::test_store::demo();
        assert_eq!(store.studio().cancellation, StudioTerms::default());
        let room = store.studio().rooms[0].id.clone();
        let terms = StudioTerms {
            studio: CancellationTerms {
                free_hours_before: 48,
                tiers: vec![
                    FeeTier {
                        hours_before: 48,
                        percent: 25,
                    },
                    FeeTier {
                        hours_before: 24,
                        percent: 100,
                    },
                ],
                no_show_percent: 100,
                deposit: None,
            },
            rooms: [(room, CancellationTerms::default())].into(),
        };
        let studio = store
            .studio()
            .clone()
            .with_cancellation(terms.clone())
            .unwrap();
        let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let version = store.studio_version();
        store
            .change_studio(studio, None, version, Who::desk("server"), now)
            .unwrap();
        drop(store);
        let path = dir.path().join("s.sqlite");
        let store = Store::open(&path, "server", Durability::Full).unwrap();
        assert_eq!(store.studio().cancellation, terms);
    }
}
