//! `frontdesk-server backup` and `restore` for a server on a SQLite file: the operator's
//! words around the store's backups (`frontdesk_store::backup`). A backup may be taken while
//! the server runs; a restore only while it is stopped. PostgreSQL is backed up with its own
//! tools: `deploy/pg-backup.sh` and docs/server.md ("Backups").

use std::path::Path;

/// Backs up the server file `db` into the new file `to`; what it holds, in a sentence.
pub fn backup(db: &Path, to: &Path) -> Result<String, String> {
    let summary = frontdesk_store::backup::backup_file(db, to).map_err(|e| e.to_string())?;
    Ok(format!(
        "backed up {} into {}: {summary}; checked (integrity, schema, studio). \
         Keep it somewhere other than this disk.",
        db.display(),
        to.display()
    ))
}

/// Restores the backup `from` as the server file `db` (the server must be stopped).
pub fn restore(from: &Path, db: &Path) -> Result<String, String> {
    let (summary, kept) = frontdesk_store::backup::restore(from, db).map_err(|e| e.to_string())?;
    let kept = match kept {
        Some(kept) => format!(" The file it replaced is kept as {}.", kept.display()),
        None => String::new(),
    };
    Ok(format!(
        "restored {} as {}: {summary}.{kept}\nNext: start the server on it. Desks pull what \
         changed since and send what they hold that the server no longer has; bookings made \
         after the backup and not on any desk are gone (they are in the kept file).",
        from.display(),
        db.display()
    ))
}
