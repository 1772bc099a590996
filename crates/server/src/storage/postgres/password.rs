//! The password of a PostgreSQL connection whose URL has none, found where libpq finds it,
//! so that it need not stand in the URL (which `ps` shows when it is on the command line):
//!
//! 1. the URL's own password, if it has one;
//! 2. else the environment's `PGPASSWORD`;
//! 3. else the first matching line of a password file in libpq's format
//!    (`host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped):
//!    the URL's `passfile=/path` option, else `PGPASSFILE`, else `~/.pgpass`.
//!
//! Unlike libpq, a password file that was named (by `passfile` or `PGPASSFILE`) but cannot be
//! read, or that others may read (mode not within `0600`), is an error naming the file rather
//! than silently passed over: the operator learns why no password was sent. A missing
//! `~/.pgpass` is simply not used. No message ever holds the password itself.

use std::path::{Path, PathBuf};

use postgres::config::Host;
use postgres::Config;

use super::connect_error::PgConnectError;

/// Where a password may come from, read once from the process's environment
/// ([`Sources::from_env`]) or given by a test.
#[derive(Debug, Clone, Default)]
pub(super) struct Sources {
    /// `PGPASSWORD`.
    pub password: Option<String>,
    /// `PGPASSFILE`.
    pub passfile: Option<PathBuf>,
    /// `$HOME`, for `~/.pgpass`.
    pub home: Option<PathBuf>,
}

impl Sources {
    pub fn from_env() -> Sources {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        Sources {
            password: var("PGPASSWORD").and_then(|v| v.into_string().ok()),
            passfile: var("PGPASSFILE").map(PathBuf::from),
            home: var("HOME").map(PathBuf::from),
        }
    }
}

/// Gives `config` its password from `sources` when it has none; `passfile` is the URL's
/// `passfile` option.
pub(super) fn fill(
    config: &mut Config,
    passfile: Option<&Path>,
    sources: &Sources,
) -> Result<(), PgConnectError> {
    if config.get_password().is_some() {
        return Ok(());
    }
    if let Some(password) = &sources.password {
        config.password(password.as_str());
        return Ok(());
    }
    let named = passfile.map(Path::to_path_buf).or(sources.passfile.clone());
    let (path, required) = match (named, &sources.home) {
        (Some(path), _) => (path, true),
        (None, Some(home)) => (home.join(".pgpass"), false),
        (None, None) => return Ok(()),
    };
    let text = match read_private(&path) {
        Ok(text) => text,
        Err(reason) if required || path.exists() => {
            return Err(PgConnectError::PasswordFile { path, reason })
        }
        Err(_) => return Ok(()),
    };
    if let Some(password) = lookup(&text, &Target::of(config)) {
        config.password(password);
    }
    Ok(())
}

