//! The chain's administration (`/v1/chain/…`, a chain administrator's token only): the
//! studios of one server and the desks that reach them.

use serde::{Deserialize, Serialize};

use crate::StudioUpdate;

/// One studio of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChainStudio {
    /// The studio's id: 1 to 40 of `a-z`, `0-9` and `-`.
    pub id: String,
    pub name: String,
    /// IANA timezone name.
    pub timezone: String,
    /// Raised by every change of the studio.
    pub version: i64,
    /// How many rooms it has.
    pub rooms: u32,
}

/// `GET /v1/chain/studios` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChainStudios {
    pub studios: Vec<ChainStudio>,
}

/// `POST /v1/chain/studios` body: a new studio (its `version` is ignored: a new studio is
/// at version 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AddStudioRequest {
    /// 1 to 40 of `a-z`, `0-9` and `-`.
    pub id: String,
    pub studio: StudioUpdate,
}
