//! A customer's manage link, `/book/manage/{token}`: the booking it opens and until when,
//! signed with the studio's key (HMAC-SHA-256, kept in the database so every instance
//! checks alike). Unguessable without the key, and any change to the studio, booking or
//! expiry breaks the signature. The token is `{studio}.{hex}`: a studio id is a-z, 0-9 and
//! `-`, so the dot parts them.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use frontdesk_store::online_booking::LINK_KEY_LEN;
use frontdesk_store::BookingRecord;

type HmacSha256 = Hmac<Sha256>;

/// How long a manage link opens its booking after the booking's end.
pub const LINK_DAYS_AFTER: i64 = 30;

/// Bytes of the signature kept in the token (128 bits).
const MAC_LEN: usize = 16;

/// What a manage link opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManageLink {
    pub studio: String,
    pub booking: Uuid,
    /// The link opens nothing after this (seconds: the token keeps whole seconds).
    pub expires: DateTime<Utc>,
}

/// A new studio key for manage links (kept by the first caller: `link_key(fresh)`).
pub fn fresh_key() -> [u8; LINK_KEY_LEN] {
    let mut fresh = [0u8; LINK_KEY_LEN];
    fresh[..16].copy_from_slice(Uuid::new_v4().as_bytes());
    fresh[16..].copy_from_slice(Uuid::new_v4().as_bytes());
    fresh
}

fn mac(key: &[u8; LINK_KEY_LEN], studio: &str, body: &[u8]) -> HmacSha256 {
    // A key of any length is taken: this cannot fail for 32 bytes.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(studio.as_bytes());
    mac.update(b"\0");
    mac.update(body);
    mac
}

impl ManageLink {
    /// The link of `record` in `studio`: it opens until [`LINK_DAYS_AFTER`] days after the
    /// booking's end (the page's answer and the customer's e-mails give the same one).
    pub fn for_booking(studio: &str, record: &BookingRecord) -> ManageLink {
        ManageLink {
            studio: studio.to_owned(),
            booking: record.id,
            expires: record.span.end() + chrono::Duration::days(LINK_DAYS_AFTER),
        }
    }

    /// The page's path of the link, signed with `key`: `/book/manage/{token}`.
    pub fn path(&self, key: &[u8; LINK_KEY_LEN]) -> String {
        format!("/book/manage/{}", self.sign(key))
    }

    /// The link's token, signed with the studio's key.
    pub fn sign(&self, key: &[u8; LINK_KEY_LEN]) -> String {
        let mut body = Vec::with_capacity(24 + MAC_LEN);
        body.extend_from_slice(self.booking.as_bytes());
        body.extend_from_slice(&self.expires.timestamp().to_be_bytes());
        let signature = mac(key, &self.studio, &body).finalize().into_bytes();
        body.extend_from_slice(&signature[..MAC_LEN]);
        format!("{}.{}", self.studio, hex::encode(body))
    }

    /// The studio a token names, before its key is known (`None`: not a token at all).
    pub fn studio_of(token: &str) -> Option<&str> {
        token.split_once('.').map(|(studio, _)| studio)
    }

    /// The link a token opens, if `key` signed it and it has not expired at `now`.
    pub fn open(token: &str, key: &[u8; LINK_KEY_LEN], now: DateTime<Utc>) -> Option<ManageLink> {
        let (studio, hex_body) = token.split_once('.')?;
        let body = hex::decode(hex_body).ok()?;
        if body.len() != 24 + MAC_LEN {
            return None;
        }
        let (signed, signature) = body.split_at(24);
        mac(key, studio, signed)
            .verify_truncated_left(signature)
            .ok()?;
        let booking = Uuid::from_slice(&signed[..16]).ok()?;
        let seconds = i64::from_be_bytes(signed[16..24].try_into().ok()?);
        let expires = DateTime::from_timestamp(seconds, 0)?;
        (now < expires).then(|| ManageLink {
            studio: studio.to_owned(),
            booking,
            expires,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::Duration;

    fn link() -> ManageLink {
        ManageLink {
            studio: "nord".into(),
            booking: Uuid::from_u128(0x1234_5678_9abc_4def_8123_4567_89ab_cdef),
            expires: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
        }
    }

    #[test]
    fn a_signed_link_opens_until_it_expires() {
        let key = [3; LINK_KEY_LEN];
        let token = link().sign(&key);
        assert!(token.starts_with("nord."));
        assert_eq!(ManageLink::studio_of(&token), Some("nord"));
        let before = link().expires - Duration::seconds(1);
        assert_eq!(ManageLink::open(&token, &key, before), Some(link()));
        assert_eq!(ManageLink::open(&token, &key, link().expires), None);
    }

    #[test]
    fn a_tampered_token_or_another_key_opens_nothing() {
        let key = [3; LINK_KEY_LEN];
        let token = link().sign(&key);
        let now = link().expires - Duration::days(1);
        assert_eq!(ManageLink::open(&token, &[4; LINK_KEY_LEN], now), None);
        // Every single hex digit changed, one at a time, is refused.
        let (studio, body) = token.split_once('.').unwrap();
        for i in 0..body.len() {
            let mut chars: Vec<char> = body.chars().collect();
            chars[i] = if chars[i] == '0' { '1' } else { '0' };
            let tampered = format!("{studio}.{}", chars.iter().collect::<String>());
            assert_eq!(ManageLink::open(&tampered, &key, now), None, "digit {i}");
        }
        // The same body under another studio's name.
        assert_eq!(ManageLink::open(&format!("sued.{body}"), &key, now), None);
        for junk in ["", "nord", "nord.", "nord.zz", &token[..token.len() - 2]] {
            assert_eq!(ManageLink::open(junk, &key, now), None, "{junk}");
        }
    }
}