/// The file's text, if only its owner may read it.
fn read_private(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(format!(
                "others may read it (mode {mode:o}): `chmod 600` it, as libpq requires"
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    std::fs::read_to_string(path).map_err(|e| e.to_string())
}

/// What a password file's line is matched against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Target {
    pub host: String,
    pub port: String,
    pub database: String,
    pub user: String,
}

impl Target {
    /// The first host and port of `config` (a socket directory counts as `localhost`, as in
    /// libpq), its database (the user's name when none is given) and user.
    pub fn of(config: &Config) -> Target {
        let host = match config.get_hosts().first() {
            Some(Host::Tcp(name)) => name.clone(),
            _ => "localhost".to_owned(),
        };
        let user = config.get_user().unwrap_or_default().to_owned();
        Target {
            host,
            port: config
                .get_ports()
                .first()
                .copied()
                .unwrap_or(5432)
                .to_string(),
            database: config.get_dbname().unwrap_or(&user).to_owned(),
            user,
        }
    }
}

/// The password of the first line of `text` (libpq's password file) matching `target`.
pub(super) fn lookup(text: &str, target: &Target) -> Option<String> {
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .find_map(|line| {
            let fields = split(line);
            // Anything after a fifth unescaped `:` is ignored, as libpq does.
            let [host, port, database, user, password, ..] = fields.as_slice() else {
                return None;
            };
            let wanted = [&target.host, &target.port, &target.database, &target.user];
            [host, port, database, user]
                .iter()
                .zip(wanted)
                .all(|(field, value)| field.as_str() == "*" || *field == value)
                .then(|| password.clone())
        })
}

/// A line's fields: split at unescaped `:`, with `\:` and `\\` unescaped.
fn split(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => field.push(chars.next().unwrap_or('\\')),
            ':' => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn target(url: &str) -> Target {
        Target::of(&Config::from_str(url).expect("a valid URL"))
    }

    #[test]
    fn a_line_matches_host_port_database_and_user_or_a_star() {
        let file = "# the chain\n\
                    db.example:5432:other:frontdesk:not-this\n\
                    db.example:*:frontdesk:frontdesk:p\\:ss\\\\word:ignored\n\
                    *:*:*:*:fallback\n";
        let t = target("postgres://frontdesk@db.example/frontdesk");
        assert_eq!(lookup(file, &t).as_deref(), Some("p:ss\\word"));
        let elsewhere = target("postgres://frontdesk@127.0.0.1:5433/frontdesk");
        assert_eq!(lookup(file, &elsewhere).as_deref(), Some("fallback"));
        assert_eq!(lookup("db.example:5432:x:y:z\n", &t), None);
        // The database defaults to the user's name, the port to 5432.
        assert_eq!(
            target("postgres://ops@db.example"),
            Target {
                host: "db.example".into(),
                port: "5432".into(),
                database: "ops".into(),
                user: "ops".into()
            }
        );
    }

    #[test]
    fn the_url_then_pgpassword_then_the_file_give_the_password() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let file = dir.path().join("pgpass");
        std::fs::write(&file, "*:*:*:frontdesk:from-file\n").expect("written");
        set_mode(&file, 0o600);
        let with = |url: &str, sources: &Sources, passfile: Option<&Path>| {
            let mut config = Config::from_str(url).expect("valid");
            fill(&mut config, passfile, sources).map(|()| {
                config
                    .get_password()
                    .map(|p| String::from_utf8_lossy(p).into_owned())
            })
        };
        let env = Sources {
            password: Some("from-env".into()),
            passfile: Some(file.clone()),
            home: None,
        };
        let url = "postgres://frontdesk@db/frontdesk";
        assert_eq!(
            with("postgres://frontdesk:in-url@db/x", &env, None).expect("filled"),
            Some("in-url".into())
        );
        assert_eq!(
            with(url, &env, None).expect("filled"),
            Some("from-env".into())
        );
        let file_only = Sources {
            password: None,
            ..env.clone()
        };
        assert_eq!(
            with(url, &file_only, None).expect("filled"),
            Some("from-file".into())
        );
        // `~/.pgpass` when nothing else names a file; none there is no error.
        std::fs::write(dir.path().join(".pgpass"), "*:*:*:*:from-home\n").expect("written");
        set_mode(&dir.path().join(".pgpass"), 0o600);
        let home = Sources {
            home: Some(dir.path().to_path_buf()),
            ..Sources::default()
        };
        assert_eq!(
            with(url, &home, None).expect("filled"),
            Some("from-home".into())
        );
        let empty_home = Sources {
            home: Some(dir.path().join("nobody")),
            ..Sources::default()
        };
        assert_eq!(
            with(url, &empty_home, None).expect("no file, no error"),
            None
        );
    }

    #[test]
    fn a_named_file_that_cannot_be_used_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let missing = dir.path().join("missing");
        let mut config = Config::from_str("postgres://u@db/x").expect("valid");
        let error = fill(&mut config, Some(&missing), &Sources::default())
            .expect_err("a named file must be there")
            .to_string();
        assert!(error.contains(&missing.display().to_string()), "{error}");

        let open = dir.path().join("open");
        std::fs::write(&open, "*:*:*:*:secret\n").expect("written");
        set_mode(&open, 0o644);
        let sources = Sources {
            passfile: Some(open.clone()),
            ..Sources::default()
        };
        let error = fill(&mut config, None, &sources)
            .expect_err("others may read it")
            .to_string();
        assert!(error.contains("chmod 600"), "{error}");
        assert!(!error.contains("secret"), "{error}");
        assert!(config.get_password().is_none());
    }

    fn set_mode(path: &Path, mode: u32) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        }
        #[cfg(not(unix))]
        let _ = (path, mode);
    }
}
