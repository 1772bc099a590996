//! A studio's desks from the command line (`frontdesk-server desk add|list|revoke`) and the
//! rules the admin routes share with it: a desk's name, and issuing an enrolment code.

use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use frontdesk_protocol::{format_code, normalize_code, EnrolmentCode};
use frontdesk_store::StudioConfig;

use crate::auth::{new_enrolment_code, token_hash};
use crate::storage::{Storage, StorageError, STUDIO_ID};
use crate::{Clock, Database, SystemClock};

/// How long an enrolment code stays valid.
pub const CODE_VALID_FOR: Duration = Duration::minutes(10);

/// A desk's name: 1 to 40 of `a-z`, `0-9`, `-` and `_`, as it appears in logs and lists.
pub fn check_desk_name(name: &str) -> Result<(), String> {
    let ok = (1..=40).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "name: \"{name}\" is not a desk name (1 to 40 of a-z, 0-9, - and _)"
        ))
    }
}

/// Issues a code enrolling `desk` of `studio` (a new desk, or one to re-key).
pub fn issue_code(
    storage: &mut dyn Storage,
    studio: &str,
    desk: &str,
    admin: bool,
    now: DateTime<Utc>,
) -> Result<EnrolmentCode, StorageError> {
    let code = new_enrolment_code();
    let expires_at = now + CODE_VALID_FOR;
    storage.issue_enrolment(studio, desk, admin, &code_hash(&code), expires_at, now)?;
    Ok(EnrolmentCode {
        studio: studio.to_owned(),
        desk: desk.to_owned(),
        admin,
        code: format_code(&code),
        expires_at: expires_at.fixed_offset(),
    })
}

/// The stored hash of a code as typed.
pub fn code_hash(typed: &str) -> String {
    token_hash(&normalize_code(typed))
}

/// Where a desk command finds the studio.
#[derive(Debug)]
pub struct DeskAt {
    pub config: PathBuf,
    pub database: Database,
    pub studio: Option<String>,
}

/// What to do with the desks.
#[derive(Debug)]
pub enum DeskAction {
    Add { name: String, admin: bool },
    List,
    Revoke { name: String },
}

/// Runs a desk command; what it prints goes to stdout (the code, the list), the rest to
/// stderr.
pub fn run((at, action): (DeskAt, DeskAction)) -> Result<(), String> {
    let text = std::fs::read_to_string(&at.config)
        .map_err(|e| format!("cannot read {}: {e}", at.config.display()))?;
    let seed = StudioConfig::parse(&text)
        .map_err(|e| format!("{}: {e}", at.config.display()))?
        .studio;
    let now = SystemClock.now();
    let mut storage = at.database.open_one(seed, now).map_err(|e| e.to_string())?;
    let studio = at.studio.as_deref().unwrap_or(STUDIO_ID);
    match action {
        DeskAction::Add { name, admin } => {
            check_desk_name(&name)?;
            let code = issue_code(storage.as_mut(), studio, &name, admin, now)
                .map_err(|e| e.to_string())?;
            println!("{}", code.code);
            eprintln!(
                "desk \"{name}\" of studio \"{studio}\": type the code above on the desk's \
                 welcome screen (Connect to a server) before {}; it works once. Only its \
                 hash is stored.",
                code.expires_at.to_rfc3339()
            );
        }
        DeskAction::List => {
            let desks = storage.desks(studio, now).map_err(|e| e.to_string())?;
            println!("desk\trole\tenrolled\tlast seen\tapp version");
            for desk in desks {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    desk.name,
                    if desk.admin { "admin" } else { "staff" },
                    if desk.enrolled { "yes" } else { "code issued" },
                    desk.last_seen.map_or("never".into(), |t| t.to_rfc3339()),
                    desk.app_version.as_deref().unwrap_or("-"),
                );
            }
        }
        DeskAction::Revoke { name } => {
            if !storage
                .revoke_desk(studio, &name)
                .map_err(|e| e.to_string())?
            {
                return Err(format!("studio \"{studio}\" has no desk \"{name}\""));
            }
            eprintln!(
                "desk \"{name}\" revoked: its token is refused by every instance within seconds"
            );
        }
    }
    Ok(())
}
