//! Where an export goes and how it is written: the folder (`FRONTDESK_EXPORT_DIR`, else the
//! user's Downloads, else home), a file name after the studio and the period that never
//! replaces an existing file (` (2)`, ` (3)`, … instead), and the CSV itself — UTF-8 with a
//! byte-order mark (so spreadsheets read umlauts right), quoted by the `csv` crate.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::tables::Table;
use super::{ExportError, ExportKind, ExportLanguage};

/// The environment variable naming the export folder (tests, kiosks).
pub const EXPORT_DIR_ENV: &str = "FRONTDESK_EXPORT_DIR";

/// UTF-8's byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many numbered names are tried before giving up.
const MAX_COPIES: u32 = 999;

/// The export folder: `configured` (the environment's, made if missing), else the first of
/// `downloads` and `home` that exists.
pub fn export_dir(
    configured: Option<PathBuf>,
    downloads: Option<PathBuf>,
    home: Option<PathBuf>,
) -> Result<PathBuf, ExportError> {
    if let Some(dir) = configured.filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(&dir).map_err(|e| ExportError::io(&dir, e))?;
        return Ok(dir);
    }
    [downloads, home]
        .into_iter()
        .flatten()
        .find(|d| d.is_dir())
        .ok_or(ExportError::NoFolder)
}

/// The studio's name as ASCII letters, digits and dashes, lower case: umlauts and ß
/// transliterated (ä → ae), other letters without their accents where that is plain, the
/// rest dropped; "studio" when nothing is left.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let piece: &str = match c {
            'ä' | 'Ä' => "ae",
            'ö' | 'Ö' => "oe",
            'ü' | 'Ü' => "ue",
            'ß' => "ss",
            'é' | 'è' | 'ê' | 'É' | 'È' => "e",
            'á' | 'à' | 'â' | 'Á' | 'À' => "a",
            'ó' | 'ò' | 'ô' | 'Ó' => "o",
            'í' | 'ì' | 'î' => "i",
            'ú' | 'ù' | 'û' => "u",
            'ç' => "c",
            'ñ' => "n",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "-",
        };
        out.push_str(piece);
    }
    let parts: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        "studio".to_owned()
    } else {
        parts.join("-")
    }
}

/// `<studio-slug>_<kind>_<from>_<to>.csv`.
pub fn file_name(studio: &str, kind: ExportKind, from: NaiveDate, to: NaiveDate) -> String {
    format!("{}_{}_{from}_{to}.csv", slug(studio), kind.as_str())
}

/// Creates `dir/name`, or `dir/<stem> (2).csv` and so on when that exists: never replaces a
/// file (the name is taken atomically, so two exports at once get two files).
fn create_new(dir: &Path, name: &str) -> Result<(PathBuf, File), ExportError> {
    let stem = name.strip_suffix(".csv").unwrap_or(name);
    for n in 1..=MAX_COPIES {
        let candidate = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem} ({n}).csv"))
        };
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(ExportError::io(&candidate, e)),
        }
    }
    Err(ExportError::TooManyCopies(dir.join(name)))
}

/// Writes `table` as `name` in `dir` (a free name, see [`create_new`]) with the language's
/// separator; the path written and how many rows (without the header). A failed write
/// leaves no half file behind.
pub fn write(
    dir: &Path,
    name: &str,
    table: Table<'_>,
    language: ExportLanguage,
) -> Result<(PathBuf, u64), ExportError> {
    let (path, file) = create_new(dir, name)?;
    match write_to(file, table, language) {
        Ok(rows) => Ok((path, rows)),
        Err(e) => {
            let _ = std::fs::remove_file(&path);
            Err(ExportError::io(&path, e))
        }
    }
}

fn write_to(file: File, table: Table<'_>, language: ExportLanguage) -> std::io::Result<u64> {
    let mut out = BufWriter::new(file);
    out.write_all(BOM)?;
    let mut csv = csv::WriterBuilder::new()
        .delimiter(language.separator())
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    csv.write_record(table.header)?;
    let mut rows = 0;
    for row in table.rows {
        csv.write_record(&row)?;
        rows += 1;
    }
    let out = csv.into_inner().map_err(|e| e.into_error())?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_file_is_named_after_studio_kind_and_period() {
        assert_eq!(
            file_name(
                "Klangraum Studios (demo)",
                ExportKind::Payments,
                d("2027-01-01"),
                d("2027-01-31")
            ),
            "klangraum-studios-demo_payments_2027-01-01_2027-01-31.csv"
        );
        assert_eq!(
            slug("Tonstudio Größenwahn & Söhne"),
            "tonstudio-groessenwahn-soehne"
        );
        assert_eq!(slug("Café Nr. 5"), "cafe-nr-5");
        assert_eq!(slug("音楽"), "studio");
        assert_eq!(slug("../../etc"), "etc");
    }

    #[test]
    fn an_existing_file_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let write_one = |language| {
            let table = Table {
                header: &["a", "b"],
                rows: Box::new(std::iter::once(vec!["1".into(), "x;y".into()])),
            };
            let (path, rows) = write(dir.path(), "s_bookings_x_y.csv", table, language).unwrap();
            assert_eq!(rows, 1);
            path
        };
        let first = write_one(ExportLanguage::De);
        let second = write_one(ExportLanguage::De);
        let third = write_one(ExportLanguage::En);
        assert_eq!(first.file_name().unwrap(), "s_bookings_x_y.csv");
        assert_eq!(second.file_name().unwrap(), "s_bookings_x_y (2).csv");
        assert_eq!(third.file_name().unwrap(), "s_bookings_x_y (3).csv");
        let de = std::fs::read(&first).unwrap();
        assert_eq!(de, b"\xEF\xBB\xBFa;b\r\n1;\"x;y\"\r\n");
        let en = std::fs::read(&third).unwrap();
        assert_eq!(en, b"\xEF\xBB\xBFa,b\r\n1,x;y\r\n");
    }

    #[test]
    fn the_folder_is_the_configured_one_else_downloads_else_home() {
        let dir = tempfile::tempdir().unwrap();
        let configured = dir.path().join("exports");
        assert_eq!(
            export_dir(Some(configured.clone()), None, None).unwrap(),
            configured
        );
        assert!(configured.is_dir());
        let missing = dir.path().join("no-downloads");
        assert_eq!(
            export_dir(None, Some(missing), Some(dir.path().into())).unwrap(),
            dir.path()
        );
        assert!(matches!(
            export_dir(Some(PathBuf::new()), None, None),
            Err(ExportError::NoFolder)
        ));
    }
}
