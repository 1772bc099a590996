//! The local side of the desk: the same questions the server answers, answered from this
//! desk's file in the same protocol types, so a caller does not care who answered.

use chrono::NaiveDate;
use frontdesk_protocol::{
    in_zone, DaySlotsResponse, HoldInfo, HoldSpan, HoldsResponse, MonthAvailabilityResponse,
    SetHoldsResponse, SlotDto,
};
use frontdesk_store::StoreError;
use uuid::Uuid;

use super::{Desk, DeskError};

impl Desk {
    /// Start times of a room's date, from this desk's file.
    pub(crate) fn local_day_slots(
        &self,
        room: &str,
        date: NaiveDate,
        duration: u32,
        session: Option<Uuid>,
    ) -> Result<DaySlotsResponse, DeskError> {
        let (tz, now) = (self.tz(), self.now());
        let slots = self.local(|s| s.day_slots(room, date, duration, None, session, now))?;
        Ok(DaySlotsResponse {
            room: room.to_owned(),
            date,
            quanta: slots.quanta,
            slots: slots
                .slots
                .iter()
                .map(|s| SlotDto::from_core(s, |t| in_zone(t, tz)))
                .collect(),
        })
    }

    /// Per date of a month, whether a start remains, from this desk's file.
    pub(crate) fn local_month(
        &self,
        room: &str,
        year: i32,
        month: u32,
        duration: u32,
    ) -> Result<MonthAvailabilityResponse, DeskError> {
        let now = self.now();
        let days = self.local(|s| s.month_availability(room, year, month, duration, None, now))?;
        Ok(MonthAvailabilityResponse {
            room: room.to_owned(),
            month: format!("{year:04}-{month:02}"),
            duration,
            days: days.into_iter().collect(),
        })
    }

    /// Sets a session's holds in this desk's file (all or nothing) and tells the UI.
    pub(crate) fn local_set_holds(
        &self,
        session: Uuid,
        holds: Vec<HoldSpan>,
    ) -> Result<SetHoldsResponse, DeskError> {
        let now = self.now();
        let spans = holds
            .iter()
            .map(|h| h.to_hold().map_err(|e| DeskError::invalid(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        let desk_id = self.desk_id().to_owned();
        let set = self.local(|s| s.set_holds(session, &desk_id, spans, now))?;
        self.emit_holds(&set.changed);
        Ok(SetHoldsResponse {
            session,
            expires_at: in_zone(set.expires_at, self.tz()),
            holds,
        })
    }

    /// Live holds of a date, every room or one, from this desk's file.
    pub(crate) fn local_holds(
        &self,
        room: Option<&str>,
        date: NaiveDate,
    ) -> Result<HoldsResponse, DeskError> {
        let (tz, now) = (self.tz(), self.now());
        let views = self.local(|s| s.holds_on(room, date, now))?;
        Ok(HoldsResponse {
            holds: views.iter().map(|v| HoldInfo::from_view(v, tz)).collect(),
        })
    }

    /// A booking of this desk's file, or `not_found`.
    pub(crate) fn local_booking(
        &self,
        id: Uuid,
    ) -> Result<frontdesk_store::BookingRecord, DeskError> {
        self.local(|s| s.booking(id)?.ok_or(StoreError::NotFound(id)))
    }
}
