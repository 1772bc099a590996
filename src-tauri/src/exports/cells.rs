//! One CSV cell from one value, in the chosen language: amounts in major units with the
//! currency's decimals (`.` or `,`), instants as the studio's local `YYYY-MM-DD HH:MM`,
//! yes/no words, and text guarded against spreadsheet formulas.

use chrono::{DateTime, TimeZone};
use chrono_tz::Tz;

use super::ExportLanguage;

/// The longest cell a spreadsheet keeps (Excel's limit, in characters): longer text is cut.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Characters that make a spreadsheet read a cell as a formula (and the control characters
/// some read so too): a text cell starting with one gets a leading `'`.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Digits after the decimal point of an ISO 4217 currency's minor unit (2 unless listed).
pub fn minor_digits(currency: &str) -> u32 {
    const NONE: [&str; 17] = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
        "VUV", "XAF", "XOF", "XPF",
    ];
    const THREE: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    if NONE.contains(&currency) {
        0
    } else if THREE.contains(&currency) {
        3
    } else {
        2
    }
}

/// Text written as it was entered, except that a leading formula character is defused
/// and an overlong text is cut to [`MAX_CELL_CHARS`].
pub fn text(value: &str) -> String {
    let capped: String = value.chars().take(MAX_CELL_CHARS - 1).collect();
    if capped.starts_with(FORMULA_STARTS) {
        format!("'{capped}")
    } else {
        capped
    }
}

/// An optional text: empty when absent.
pub fn opt_text(value: Option<&str>) -> String {
    value.map(text).unwrap_or_default()
}

/// `minor` units of a currency with `digits` decimals, in major units: `-1234` → `-12.34`
/// (English) or `-12,34` (German). No thousands separator, so spreadsheets read a number.
pub fn amount(minor: i64, digits: u32, language: ExportLanguage) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u64.pow(digits);
    let point = match language {
        ExportLanguage::En => '.',
        ExportLanguage::De => ',',
    };
    format!(
        "{sign}{}{point}{:0width$}",
        abs / scale,
        abs % scale,
        width = digits as usize
    )
}

/// An unsigned amount (prices, what was paid).
pub fn unsigned_amount(minor: u64, digits: u32, language: ExportLanguage) -> String {
    amount(i64::try_from(minor).unwrap_or(i64::MAX), digits, language)
}

/// An instant as the studio's local date and time, `YYYY-MM-DD HH:MM`.
pub fn local_time<Z: TimeZone>(at: &DateTime<Z>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// An instant's local date, `YYYY-MM-DD`.
pub fn local_date<Z: TimeZone>(at: &DateTime<Z>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d").to_string()
}

/// Yes or no in the language.
pub fn yes_no(value: bool, language: ExportLanguage) -> String {
    let word = match (language, value) {
        (ExportLanguage::En, true) => "yes",
        (ExportLanguage::En, false) => "no",
        (ExportLanguage::De, true) => "ja",
        (ExportLanguage::De, false) => "nein",
    };
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_use_the_currencys_decimals_and_the_languages_point() {
        assert_eq!(amount(4000, 2, ExportLanguage::En), "40.00");
        assert_eq!(amount(4005, 2, ExportLanguage::De), "40,05");
        assert_eq!(amount(-1000, 2, ExportLanguage::De), "-10,00");
        assert_eq!(amount(-5, 2, ExportLanguage::En), "-0.05");
        assert_eq!(amount(0, 2, ExportLanguage::En), "0.00");
        assert_eq!(amount(1500, 0, ExportLanguage::De), "1500");
        assert_eq!(amount(1234, 3, ExportLanguage::En), "1.234");
        assert_eq!(
            amount(i64::MIN, 2, ExportLanguage::En),
            "-92233720368547758.08"
        );
        assert_eq!(minor_digits("EUR"), 2);
        assert_eq!(minor_digits("JPY"), 0);
        assert_eq!(minor_digits("KWD"), 3);
    }

    #[test]
    fn a_text_that_a_spreadsheet_would_run_is_defused() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("+49 30 5550199"), "'+49 30 5550199");
        assert_eq!(text("-2"), "'-2");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("\tx"), "'\tx");
        assert_eq!(text("Jörg = Chef"), "Jörg = Chef");
        assert_eq!(opt_text(None), "");
        let long = "a".repeat(MAX_CELL_CHARS + 10);
        assert_eq!(text(&long).chars().count(), MAX_CELL_CHARS - 1);
    }

    #[test]
    fn instants_are_the_studios_local_time() {
        let at: DateTime<chrono::Utc> = "2026-03-29T01:30:00Z".parse().unwrap();
        let berlin = chrono_tz::Europe::Berlin;
        // The night clocks go forward: 01:30 UTC is 03:30 summer time.
        assert_eq!(local_time(&at, berlin), "2026-03-29 03:30");
        let late: DateTime<chrono::Utc> = "2026-01-31T23:30:00Z".parse().unwrap();
        assert_eq!(local_date(&late, berlin), "2026-02-01");
        assert_eq!(yes_no(true, ExportLanguage::De), "ja");
    }
}
