//! The occupancy report: the stored day masks of the period's rooms and dates (the quanta
//! of bookings that hold time: confirmed, and on a desk pending), through the engine's
//! [`frontdesk_core::report::occupancy`].

use frontdesk_core::report::{occupancy, OccupancyFigures, RoomReportInput};
use frontdesk_core::{Occupancy, RoomId, Studio, QUANTUM_MINUTES};
use frontdesk_protocol::{HeatCell, OccupancyReport, ReportPeriod, RoomOccupancy};

use crate::{masks, Store, StoreError};

const QUANTUM: u64 = QUANTUM_MINUTES as u64;

/// The occupancy report of `period` from the booked masks in `booked` (loaded by either
/// backend): the engine's figures in minutes, rooms in the period's order.
pub fn occupancy_of(
    studio: &Studio,
    period: &ReportPeriod,
    booked: &Occupancy,
) -> Result<OccupancyReport, StoreError> {
    let rooms = inputs(studio, period)?;
    let figures = occupancy(&studio.calendar, period.from, period.to, &rooms, booked)?;
    Ok(report(period, &figures))
}

/// The period's rooms with their changeover (a room the studio lacks is refused).
fn inputs(studio: &Studio, period: &ReportPeriod) -> Result<Vec<RoomReportInput>, StoreError> {
    let unknown: Vec<String> = period
        .rooms
        .iter()
        .filter(|id| !studio.rooms.iter().any(|r| r.id.as_str() == id.as_str()))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        return Err(StoreError::UnknownRooms(unknown));
    }
    period
        .rooms
        .iter()
        .filter_map(|id| studio.rooms.iter().find(|r| r.id.as_str() == id.as_str()))
        .map(|r| {
            Ok(RoomReportInput {
                room: r.id.clone(),
                changeover_minutes: r.changeover,
            })
        })
        .collect()
}

/// The engine's quanta as the wire's minutes.
fn report(period: &ReportPeriod, figures: &OccupancyFigures) -> OccupancyReport {
    OccupancyReport {
        from: period.from,
        to: period.to,
        rooms: figures
            .rooms
            .iter()
            .map(|r| RoomOccupancy {
                room: r.room.as_str().to_owned(),
                open_minutes: r.open_quanta * QUANTUM,
                booked_minutes: r.booked_quanta * QUANTUM,
                changeover_minutes: r.changeover_quanta * QUANTUM,
            })
            .collect(),
        heatmap: (0u8..7)
            .flat_map(|weekday| (0u8..24).map(move |hour| (weekday, hour)))
            .map(|(weekday, hour)| {
                let cell = figures.heatmap[usize::from(weekday)][usize::from(hour)];
                HeatCell {
                    weekday,
                    hour,
                    open_minutes: cell.open_quanta * QUANTUM,
                    booked_minutes: cell.booked_quanta * QUANTUM,
                }
            })
            .collect(),
    }
}

impl Store {
    /// How busy each room of the period was: open, booked and changeover minutes, and the
    /// weekday × hour heatmap of the rooms together.
    pub fn occupancy_report(&self, period: &ReportPeriod) -> Result<OccupancyReport, StoreError> {
        let booked = self.snapshot(|tx| {
            let mut booked = Occupancy::new();
            for room in &period.rooms {
                let room = RoomId::new(room)?;
                masks::load_range(tx, &room, period.from, period.to, &mut booked)?;
            }
            Ok(booked)
        })?;
        occupancy_of(&self.studio, period, &booked)
    }
}
