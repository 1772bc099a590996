//! Calendar feeds: an admin makes, lists and revokes them (`/v1/feeds`, an admin's desk
//! token), and calendar apps fetch `GET /feeds/{token}.ics` with no desk token at all.
//!
//! A feed token is random (244 bits), kept only as its SHA-256, and opens this one read
//! and nothing else: the desk-token check never sees it, and a desk token in its place is
//! just an unknown feed. An unknown or revoked token is answered exactly as a path that
//! does not exist (404), after the same one lookup. Requests without a desk token are
//! rate-limited per address (`crate::limits`), feeds included.

mod cache;
mod ics;

use axum::extract::{Extension, Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Duration;
use frontdesk_protocol::{
    feed_path, CreateFeedRequest, ErrorBody, ErrorCode, FeedDto, FeedList, FEED_DAYS_AHEAD,
    FEED_DAYS_BACK,
};
use frontdesk_store::feed_tokens::FeedRow;
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub use ics::{uid, FeedCalendar, BOOKED};

use crate::app::AppState;
use crate::auth::{token_hash, AdminOnly};
use crate::error::{local, ApiError};
use crate::extract::{ApiJson, ApiPath};

/// A new feed token: 244 random bits from the OS, told apart from desk tokens by its prefix.
pub fn new_feed_token() -> String {
    format!("cal_{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple())
}

fn dto(feed: FeedRow, tz: chrono_tz::Tz, url: Option<String>) -> FeedDto {
    FeedDto {
        id: feed.id,
        room: feed.room,
        detail: feed.detail,
        label: feed.label,
        created_at: local(feed.created_at, tz),
        url,
    }
}

/// Makes a feed of a room or the whole studio; its secret address is answered this once.
#[utoipa::path(post, path = "/v1/feeds", tag = "feeds", security(("bearer" = [])),
    request_body = CreateFeedRequest,
    responses((status = 201, description = "Made; `url` is the secret path, shown once", body = FeedDto),
        (status = 403, description = "`forbidden`: not an admin's token", body = ErrorBody),
        (status = 422, description = "`unknown_room`: the studio has no such room; `invalid`: a text too long", body = ErrorBody)))]
pub async fn create(
    _admin: AdminOnly,
    Extension(app): Extension<AppState>,
    ApiJson(body): ApiJson<CreateFeedRequest>,
) -> Result<(StatusCode, Json<FeedDto>), ApiError> {
    let info = app.studio_info();
    let room = body.room.map(|r| r.trim().to_owned());
    if let Some(room) = &room {
        if !info.rooms.iter().any(|r| &r.id == room) {
            return Err(ApiError::from_body(ErrorBody {
                unknown: Some(vec![room.clone()]),
                ..ErrorBody::new(
                    ErrorCode::UnknownRoom,
                    format!("room: the studio has no room \"{room}\""),
                )
            }));
        }
    }
    let token = new_feed_token();
    let hash = token_hash(&token);
    let feed = FeedRow {
        id: Uuid::new_v4(),
        room,
        detail: body.detail,
        label: body
            .label
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty()),
        created_at: app.now(),
    };
    let (tz, stored) = (app.tz(), feed.clone());
    app.run(move |s, _| s.create_feed(&stored, &hash))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    tracing::info!(studio = app.studio_id(), feed = %feed.id, "a calendar feed was made");
    Ok((
        StatusCode::CREATED,
        Json(dto(feed, tz, Some(feed_path(&token)))),
    ))
}

/// The studio's feeds, without their secrets.
#[utoipa::path(get, path = "/v1/feeds", tag = "feeds", security(("bearer" = [])),
    responses((status = 200, body = FeedList),
        (status = 403, description = "`forbidden`: not an admin's token", body = ErrorBody)))]
pub async fn list(
    _admin: AdminOnly,
    Extension(app): Extension<AppState>,
) -> Result<Json<FeedList>, ApiError> {
    let tz = app.tz();
    let feeds = app
        .run(|s, _| s.feeds())
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    Ok(Json(FeedList {
        feeds: feeds.into_iter().map(|f| dto(f, tz, None)).collect(),
    }))
}

