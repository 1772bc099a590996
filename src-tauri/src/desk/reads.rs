//! What staff look at: start times, the month, the day board, room cards, search. Each
//! question goes to the server first when online (it sees every desk's holds) and to this
//! desk's file otherwise, through [`Desk::server_first`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use frontdesk_protocol::{in_zone, DaySlotsResponse, HoldInfo, RoomsStatusRequest};
use uuid::Uuid;

use super::views::{
    view_of_dto, BoardHold, BoardRoom, BookingView, DayBoard, Quote, RoomStatusView,
};
use super::{Desk, DeskError};
use frontdesk_store::StoreError;

impl Desk {
    /// Start times of a room's date, available or reserved, in time order.
    pub async fn day_slots(
        &self,
        room: &str,
        date: NaiveDate,
        duration: u32,
        session: Option<Uuid>,
    ) -> Result<DaySlotsResponse, DeskError> {
        self.server_first(
            |c| async move { Ok(c.day_slots(room, date, duration, session).await?) },
            || self.local_day_slots(room, date, duration, session),
        )
        .await
    }

    /// Per date of a month: does an available start remain?
    pub async fn month(
        &self,
        room: &str,
        year: i32,
        month: u32,
        duration: u32,
    ) -> Result<BTreeMap<NaiveDate, bool>, DeskError> {
        let answer = self
            .server_first(
                |c| async move { Ok(c.month(room, year, month, duration).await?) },
                || self.local_month(room, year, month, duration),
            )
            .await?;
        Ok(answer.days)
    }

    /// The day board: every room's bookings (from this desk's copy, kept current by the
    /// sync worker) and other desks' holds — from the server in one request when online.
    pub async fn day_board(&self, date: NaiveDate) -> Result<DayBoard, DeskError> {
        let (tz, now) = (self.tz(), self.now());
        let (day, rooms, bookings) = self.local(|store| {
            let day = store.studio().calendar.day(date)?;
            let rooms: Vec<(String, String)> = store
                .studio()
                .rooms
                .iter()
                .map(|r| (r.id.to_string(), r.name.clone()))
                .collect();
            let bookings = store.bookings_between(None, day.start, day.end())?;
            Ok((day, rooms, bookings))
        })?;
        let holds = self
            .server_first(
                |c| async move { Ok(c.holds(None, date).await?) },
                || self.local_holds(None, date),
            )
            .await?
            .holds;
        let board_holds = |room: &str| -> Vec<BoardHold> {
            holds
                .iter()
                .filter(|h| h.room == room)
                .map(|h: &HoldInfo| BoardHold {
                    start: h.start,
                    end: h.end,
                    desk: h.desk.clone(),
                })
                .filter(|h| !self.inner.own_holds.contains(room, h, now))
                .collect()
        };
        let rooms = rooms
            .into_iter()
            .map(|(id, name)| BoardRoom {
                bookings: bookings
                    .iter()
                    .filter(|b| b.room.as_str() == id)
                    .map(|b| self.view(b))
                    .collect(),
                holds: board_holds(&id),
                open: day.open.runs().collect(),
                id,
                name,
            })
            .collect();
        Ok(DayBoard {
            date,
            start: in_zone(day.start, tz),
            quanta: day.quanta,
            rooms,
        })
    }

    /// Current and next bookings of many rooms in one call (one request when online).
    pub async fn rooms_status(
        &self,
        rooms: Vec<String>,
    ) -> Result<BTreeMap<String, RoomStatusView>, DeskError> {
        let body = RoomsStatusRequest {
            rooms: rooms.clone(),
            at: None,
        };
        self.server_first(
            |c| async move {
                let answer = c.rooms_status(&body).await?;
                Ok(answer
                    .rooms
                    .into_iter()
                    .map(|(id, s)| {
                        let view = RoomStatusView {
                            current: s.current.as_ref().map(view_of_dto),
                            next: s.next.iter().map(view_of_dto).collect(),
                            held: s.held,
                        };
                        (id, view)
                    })
                    .collect())
            },
            || {
                let now = self.now();
                let status = self.local(|s| s.rooms_status(&rooms, now, now))?;
                Ok(status
                    .into_iter()
                    .map(|(id, s)| {
                        let view = RoomStatusView {
                            current: s.current.as_ref().map(|b| self.view(b)),
                            next: s.next.iter().map(|b| self.view(b)).collect(),
                            held: s.held,
                        };
                        (id, view)
                    })
                    .collect())
            },
        )
        .await
    }

    /// The fee cancelling booking `id` (or marking it a no-show) would record now, from
    /// this desk's copy of the studio's terms and the booking's price, at the desk's clock:
    /// what staff see before they confirm (the write computes it again).
    pub fn fee_preview(
        &self,
        id: Uuid,
        kind: frontdesk_protocol::FeeKind,
    ) -> Result<frontdesk_protocol::FeePreview, DeskError> {
        let now = self.now();
        self.local(|s| {
            let booking = s.booking(id)?.ok_or(StoreError::NotFound(id))?;
            Ok(frontdesk_store::fees::preview(
                s.studio(),
                &booking,
                kind,
                now,
            ))
        })
    }

    /// What `[start, end)` of `room` costs at the studio's rates now, in minor units of
    /// its currency (what the booking will store).
    pub fn quote(
        &self,
        room: &str,
        start: chrono::DateTime<chrono::Utc>,
        end: chrono::DateTime<chrono::Utc>,
    ) -> Result<Quote, DeskError> {
        self.local(|s| {
            let span = frontdesk_core::Span::new(start, end)?;
            Ok(Quote {
                price: s.quote(room, &span)?,
                currency: s.studio().currency.clone(),
            })
        })
    }

    /// One booking of this desk's copy.
    pub fn booking(&self, id: Uuid) -> Result<BookingView, DeskError> {
        Ok(self.view(&self.local_booking(id)?))
    }

    /// Bookings that hold time on `date`, every room, in start order.
    pub fn bookings_on(&self, date: NaiveDate) -> Result<Vec<BookingView>, DeskError> {
        let list = self.local(|store| {
            let day = store.studio().calendar.day(date)?;
            store.bookings_between(None, day.start, day.end())
        })?;
        Ok(list.iter().map(|b| self.view(b)).collect())
    }

    /// Bookings whose customer name contains `text`.
    pub fn find_bookings(&self, text: &str) -> Result<Vec<BookingView>, DeskError> {
        let list = self.local(|s| s.search_bookings(text, 100))?;
        Ok(list.iter().map(|b| self.view(b)).collect())
    }

    /// Bookings the server refused, to move or cancel.
    pub fn conflicts(&self) -> Result<Vec<BookingView>, DeskError> {
        let list = self.local(|s| s.conflicts())?;
        Ok(list.iter().map(|b| self.view(b)).collect())
    }
}
