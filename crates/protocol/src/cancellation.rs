//! Cancellation terms on the wire: the studio's and its rooms' (in [`crate::StudioInfo`]
//! and [`crate::StudioUpdate`]), checked into the core's terms with errors naming the
//! field. Percentages are whole numbers, amounts integer minor units.

use std::collections::BTreeMap;

use frontdesk_core::cancellation::{CancellationTerms, FeeTier, StudioTerms, TermsError};
use frontdesk_core::deposit::Deposit;
use frontdesk_core::{RoomId, Studio};
use serde::{Deserialize, Serialize};

use crate::studio_convert::{field_error, FieldError};

/// Terms: free until `freeHoursBefore` hours before the start, then the tiers (from the
/// furthest before the start to the nearest), and what a no-show owes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TermsDto {
    /// Cancelling is free until this many (elapsed) hours before the start.
    pub free_hours_before: u32,
    /// `hoursBefore` strictly falling, each at most `freeHoursBefore`.
    #[serde(default)]
    pub tiers: Vec<FeeTierDto>,
    /// Percent of the price a no-show owes (0–100).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    pub no_show_percent: u32,
    /// The deposit a booking asks for, recorded on it when it is made (added with
    /// deposits; left out: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub deposit: Option<DepositDto>,
}

/// A deposit rule: `percent` of the price (1–100) or a fixed `amount` in minor units (more
/// than 0; at most the price is asked) — one of the two.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DepositDto {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub percent: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::whole::opt_u64"
    )]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub amount: Option<u64>,
}

/// From `hoursBefore` hours before the start (that instant included), `percent` % of the
/// price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FeeTierDto {
    pub hours_before: u32,
    #[cfg_attr(feature = "openapi", schema(maximum = 100))]
    pub percent: u32,
}

/// A percentage of the wire as the core's, or an error naming `field`.
fn percent(field: String, value: u32) -> Result<u8, FieldError> {
    match u8::try_from(value) {
        Ok(p) if p <= 100 => Ok(p),
        _ => {
            let e = TermsError::PercentOver100 { field, value };
            Err(field_error(e.field(), &e))
        }
    }
}

fn terms_error(e: TermsError) -> FieldError {
    field_error(e.field(), &e)
}

impl TermsDto {
    pub fn from_core(t: &CancellationTerms) -> TermsDto {
        TermsDto {
            free_hours_before: t.free_hours_before,
            tiers: t
                .tiers
                .iter()
                .map(|t| FeeTierDto {
                    hours_before: t.hours_before,
                    percent: u32::from(t.percent),
                })
                .collect(),
            no_show_percent: u32::from(t.no_show_percent),
            deposit: t.deposit.map(|d| match d {
                Deposit::Percent(p) => DepositDto {
                    percent: Some(u32::from(p)),
                    amount: None,
                },
                Deposit::Amount(a) => DepositDto {
                    percent: None,
                    amount: Some(a),
                },
            }),
        }
    }

    /// The core's terms, checked; errors name `PREFIX.tiers[i].hoursBefore` and the like.
    pub fn to_core(&self, prefix: &str) -> Result<CancellationTerms, FieldError> {
        let tiers = self
            .tiers
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Ok(FeeTier {
                    hours_before: t.hours_before,
                    percent: percent(format!("{prefix}.tiers[{i}].percent"), t.percent)?,
                })
            })
            .collect::<Result<Vec<_>, FieldError>>()?;
        let terms = CancellationTerms {
            free_hours_before: self.free_hours_before,
            tiers,
            no_show_percent: percent(format!("{prefix}.noShowPercent"), self.no_show_percent)?,
            deposit: self
                .deposit
                .map(|d| Deposit::new(d.percent, d.amount, &format!("{prefix}.deposit")))
                .transpose()
                .map_err(|e| field_error(e.field(), &e))?,
        };
        terms.validate(prefix).map_err(terms_error)?;
        Ok(terms)
    }
}

