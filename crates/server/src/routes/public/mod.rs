//! The public booking page and its API (no token): `/book/{studio}` and
//! `/public/v1/…`. Customers see what the studio offers online, hold a start with the same
//! presence engine as the desks (as the desk [`ONLINE_DESK`]), book it, and manage it
//! through a signed link. Everything answers 404 for a studio that has not switched its page
//! on. Requests without a desk token are rate-limited per address (`crate::limits`), and
//! bookings also per e-mail address (`booking_limit`).

pub mod bookings;
pub mod events;
pub mod holds;
pub mod manage;
pub mod offer;
mod pages;
pub mod reminders;
pub mod visitors;

use axum::routing::{get, post, put};
use axum::Router;
use frontdesk_core::online::OnlineWindow;
use frontdesk_protocol::{ErrorCode, OnlineBooking, PublicBooking, PublicStudio, ONLINE_DESK};
use frontdesk_store::bookings::BookingRecord;
use frontdesk_store::online_booking::LINK_KEY_LEN;

use crate::app::AppState;
use crate::error::{local, ApiError};
use crate::manage_link::ManageLink;

/// The page's routes, on the server's state (each resolves its studio itself).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/book/{studio}", get(pages::booking_page))
        .route("/book/manage/{token}", get(pages::manage_page))
        .route("/book/assets/{file}", get(pages::asset))
        .route("/public/v1/studios/{studio}/offer", get(offer::offer))
        .route("/public/v1/studios/{studio}/slots", get(offer::slots))
        .route("/public/v1/studios/{studio}/events", get(events::stream))
        .route(
            "/public/v1/studios/{studio}/holds/{session}",
            put(holds::set).delete(holds::release),
        )
        .route(
            "/public/v1/studios/{studio}/bookings",
            post(bookings::create),
        )
        .route("/public/v1/manage/{token}", get(manage::view))
        .route(
            "/public/v1/manage/{token}/calendar.ics",
            get(manage::calendar),
        )
        .route("/public/v1/manage/{token}/cancel", post(manage::cancel))
        .route(
            "/public/v1/manage/{token}/reminders",
            put(reminders::choose),
        )
}

/// A studio's page: its state and what it offers online.
pub(crate) struct Page {
    pub app: AppState,
    pub settings: OnlineBooking,
}

/// The same answer for an unknown studio and one whose page is off: nothing told apart.
fn no_page() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "there is no booking page here")
}

impl Page {
    /// Studio `id`'s page, if it has one that is switched on.
    pub async fn open(app: &AppState, id: &str) -> Result<Page, ApiError> {
        let page = Page::any(app, id).await?;
        if page.settings.enabled {
            Ok(page)
        } else {
            Err(no_page())
        }
    }

    /// Studio `id` and its settings, switched on or not (a customer's link outlives them).
    async fn any(app: &AppState, id: &str) -> Result<Page, ApiError> {
        if crate::storage::check_studio_id(id).is_err() {
            return Err(no_page());
        }
        let Some(state) = app.studio_named(id).await? else {
            return Err(no_page());
        };
        let app = app.for_studio(state);
        let tz = app.tz();
        let (settings, _) = app
            .run(|s, _| s.online_booking())
            .await?
            .map_err(|e| ApiError::from_store(e, tz))?;
        Ok(Page { app, settings })
    }

    pub fn window(&self) -> OnlineWindow {
        OnlineWindow {
            lead: chrono::Duration::minutes(i64::from(self.settings.lead_minutes)),
            days_ahead: self.settings.days_ahead,
        }
    }

    /// The studio as the page introduces it, with how customers reach it.
    pub fn public_studio(&self) -> PublicStudio {
        let info = self.app.studio_info();
        PublicStudio {
            name: info.name,
            timezone: info.timezone,
            currency: info.currency,
            phone: self.settings.contact_phone.clone(),
            email: self.settings.contact_email.clone(),
        }
    }

    /// The studio's manage-link key (made on first use).
    pub async fn link_key(&self) -> Result<[u8; LINK_KEY_LEN], ApiError> {
        let fresh = crate::manage_link::fresh_key();
        let tz = self.app.tz();
        self.app
            .run(move |s, _| s.link_key(fresh))
            .await?
            .map_err(|e| ApiError::from_store(e, tz))
    }

    /// A booking as its customer sees it, with its manage link signed by `key`.
    pub fn public_booking(
        &self,
        record: &BookingRecord,
        key: &[u8; LINK_KEY_LEN],
    ) -> PublicBooking {
        let info = self.app.studio_info();
        let tz = self.app.tz();
        let room = record.room.to_string();
        let link = ManageLink::for_booking(self.app.studio_id(), record);
        PublicBooking {
            id: record.id,
            room_name: info
                .rooms
                .iter()
                .find(|r| r.id == room)
                .map_or_else(|| room.clone(), |r| r.name.clone()),
            room,
            start: local(record.span.start(), tz),
            end: local(record.span.end(), tz),
            price: record.price.unwrap_or(0),
            currency: info.currency,
            name: record.customer.name.clone(),
            status: record.status.as_str().to_owned(),
            manage: link.path(key),
            awaiting_approval: record.awaiting_approval,
        }
    }
}

/// Whether a booking was made on the page (its desk is [`ONLINE_DESK`]).
pub fn made_online(record: &BookingRecord) -> bool {
    record.desk == ONLINE_DESK
}
