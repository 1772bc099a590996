use std::convert::Infallible;

use axum::extract::Extension;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

use frontdesk_protocol::events as names;

use crate::app::AppState;
use crate::events::ServerEvent;

/// Server-sent events: `change` with `{"seq"}` after each accepted write, `holds` with
/// `{"room", "dates"}` when a room's holds change, `studio` with `{"version"}` when an admin
/// changed the studio. A desk that falls behind gets a
/// `change` with `{"seq": 0}`: it pulls from its cursor, as after any change.
#[utoipa::path(get, path = "/v1/events", tag = "sync", security(("bearer" = [])),
    responses((status = 200, description = "text/event-stream of `change`, `holds` and `studio` events", content_type = "text/event-stream")))]
pub async fn stream(
    Extension(app): Extension<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut shutdown = app.shutdown_signal();
    let events = BroadcastStream::new(app.events().subscribe()).filter_map(|message| {
        let event = match message {
            Ok(ServerEvent::Change(change)) => {
                Event::default().event(names::CHANGE).json_data(change)
            }
            Ok(ServerEvent::Holds(holds)) => Event::default().event(names::HOLDS).json_data(holds),
            Ok(ServerEvent::Studio(studio)) => {
                Event::default().event(names::STUDIO).json_data(studio)
            }
            Err(_lagged) => Event::default()
                .event(names::CHANGE)
                .json_data(frontdesk_protocol::ChangeEvent { seq: 0 }),
        };
        event.ok().map(Ok)
    });
    let until_shutdown = futures_util::StreamExt::take_until(events, async move {
        let _ = shutdown.wait_for(|stopping| *stopping).await;
    });
    Sse::new(until_shutdown).keep_alive(KeepAlive::default())
}
