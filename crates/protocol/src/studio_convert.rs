//! The studio between the wire and the core: what `GET /v1/studio` answers, and a
//! `PUT /v1/studio` body checked into a core studio with errors that name the field.

use chrono::Weekday;
use frontdesk_core::calendar::WEEK;
use frontdesk_core::phone::Country;
use frontdesk_core::{
    OpeningHours, PeakRate, Pricing, Room, RoomId, Studio, StudioError, TimeRange,
};
use thiserror::Error;

use crate::{HoursDto, PeakRateDto, RangeDto, RoomInfo, StudioInfo, StudioUpdate};

/// A request that cannot be: which field, and why.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    /// Where, e.g. `rooms[1].durations` or `hours.weekly.mon`.
    pub field: String,
    pub message: String,
}

pub(crate) fn field_error(field: impl Into<String>, message: impl ToString) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.to_string(),
    }
}

const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn key(day: Weekday) -> &'static str {
    WEEKDAY_KEYS[day.num_days_from_monday() as usize]
}

fn ranges_dto(ranges: &[TimeRange]) -> Vec<RangeDto> {
    TimeRange::pairs(ranges)
}

impl HoursDto {
    pub fn from_hours(hours: &OpeningHours) -> HoursDto {
        HoursDto {
            weekly: WEEK
                .iter()
                .map(|d| (key(*d).to_owned(), ranges_dto(hours.on(*d))))
                .collect(),
            dates: hours
                .exceptions()
                .map(|(date, ranges)| (date, ranges_dto(ranges)))
                .collect(),
        }
    }

    /// The opening hours these say; errors name `hours.weekly.mon` or `hours.dates.D`.
    pub fn to_hours(&self) -> Result<OpeningHours, FieldError> {
        let mut hours = OpeningHours::closed();
        for (name, ranges) in &self.weekly {
            let field = format!("hours.weekly.{name}");
            let day = WEEK
                .iter()
                .find(|d| key(**d) == name)
                .ok_or_else(|| field_error(&field, "not a weekday: use mon, tue, … sun"))?;
            let pairs: Vec<(&str, &str)> = ranges
                .iter()
                .map(|[a, b]| (a.as_str(), b.as_str()))
                .collect();
            hours
                .set_weekday(*day, &pairs)
                .map_err(|e| field_error(&field, e))?;
        }
        for (date, ranges) in &self.dates {
            let pairs: Vec<(&str, &str)> = ranges
                .iter()
                .map(|[a, b]| (a.as_str(), b.as_str()))
                .collect();
            hours
                .set_date(*date, &pairs)
                .map_err(|e| field_error(format!("hours.dates.{date}"), e))?;
        }
        Ok(hours)
    }
}

impl StudioInfo {
    /// The wire view of a studio at `version` (what `GET /v1/studio` answers).
    pub fn from_studio(studio: &Studio, version: i64) -> StudioInfo {
        let (cancellation_terms, room_terms) = crate::cancellation::terms_dto(studio);
        StudioInfo {
            name: studio.name.clone(),
            timezone: studio.calendar.timezone().name().to_owned(),
            quantum_minutes: frontdesk_core::QUANTUM_MINUTES as u32,
            hold_ttl_seconds: studio.hold_ttl.num_seconds().unsigned_abs(),
            rooms: studio
                .rooms
                .iter()
                .map(|r| RoomInfo {
                    id: r.id.to_string(),
                    name: r.name.clone(),
                    durations: r.durations.clone(),
                    interval: r.interval,
                    price_per_hour: r.pricing.per_hour,
                    peaks: r.pricing.peaks.iter().map(PeakRateDto::from_core).collect(),
                    colour: r.colour.clone(),
                    changeover: r.changeover,
                })
                .collect(),
            hours: Some(HoursDto::from_hours(studio.calendar.hours())),
            version,
            currency: studio.currency.clone(),
            no_show_grace_minutes: studio.no_show_grace_minutes,
            country: studio.country.map(|c| c.to_string()),
            staff: Vec::new(),
            cancellation_terms,
            room_terms,
        }
    }

    /// The studio these settings describe (a desk adopting its server's studio). A v1
    /// answer without hours cannot be adopted.
    pub fn to_studio(&self) -> Result<Studio, FieldError> {
        let hours = self
            .hours
            .as_ref()
            .ok_or_else(|| field_error("hours", "the server sent no opening hours"))?;
        build(
            &self.name,
            &self.timezone,
            self.hold_ttl_seconds,
            &self.rooms,
            hours,
        )?
        .with_currency(&self.currency)
        .map_err(|e| field_error("currency", e))?
        .with_no_show_grace(self.no_show_grace_minutes)
        .map_err(|e| field_error("noShowGraceMinutes", e))
        .and_then(|studio| Ok(studio.with_country(country(self.country.as_deref())?)))
        .and_then(|studio| {
            crate::cancellation::with_terms(
                studio,
                self.cancellation_terms.as_ref(),
                &self.room_terms,
            )
        })
    }
}

