//! PINs at rest, and what a desk may hold of them.
//!
//! - **The record** (a server's database, a standalone desk's file): Argon2id with
//!   [`PIN_COST`] — 64 MiB of memory, 3 passes, 1 lane — as a PHC string with its own salt.
//!   One guess costs about a tenth of a second and 64 MiB on a current core; the 10⁶ PINs of
//!   6 digits take more than a day of a core per member (and a GPU gains little on a
//!   memory-hard hash). 4-digit PINs set before the 6-digit rule still sign in until they
//!   are changed, with whatever cost their PHC string names.
//! - **A desk's offline verifier** ([`desk_verifier`]): the server never sends the hash.
//!   Each desk gets, per member, `fdv1$` + the record's PHC string with its hash replaced
//!   by `HMAC-SHA256(K, argon2 output)`, where `K = SHA-256(the desk's token)` (the server
//!   keeps that hash of each token; the desk has its token in the OS's credential store,
//!   never in its SQLite file). To check a PIN offline the desk hashes it with the stored
//!   salt and costs and compares the HMAC ([`verifier_matches`]).
//!
//! What an attacker must do:
//! - with **the desk file alone** (a copied `frontdesk.sqlite`): nothing to search — without
//!   `K` a guess cannot be checked, and `K` is 256 bits from a token that is not in the file;
//! - with **the desk token** (and so `K`, and the verifiers from `GET /v1/studio`): the full
//!   Argon2id search above, per member (over a day of a core for 6 digits); online guesses
//!   at `POST /v1/staff/sessions` are stopped by the server's lockout. Revoking the desk
//!   (its token refused within seconds) ends both;
//! - with **the file and the token** of another desk: that desk's verifiers only, same cost.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Argon2id memory (KiB), passes and lanes of every PIN hashed from now on.
pub const PIN_COST: (u32, u32, u32) = (64 * 1024, 3, 1);

/// What starts a desk's offline verifier (not a PHC string: it cannot be checked alone).
pub const VERIFIER_PREFIX: &str = "fdv1$";

/// Why a PIN could not be hashed (the parameters are constants: only a broken build fails).
#[derive(Debug, thiserror::Error)]
#[error("hashing a PIN: {0}")]
pub struct HashError(String);

fn hasher() -> Result<Argon2<'static>, HashError> {
    let (m, t, p) = PIN_COST;
    let params = Params::new(m, t, p, None).map_err(|e| HashError(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// The PIN's record: Argon2id with [`PIN_COST`], a fresh salt, as a PHC string.
pub fn hash_with_cost(pin: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// Whether `pin` is the one the record `hash` was made from, with the record's own costs
/// (false for a record that cannot be read).
pub fn record_matches(hash: &str, pin: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(pin.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// The key a desk's verifiers are bound to: SHA-256 of its token (hex, as the server keeps
/// it).
pub fn token_key(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn mac(key_hex: &str, hash: &[u8]) -> Option<Hmac<Sha256>> {
    let key = hex::decode(key_hex).ok()?;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).ok()?;
    mac.update(VERIFIER_PREFIX.as_bytes());
    mac.update(hash);
    Some(mac)
}

/// The offline verifier of the record `hash` for the desk whose token hashes to
/// `key_hex` (see the module's notes); `None` for a record that cannot be read.
pub fn desk_verifier(hash: &str, key_hex: &str) -> Option<String> {
    let parsed = PasswordHash::new(hash).ok()?;
    let raw = parsed.hash?;
    let tag = mac(key_hex, raw.as_bytes())?.finalize().into_bytes();
    let bound = PasswordHash {
        hash: Some(Output::new(&tag).ok()?),
        ..parsed
    };
    Some(format!("{VERIFIER_PREFIX}{bound}"))
}

/// Whether `pin` is the one `verifier` was made for, checked with the key of this desk's
/// token (false for anything else, a verifier of another desk included).
pub fn verifier_matches(verifier: &str, key_hex: &str, pin: &str) -> bool {
    let Some(phc) = verifier.strip_prefix(VERIFIER_PREFIX) else {
        return false;
    };
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(tag), Some(salt)) = (parsed.hash, parsed.salt) else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = parsed
        .version
        .and_then(|v| Version::try_from(v).ok())
        .unwrap_or_default();
    let Ok(ours) = Argon2::new(algorithm, version, params).hash_password(pin.as_bytes(), salt)
    else {
        return false;
    };
    let Some(raw) = ours.hash else {
        return false;
    };
    mac(key_hex, raw.as_bytes())
        .map(|m| m.verify_slice(tag.as_bytes()).is_ok())
        .unwrap_or(false)
}

/// Whether `pin` opens `stored`, as a desk keeps it: a verifier from its server (checked
/// with `desk_key`, the key of its token) or its own record (a standalone desk).
pub fn desk_pin_matches(stored: &str, desk_key: Option<&str>, pin: &str) -> bool {
    if stored.starts_with(VERIFIER_PREFIX) {
        desk_key.is_some_and(|key| verifier_matches(stored, key, pin))
    } else {
        record_matches(stored, pin)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_verifier_opens_only_with_its_desks_token_and_carries_no_hash() {
        let record = hash_with_cost("471100").unwrap();
        assert!(
            record.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"),
            "{record}"
        );
        let (ours, theirs) = (token_key("fd_ours"), token_key("fd_theirs"));
        let verifier = desk_verifier(&record, &ours).unwrap();
        assert!(verifier.starts_with("fdv1$$argon2id$"), "{verifier}");
        let tail = |s: &str| s.rsplit('$').next().unwrap().to_owned();
        assert_ne!(
            tail(&verifier),
            tail(&record),
            "the hash itself is not sent"
        );
        assert!(verifier_matches(&verifier, &ours, "471100"));
        assert!(!verifier_matches(&verifier, &ours, "471101"));
        assert!(!verifier_matches(&verifier, &theirs, "471100"));
        assert!(!record_matches(
            verifier.trim_start_matches(VERIFIER_PREFIX),
            "471100"
        ));
        assert!(desk_pin_matches(&verifier, Some(&ours), "471100"));
        assert!(!desk_pin_matches(&verifier, None, "471100"));
        assert!(desk_pin_matches(&record, None, "471100"));
    }

    #[test]
    fn a_four_digit_pin_set_before_keeps_working_with_its_own_costs() {
        // As versions before the 6-digit rule stored it: Argon2's default costs.
        let salt = SaltString::generate(&mut OsRng);
        let old = Argon2::default()
            .hash_password(b"4711", &salt)
            .unwrap()
            .to_string();
        assert!(record_matches(&old, "4711"));
        let key = token_key("fd_ours");
        let verifier = desk_verifier(&old, &key).unwrap();
        assert!(verifier_matches(&verifier, &key, "4711"));
        assert!(!verifier_matches(&verifier, &key, "4712"));
    }
}