/// The wire fields of a studio's terms: the studio's (`None`: none, nothing is ever owed)
/// and the rooms' own.
pub fn terms_dto(studio: &Studio) -> (Option<TermsDto>, BTreeMap<String, TermsDto>) {
    let terms = &studio.cancellation;
    let own =
        (terms.studio != CancellationTerms::default()).then(|| TermsDto::from_core(&terms.studio));
    let rooms = terms
        .rooms
        .iter()
        .map(|(id, t)| (id.to_string(), TermsDto::from_core(t)))
        .collect();
    (own, rooms)
}

/// `studio` under the terms of the wire fields `cancellationTerms` and `roomTerms`.
pub fn with_terms(
    studio: Studio,
    own: Option<&TermsDto>,
    rooms: &BTreeMap<String, TermsDto>,
) -> Result<Studio, FieldError> {
    let studio_terms = own
        .map(|t| t.to_core("cancellationTerms"))
        .transpose()?
        .unwrap_or_default();
    let mut by_room = BTreeMap::new();
    for (id, t) in rooms {
        let field = format!("roomTerms.{id}");
        let room = RoomId::new(id).map_err(|e| field_error(&field, e))?;
        by_room.insert(room, t.to_core(&field)?);
    }
    studio
        .with_cancellation(StudioTerms {
            studio: studio_terms,
            rooms: by_room,
        })
        .map_err(terms_error)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn studio() -> Studio {
        let room = frontdesk_core::Room {
            id: RoomId::new("live").unwrap(),
            name: "Live".into(),
            durations: vec![60],
            interval: 60,
            pricing: Default::default(),
            colour: None,
            changeover: 0,
        };
        Studio::new(
            "S",
            "Europe/Berlin",
            frontdesk_core::OpeningHours::always(),
            vec![room],
            10,
        )
        .unwrap()
    }

    fn dto(json: &str) -> TermsDto {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn terms_cross_the_wire_and_back() {
        let own = dto(
            r#"{"freeHoursBefore":48,"tiers":[{"hoursBefore":48,"percent":25},{"hoursBefore":24,"percent":50}],"noShowPercent":100}"#,
        );
        let room = dto(r#"{"freeHoursBefore":0,"noShowPercent":50}"#);
        let rooms = BTreeMap::from([("live".to_owned(), room.clone())]);
        let s = with_terms(studio(), Some(&own), &rooms).unwrap();
        assert_eq!(terms_dto(&s), (Some(own), rooms));
        // No terms: nothing on the wire, as before terms existed.
        assert_eq!(terms_dto(&studio()), (None, BTreeMap::new()));
    }

    #[test]
    fn bad_terms_name_the_wire_field() {
        let err = |own: &str, rooms: &[(&str, &str)]| {
            let rooms = rooms
                .iter()
                .map(|(id, t)| ((*id).to_owned(), dto(t)))
                .collect();
            with_terms(studio(), Some(&dto(own)), &rooms)
                .unwrap_err()
                .field
        };
        let unordered = r#"{"freeHoursBefore":48,"tiers":[{"hoursBefore":24,"percent":25},{"hoursBefore":24,"percent":50}]}"#;
        assert_eq!(
            err(unordered, &[]),
            "cancellationTerms.tiers[1].hoursBefore"
        );
        let over = r#"{"freeHoursBefore":48,"tiers":[{"hoursBefore":24,"percent":300}]}"#;
        assert_eq!(err(over, &[]), "cancellationTerms.tiers[0].percent");
        let no_show = r#"{"freeHoursBefore":0,"noShowPercent":101}"#;
        assert_eq!(err(no_show, &[]), "cancellationTerms.noShowPercent");
        let fine = r#"{"freeHoursBefore":0}"#;
        assert_eq!(err(fine, &[("nope", fine)]), "roomTerms.nope");
        assert_eq!(
            err(fine, &[("live", no_show)]),
            "roomTerms.live.noShowPercent"
        );
        // A fraction of a percent or of an hour is not a number these fields take.
        let fraction =
            serde_json::from_str::<TermsDto>(r#"{"freeHoursBefore":0,"noShowPercent":12.5}"#);
        assert!(fraction.unwrap_err().to_string().contains("12.5"));
    }
}
