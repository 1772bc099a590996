//! Start times and holds: a room's day and month, and the booking sessions' holds.

use chrono::NaiveDate;
use frontdesk_protocol::{
    DaySlotsResponse, HoldsResponse, MonthAvailabilityResponse, SetHoldsRequest, SetHoldsResponse,
};
use uuid::Uuid;

use crate::{Client, ClientError, Method};

impl Client {
    pub async fn day_slots(
        &self,
        room: &str,
        date: NaiveDate,
        duration: u32,
        session: Option<Uuid>,
    ) -> Result<DaySlotsResponse, ClientError> {
        let mut path = format!("/v1/availability/day?room={room}&date={date}&duration={duration}");
        if let Some(s) = session {
            path.push_str(&format!("&session={s}"));
        }
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn month(
        &self,
        room: &str,
        year: i32,
        month: u32,
        duration: u32,
    ) -> Result<MonthAvailabilityResponse, ClientError> {
        self.json(
            Method::GET,
            &format!(
                "/v1/availability/month?room={room}&month={year:04}-{month:02}&duration={duration}"
            ),
            None::<&()>,
        )
        .await
    }

    pub async fn set_holds(
        &self,
        session: Uuid,
        body: &SetHoldsRequest,
    ) -> Result<SetHoldsResponse, ClientError> {
        self.json(Method::PUT, &format!("/v1/holds/{session}"), Some(body))
            .await
    }

    pub async fn release_holds(&self, session: Uuid) -> Result<(), ClientError> {
        self.call::<serde_json::Value>(
            Method::DELETE,
            &format!("/v1/holds/{session}"),
            None::<&()>,
        )
        .await?;
        Ok(())
    }

    /// Live holds of one room's date, or with `room` `None` of every room's date in one
    /// request (the day board).
    pub async fn holds(
        &self,
        room: Option<&str>,
        date: NaiveDate,
    ) -> Result<HoldsResponse, ClientError> {
        let path = match room {
            Some(room) => format!("/v1/holds?room={room}&date={date}"),
            None => format!("/v1/holds?date={date}"),
        };
        self.json(Method::GET, &path, None::<&()>).await
    }
}
