//! The page's live line: `slots` (data `{}`) whenever holds of the watched room and date
//! change, or any booking of the studio does, so the page asks its start times again. It
//! tells nothing else: no desk, session or customer.

use std::convert::Infallible;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use chrono::NaiveDate;
use futures_util::Stream;
use serde::Deserialize;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;
use utoipa::IntoParams;

use super::Page;
use crate::app::AppState;
use crate::error::ApiError;
use crate::events::ServerEvent;
use crate::extract::{ApiPath, ApiQuery};

/// The event's name.
pub const SLOTS: &str = "slots";

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Watch {
    /// The room the page shows.
    room: String,
    /// The local date the page shows, YYYY-MM-DD.
    date: NaiveDate,
}

/// `text/event-stream` of `slots` events: ask the start times again.
#[utoipa::path(get, path = "/public/v1/studios/{studio}/events", tag = "public",
    params(("studio" = String, Path, description = "The studio's id"), Watch),
    responses((status = 200, description = "text/event-stream of `slots` events", content_type = "text/event-stream"),
        (status = 404, description = "`not_found`: no such studio, or its page is off", body = frontdesk_protocol::ErrorBody)))]
pub async fn stream(
    State(app): State<AppState>,
    ApiPath(studio): ApiPath<String>,
    ApiQuery(watch): ApiQuery<Watch>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    crate::extract::capped_query(
        "room",
        Some(&watch.room),
        frontdesk_protocol::limits::ID_MAX,
    )?;
    let page = Page::open(&app, &studio).await?;
    let mut shutdown = page.app.shutdown_signal();
    let events = BroadcastStream::new(page.app.events().subscribe()).filter_map(move |message| {
        let concerns = match message {
            Ok(ServerEvent::Holds(holds)) => {
                holds.room == watch.room && holds.dates.contains(&watch.date)
            }
            // Which room a change is of is not in the event: ask again on any.
            Ok(ServerEvent::Change(_)) | Err(_) => true,
            Ok(ServerEvent::Studio(_)) => true,
        };
        concerns.then(|| Ok(Event::default().event(SLOTS).data("{}")))
    });
    let until_shutdown = futures_util::StreamExt::take_until(events, async move {
        let _ = shutdown.wait_for(|stopping| *stopping).await;
    });
    Ok(Sse::new(until_shutdown).keep_alive(KeepAlive::default()))
}
