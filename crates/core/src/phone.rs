//! Phone numbers, parsed once, here: with libphonenumber's data (the `phonenumber` crate)
//! and the studio's country as the default region, a number staff type is kept in E.164
//! (`+491712345678`), the form an SMS gateway needs and the key customers are matched on.
//! A number that does not parse (or parses but is not a valid number) is kept as typed and
//! counts as unparsed: the desk flags it on the customer.
//!
//! The studio's [`Country`] is an ISO 3166-1 alpha-2 code that libphonenumber knows. A
//! studio made before countries existed gets the one of its timezone where the tz
//! database's `zone.tab` names exactly one ([`Country::of_zone`]); otherwise none, and then
//! only numbers typed with `+` (or `00`) and their country code parse.
//!
//! Everything is a function of its inputs; the data are compiled in.

use std::fmt;
use std::str::FromStr;

use phonenumber::country::Id;
use phonenumber::Mode;
use thiserror::Error;

/// The tz database's `zone.tab` (tzdata 2025b, public domain): one country code per
/// timezone. Refresh it by copying the file of a newer tzdata release over it.
const ZONE_TAB: &str = include_str!("phone/zone.tab");

/// A studio's country: the default region of the phone numbers its staff type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country(Id);

/// A country code libphonenumber does not know.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{0}\" is not a country: use a two-letter ISO 3166 code, e.g. DE, AT, GB, US")]
pub struct UnknownCountry(pub String);

impl Country {
    /// The two capital letters, e.g. `DE`.
    pub fn code(&self) -> &str {
        self.0.as_ref()
    }

    /// The country of IANA timezone `zone` when the tz database names exactly one (every
    /// row of `zone.tab` does), and libphonenumber knows it; `None` for zones the table
    /// leaves out (`UTC`, `Etc/…`).
    pub fn of_zone(zone: &str) -> Option<Country> {
        let mut found = ZONE_TAB
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let mut columns = line.split('\t');
                let code = columns.next()?;
                let name = columns.nth(1)?;
                (name == zone).then_some(code)
            });
        let code = found.next()?;
        if found.next().is_some() {
            return None;
        }
        code.parse().ok()
    }
}

impl FromStr for Country {
    type Err = UnknownCountry;

    /// Two letters, either case (`de` is `DE`); surrounding blanks are ignored.
    fn from_str(text: &str) -> Result<Country, UnknownCountry> {
        // The error repeats a few characters of the text, never a whole long one.
        let unknown = || UnknownCountry(text.chars().take(8).collect());
        let code = text.trim().to_ascii_uppercase();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(unknown());
        }
        Id::from_str(&code).map(Country).map_err(|_| unknown())
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A phone number as it is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phone {
    /// Parsed and valid: E.164, e.g. `+491712345678`.
    E164(String),
    /// Did not parse as a valid number: the text as typed (trimmed).
    Unparsed(String),
}

impl Phone {
    /// What is stored.
    pub fn text(&self) -> &str {
        match self {
            Phone::E164(text) | Phone::Unparsed(text) => text,
        }
    }

    pub fn into_text(self) -> String {
        match self {
            Phone::E164(text) | Phone::Unparsed(text) => text,
        }
    }

    pub fn is_parsed(&self) -> bool {
        matches!(self, Phone::E164(_))
    }
}

/// Numbers longer than this are not phone numbers (E.164 allows 15 digits; the rest is
/// room for separators and an extension), and are kept as typed without parsing.
const PARSE_MAX: usize = 64;

/// `typed` as it is kept: E.164 when it parses (with `country` as the region of numbers
/// typed without `+`) to a valid number without an extension, else the text as typed.
/// `None` for a blank text.
pub fn normalize(typed: &str, country: Option<Country>) -> Option<Phone> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    Some(match e164(typed, country) {
        Some(number) => Phone::E164(number),
        None => Phone::Unparsed(typed.to_owned()),
    })
}

fn e164(typed: &str, country: Option<Country>) -> Option<String> {
    if typed.len() > PARSE_MAX {
        return None;
    }
    // A number with its country code is parsed without a region: the crate would strip
    // the studio's national prefix from it otherwise (`+49 171…` in the US lost its `1`).
    // `00` starts a country code in most countries, and no national number anywhere
    // starts with it (Japan dials 010 abroad, but its numbers start with one 0 only).
    let plain = typed.trim_start_matches(|c: char| " (".contains(c));
    let (region, text) = if plain.starts_with('+') {
        (None, typed.to_owned())
    } else if let Some(rest) = plain.strip_prefix("00") {
        (None, format!("+{rest}"))
    } else {
        (country.map(|c| c.0), typed.to_owned())
    };
    let number = phonenumber::parse(region, text).ok()?;
    if number.extension().is_some() || !phonenumber::is_valid(&number) {
        return None;
    }
    Some(number.format().mode(Mode::E164).to_string())
}

/// Whether a stored number is in E.164 (a valid number written exactly so); a stored
/// number that is not was kept as typed.
pub fn is_e164(stored: &str) -> bool {
    stored.starts_with('+') && e164(stored, None).as_deref() == Some(stored)
}

/// The key customers are matched on: the E.164 number itself, or for a number kept as
/// typed its digits (at least three), so the same unparsed text still finds its record.
/// E.164 keys start with `+`, digit keys never do: the two cannot collide.
pub fn key(stored: Option<&str>) -> Option<String> {
    let stored = stored?.trim();
    if is_e164(stored) {
        return Some(stored.to_owned());
    }
    let digits: String = stored.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 3).then_some(digits)
}

/// Whether `text` is a phone number being typed: digits and the usual separators.
pub fn is_phone_like(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || " +-/().".contains(c))
}

/// The digits to look for in the keys while staff type part of a number (`0171 23`,
/// `+49 171`, `0049 171`): its digits without an international (`00`) or national trunk
/// (`0`) prefix, so they are a substring of the E.164 key as of the digits of a number kept
/// as typed. `None` when `text` is not phone-like or has fewer than three digits.
pub fn search_digits(text: &str) -> Option<String> {
    let text = text.trim();
    if !is_phone_like(text) {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let plain = text.trim_start_matches(|c: char| " (".contains(c));
    let significant = if plain.starts_with('+') {
        digits.as_str()
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest
    } else {
        digits.strip_prefix('0').unwrap_or(&digits)
    };
    (significant.len() >= 3).then(|| significant.to_owned())
}

#[cfg(test)]
mod tests;