/// Revokes a feed: its address answers 404 from now on, on every instance.
#[utoipa::path(delete, path = "/v1/feeds/{id}", tag = "feeds", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The feed")),
    responses((status = 204, description = "Revoked"),
        (status = 403, description = "`forbidden`: not an admin's token", body = ErrorBody),
        (status = 404, description = "`not_found`: no such feed", body = ErrorBody)))]
pub async fn revoke(
    _admin: AdminOnly,
    Extension(app): Extension<AppState>,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    let tz = app.tz();
    let revoked = app
        .run(move |s, _| s.revoke_feed(id))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    if !revoked {
        return Err(ApiError::not_found(format!("there is no feed {id}")));
    }
    tracing::info!(studio = app.studio_id(), feed = %id, "a calendar feed was revoked");
    Ok(StatusCode::NO_CONTENT)
}

/// The feed as iCalendar: the bookings of its room (or every room) from 30 days back to
/// 400 days ahead, cancelled ones marked. No desk token; the path's token is the secret.
#[utoipa::path(get, path = "/feeds/{file}", tag = "feeds",
    params(("file" = String, Path, description = "`{token}.ics`: the feed's secret token")),
    responses((status = 200, description = "The feed (RFC 5545), with an ETag", content_type = "text/calendar"),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 404, description = "No such feed (unknown and revoked alike)", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many requests from this address", body = ErrorBody)))]
pub async fn serve(
    State(app): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    // Unknown, revoked and malformed alike: the bare 404 of a path that does not exist.
    let gone = || StatusCode::NOT_FOUND.into_response();
    let Some(token) = file.strip_suffix(".ics").filter(|t| !t.is_empty()) else {
        return Ok(gone());
    };
    let hash = token_hash(token);
    let tz = app.tz();
    let found = app
        .run(move |s, _| s.feed_for_token(&hash))
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    let Some((studio, feed)) = found else {
        return Ok(gone());
    };
    let Some(state) = app.studio_named(&studio).await? else {
        return Ok(gone());
    };
    let app = app.for_studio(state);
    let tz = app.tz();
    let room = feed.room.clone();
    let events = app
        .run(move |s, now| {
            let from = now - Duration::days(FEED_DAYS_BACK);
            let to = now + Duration::days(FEED_DAYS_AHEAD);
            s.feed_events(room.as_deref(), from, to)
        })
        .await?
        .map_err(|e| ApiError::from_store(e, tz))?;
    let info = app.studio_info();
    let name = match &feed.room {
        Some(room) => format!(
            "{} – {}",
            info.name,
            info.rooms
                .iter()
                .find(|r| &r.id == room)
                .map_or(room.as_str(), |r| r.name.as_str())
        ),
        None => info.name.clone(),
    };
    let calendar = FeedCalendar {
        name,
        room_names: info.rooms.into_iter().map(|r| (r.id, r.name)).collect(),
        detail: feed.detail,
    };
    let input = cache::input_of(&calendar, &events);
    let written = match cache::get(feed.id, input) {
        Some(written) => written,
        // Thousands of events take milliseconds to write: off the async workers.
        None => {
            let written = tokio::task::spawn_blocking(move || {
                let text = calendar.write(&events);
                let etag = etag_of(&text);
                std::sync::Arc::new((text, etag))
            })
            .await
            .map_err(|_| ApiError::internal())?;
            cache::put(feed.id, input, written.clone());
            written
        }
    };
    Ok(calendar_response(&written, &headers))
}

/// A strong ETag of the calendar's bytes (the first 128 bits of their SHA-256).
fn etag_of(text: &str) -> String {
    format!(
        "\"{}\"",
        hex::encode(&Sha256::digest(text.as_bytes())[..16])
    )
}

/// 200 with the calendar and its ETag, or 304 when the client has it already.
fn calendar_response(written: &cache::Written, headers: &HeaderMap) -> Response {
    let (text, etag) = (&written.0, &written.1);
    let fresh = headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().trim_start_matches("W/") == etag.as_str());
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, text.clone()).into_response()
    };
    let h = response.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    h.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    if let Ok(value) = HeaderValue::from_str(etag) {
        h.insert(ETAG, value);
    }
    response
}
