use proptest::prelude::*;

use super::*;

fn country(code: &str) -> Option<Country> {
    Some(code.parse().unwrap())
}

fn kept(typed: &str, region: Option<Country>) -> Phone {
    normalize(typed, region).unwrap()
}

#[test]
fn numbers_typed_every_usual_way_are_one_e164_number() {
    let de = country("DE");
    for typed in [
        "0171 2345678",
        "+49 171 2345678",
        "0049 171 2345678",
        "+49 (0)171 234 56 78",
        "0171/2345678",
        "0171-234 5678",
        "  +491712345678 ",
    ] {
        assert_eq!(
            kept(typed, de),
            Phone::E164("+491712345678".into()),
            "{typed}"
        );
    }
}

#[test]
fn the_studios_country_decides_numbers_typed_without_a_country_code() {
    // (typed, studio country, kept)
    let table: &[(&str, Option<&str>, Phone)] = &[
        (
            "0664 1234567",
            Some("AT"),
            Phone::E164("+436641234567".into()),
        ),
        (
            "020 7946 0958",
            Some("GB"),
            Phone::E164("+442079460958".into()),
        ),
        (
            "(212) 736-5000",
            Some("US"),
            Phone::E164("+12127365000".into()),
        ),
        (
            "06 12 34 56 78",
            Some("FR"),
            Phone::E164("+33612345678".into()),
        ),
        // The same digits mean another number (or none) in another country.
        (
            "0171 2345678",
            Some("GB"),
            Phone::Unparsed("0171 2345678".into()),
        ),
        // A number with its country code parses whatever the studio's country.
        (
            "+49 171 2345678",
            Some("US"),
            Phone::E164("+491712345678".into()),
        ),
        (
            "+43 664 1234567",
            Some("DE"),
            Phone::E164("+436641234567".into()),
        ),
        // No country: only numbers with a country code parse.
        ("0171 2345678", None, Phone::Unparsed("0171 2345678".into())),
        ("+49 171 2345678", None, Phone::E164("+491712345678".into())),
    ];
    for (typed, region, expected) in table {
        let region = region.map(|c| c.parse().unwrap());
        assert_eq!(&kept(typed, region), expected, "{typed} in {region:?}");
    }
}

#[test]
fn what_is_not_a_valid_number_is_kept_as_typed() {
    let de = country("DE");
    for typed in [
        "call the reception",
        "12",
        "0000",
        "+999 123456",
        "0171 2345678 ext. 12",
        "+49 171 2345678 99 99 99 99",
        "ab+49 171 2345678 cd ef gh ij kl mn op qr st uv wx yz and then much more text",
    ] {
        assert_eq!(
            kept(typed, de),
            Phone::Unparsed(typed.trim().into()),
            "{typed}"
        );
    }
    assert_eq!(normalize("   ", de), None);
}

#[test]
fn a_key_is_the_e164_number_or_the_digits_typed() {
    assert_eq!(key(Some("+491712345678")).as_deref(), Some("+491712345678"));
    assert_eq!(key(Some("0171 2345678")).as_deref(), Some("01712345678"));
    assert_eq!(key(Some("call me")), None);
    assert_eq!(key(Some("12")), None);
    assert_eq!(key(None), None);
    assert!(is_e164("+491712345678"));
    assert!(!is_e164("+49 171 2345678"));
    assert!(!is_e164("01712345678"));
}

#[test]
fn part_of_a_number_finds_its_key_however_it_is_typed() {
    let key = "+491712345678";
    for typed in ["0171 23", "+49 171", "0049 1712", "171 234", "(0171) 2345"] {
        let digits = search_digits(typed).unwrap();
        assert!(key.contains(&digits), "{typed} -> {digits}");
    }
    assert_eq!(search_digits("01"), None);
    assert_eq!(search_digits("Ada"), None);
    assert_eq!(search_digits("0171 23").as_deref(), Some("17123"));
}

#[test]
fn countries_are_known_codes_and_come_from_unambiguous_zones() {
    assert_eq!(country("de"), country("DE"));
    assert_eq!(country("DE").unwrap().to_string(), "DE");
    for bad in ["", "D", "DEU", "XX", "d3", "ÄÖ"] {
        assert_eq!(
            bad.parse::<Country>(),
            Err(UnknownCountry(bad.into())),
            "{bad}"
        );
    }
    let table = [
        ("Europe/Berlin", Some("DE")),
        ("Europe/Oslo", Some("NO")),
        ("Europe/Vienna", Some("AT")),
        ("Europe/London", Some("GB")),
        ("America/New_York", Some("US")),
        ("Asia/Tokyo", Some("JP")),
        ("UTC", None),
        ("Etc/GMT+1", None),
        ("Mars/Olympus", None),
    ];
    for (zone, code) in table {
        assert_eq!(
            Country::of_zone(zone).map(|c| c.to_string()).as_deref(),
            code,
            "{zone}"
        );
    }
}

#[test]
fn every_zone_of_the_table_names_one_country_that_numbers_know_or_a_place_without_them() {
    // Each zone appears once; the countries libphonenumber has no numbers for are
    // Antarctica and uninhabited islands.
    let rows: Vec<(&str, &str)> = ZONE_TAB
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|row| {
            let mut columns = row.split('\t');
            Some((columns.next()?, columns.nth(1)?))
        })
        .collect();
    assert!(rows.len() > 400, "{}", rows.len());
    let mut without: Vec<&str> = rows
        .iter()
        .filter(|(_, zone)| Country::of_zone(zone).is_none())
        .map(|(code, _)| *code)
        .collect();
    without.dedup();
    assert_eq!(without, ["AQ", "GS", "PN", "TF", "UM"]);
}

proptest! {
    /// Whatever is typed, parsing never panics, and what is kept is kept again unchanged:
    /// an E.164 number stays itself whatever the studio's country, a text kept as typed
    /// stays as typed.
    #[test]
    fn whatever_is_typed_is_kept_stably(typed in "\\PC{0,40}", code in "(DE|AT|GB|US|FR|JP)") {
        let region = Some(code.parse::<Country>().unwrap());
        if let Some(phone) = normalize(&typed, region) {
            let again = normalize(phone.text(), region).unwrap();
            prop_assert_eq!(&again, &phone);
            if phone.is_parsed() {
                prop_assert!(is_e164(phone.text()));
                prop_assert_eq!(normalize(phone.text(), None).unwrap(), phone.clone());
                prop_assert_eq!(key(Some(phone.text())), Some(phone.text().to_owned()));
            }
        }
    }

    /// Digits and separators in every shape: a number that parses is the same number
    /// typed with its country code.
    #[test]
    fn a_national_number_and_its_international_form_are_one(
        digits in "[1-9][0-9]{6,11}",
        code in "(DE|AT|GB|US|FR|JP|IT|ES|NL|CH)",
    ) {
        let region: Country = code.parse().unwrap();
        let national = format!("0{digits}");
        if let Some(Phone::E164(e164)) = normalize(&national, Some(region)) {
            let spaced: String = e164.chars().flat_map(|c| [c, ' ']).collect();
            prop_assert_eq!(normalize(&spaced, None), Some(Phone::E164(e164.clone())));
            prop_assert_eq!(normalize(&e164.replacen('+', "00", 1), Some(region)), Some(Phone::E164(e164)));
        }
    }
}
