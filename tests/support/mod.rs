//! What the desk's integration tests share: a desk on its own file, of a server or standalone.
#![allow(clippy::unwrap_used, dead_code)]

use std::path::Path;
use std::sync::Arc;

use frontdesk_app::desk::{Desk, DeskError};
use frontdesk_app::events::NoEvents;
use frontdesk_client::ServerSettings;
use frontdesk_protocol::ErrorCode;
use frontdesk_store::{Durability, Store, StudioConfig};
use frontdesk_testkit::clock::SharedClock;

/// Desk `id` on its own file `{id}.sqlite` in `dir`, of the server `(url, token)` or
/// standalone (`None`), with the studio of `config`.
pub fn open_desk(
    dir: &Path,
    id: &str,
    server: Option<(&str, &str)>,
    config: &StudioConfig,
    clock: SharedClock,
) -> Desk {
    let store = Store::open_with_studio(
        &dir.join(format!("{id}.sqlite")),
        id,
        Durability::Normal,
        config.studio.clone(),
    )
    .unwrap();
    let settings = server.map(|(url, token)| ServerSettings {
        url: url.into(),
        token: token.into(),
    });
    Desk::with_store(store, id, settings, Arc::new(NoEvents), clock).unwrap()
}

/// The code of a desk's refusal (a test that expects one).
pub fn refusal(error: DeskError) -> ErrorCode {
    match error {
        DeskError::Refused(body) => body.error,
        other => panic!("expected a refusal, got {other:?}"),
    }
}