/// The country a studio's `country` field names (`None` for none or `""`), or an error
/// naming the field.
fn country(code: Option<&str>) -> Result<Option<Country>, FieldError> {
    code.filter(|c| !c.trim().is_empty())
        .map(str::parse)
        .transpose()
        .map_err(|e| field_error("country", e))
}

impl StudioUpdate {
    /// The studio this body asks for, checked. Without a `country` (an older desk), the
    /// studio's is the one its timezone names, if any.
    pub fn to_studio(&self) -> Result<Studio, FieldError> {
        let country = match self.country.as_deref() {
            None => Country::of_zone(&self.timezone),
            given => country(given)?,
        };
        build(
            &self.name,
            &self.timezone,
            self.hold_ttl_seconds,
            &self.rooms,
            &self.hours,
        )?
        .with_currency(&self.currency)
        .map_err(|e| field_error("currency", e))?
        .with_no_show_grace(self.no_show_grace_minutes)
        .map_err(|e| field_error("noShowGraceMinutes", e))
        .map(|studio| studio.with_country(country))
        .and_then(|studio| {
            crate::cancellation::with_terms(
                studio,
                self.cancellation_terms.as_ref(),
                &self.room_terms,
            )
        })
    }
}

fn build(
    name: &str,
    timezone: &str,
    ttl: u64,
    rooms: &[RoomInfo],
    hours: &HoursDto,
) -> Result<Studio, FieldError> {
    let hours = hours.to_hours()?;
    let mut checked = Vec::with_capacity(rooms.len());
    for (i, r) in rooms.iter().enumerate() {
        let id = RoomId::new(&r.id).map_err(|e| field_error(format!("rooms[{i}].id"), e))?;
        checked.push(Room {
            id,
            name: r.name.clone(),
            durations: r.durations.clone(),
            interval: r.interval,
            pricing: pricing(i, r)?,
            colour: r.colour.clone(),
            changeover: r.changeover,
        });
    }
    Studio::new(name, timezone, hours, checked, ttl).map_err(|e| {
        let field = match &e {
            StudioError::EmptyName => "name".to_owned(),
            StudioError::UnknownTimezone(_) => "timezone".to_owned(),
            StudioError::BadCurrency(_) => "currency".to_owned(),
            StudioError::BadHoldTtl(_) => "holdTtlSeconds".to_owned(),
            StudioError::BadDuration { room, .. } => room_field(rooms, room, "durations"),
            StudioError::BadInterval { room, .. } => room_field(rooms, room, "interval"),
            StudioError::BadColour { room, .. } => room_field(rooms, room, "colour"),
            StudioError::BadChangeover { room, .. } => room_field(rooms, room, "changeover"),
            StudioError::IncompleteRoom { room } => room_field(rooms, room, "name"),
            StudioError::DuplicateRoom(room) | StudioError::BadRoomId(room) => {
                room_field(rooms, room, "id")
            }
            StudioError::UnknownRoom(_) => "rooms".to_owned(),
            StudioError::BadGrace(_) => "noShowGraceMinutes".to_owned(),
        };
        field_error(field, e)
    })
}

/// The prices of room `i`.
fn pricing(i: usize, r: &RoomInfo) -> Result<Pricing, FieldError> {
    let peaks = r
        .peaks
        .iter()
        .enumerate()
        .map(|(k, p)| p.to_core(&format!("rooms[{i}].peaks[{k}]")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Pricing {
        per_hour: r.price_per_hour,
        peaks,
    })
}

impl PeakRateDto {
    pub fn from_core(p: &PeakRate) -> PeakRateDto {
        let (from, to) = p.window.to_hhmm();
        PeakRateDto {
            days: p.weekdays.iter().map(|d| key(*d).to_owned()).collect(),
            from,
            to,
            price_per_hour: p.per_hour,
        }
    }

    /// The peak rate these say; errors name `FIELD.days` or `FIELD.from`.
    pub fn to_core(&self, field: &str) -> Result<PeakRate, FieldError> {
        let weekdays = self
            .days
            .iter()
            .map(|d| {
                WEEK.iter().copied().find(|w| key(*w) == d).ok_or_else(|| {
                    field_error(
                        format!("{field}.days"),
                        format!("\"{d}\" is not a weekday (mon … sun)"),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let window = TimeRange::parse(&self.from, &self.to)
            .map_err(|e| field_error(format!("{field}.from"), e))?;
        Ok(PeakRate {
            weekdays,
            window,
            per_hour: self.price_per_hour,
        })
    }
}

/// `rooms[i].FIELD` of the last room with this id.
fn room_field(rooms: &[RoomInfo], id: &str, field: &str) -> String {
    match rooms.iter().rposition(|r| r.id == id) {
        Some(i) => format!("rooms[{i}].{field}"),
        None => "rooms".to_owned(),
    }
}

#[cfg(test)]
mod tests;
