//! TLS to PostgreSQL, for every connection the server makes (storages, LISTEN and NOTIFY,
//! `migrate`), as the URL's `sslmode` and `sslrootcert` ask.
//!
//! rust-postgres knows `sslmode=disable|prefer|require` and leaves checking the server's
//! certificate to the TLS connector; libpq's `sslrootcert` is not an option it knows (it
//! refuses the URL). So the URL's query is read here first: `sslrootcert` is taken out,
//! libpq's `verify-ca` and `verify-full` become `require`, and the connector is OpenSSL's
//! (`postgres-openssl`), set up like this:
//!
//! | `sslmode`                          | TLS                          | server's certificate   |
//! |------------------------------------|------------------------------|------------------------|
//! | `disable`                          | never                        | —                      |
//! | `prefer` (the default)             | when the server offers it    | checked with a root    |
//! | `require`, `verify-ca`, `verify-full` | always, or no connection  | always checked         |
//!
//! "Checked" is libpq's `verify-full`, whichever mode asks for it:
//! - the chain must end at a certificate of `sslrootcert` (a PEM file: only the certificates
//!   in it are trusted, the system's are not), or, with no `sslrootcert` or with
//!   `sslrootcert=system`, at one of the system's trusted roots (OpenSSL's default paths);
//! - and the host name of the URL must be one the certificate names (a DNS or IP-address
//!   subject alternative name): `SslConnector::configure` turns OpenSSL's host check on
//!   (`X509_VERIFY_PARAM_set1_host`, or `…_set1_ip` for an address) for the host that
//!   rust-postgres hands the connector — the URL's `host`, never `hostaddr`, which only
//!   chooses the address to reach.
//!
//! Unlike libpq, `require` never means "encrypted, to whoever answers": a certificate nobody
//! checks lets anyone in the path read and change the traffic. A root certificate without an
//! `sslmode` means `require`. `prefer` without a root certificate keeps libpq's behaviour
//! (encrypted when the server offers it, its certificate unchecked), so a database on the
//! same host with a self-signed certificate still connects; across hosts use
//! `sslmode=require&sslrootcert=/path/to/root.crt`.

use std::path::PathBuf;
use std::str::FromStr;

use openssl::error::ErrorStack;
use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use openssl::x509::store::{X509Store, X509StoreBuilder};
use openssl::x509::X509;
use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};
use postgres_openssl::MakeTlsConnector;
use thiserror::Error;

use super::connect_error::PgConnectError;
use super::password;
use crate::storage::StorageError;

/// Why TLS to PostgreSQL could not be set up, or was refused.
#[derive(Debug, Error)]
pub enum PgTlsError {
    /// The `postgres://` address cannot be read (an unknown option, a bad `sslmode` …).
    #[error("the PostgreSQL address is not valid: {0}")]
    Address(String),
    /// The `sslrootcert` file cannot be read or holds no PEM certificate.
    #[error("sslrootcert {path}: {reason}")]
    RootCertificate { path: PathBuf, reason: String },
    #[error("TLS to PostgreSQL cannot be set up: {0}")]
    Setup(#[from] ErrorStack),
    /// No TLS connection came about: the server refused TLS, or its certificate was not
    /// accepted (the reason names what failed: the chain, the host name, the dates …).
    #[error("no TLS connection to PostgreSQL at {server} ({how}): {reason}")]
    Handshake {
        server: String,
        how: String,
        reason: String,
    },
}

/// The root certificates a checked connection trusts.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Roots {
    /// The system's (OpenSSL's default paths).
    System,
    /// Only those in this PEM file.
    File(PathBuf),
}

/// Connects to `url` as its `sslmode` and `sslrootcert` ask (see the module's comment), with
/// the password of the URL, else of the environment or a password file (`password`). A
/// failure says what to check ([`PgConnectError`]) where it can.
pub(super) fn connect(url: &str) -> Result<Client, StorageError> {
    let (mut config, roots, passfile) = parse(url)?;
    password::fill(
        &mut config,
        passfile.as_deref(),
        &password::Sources::from_env(),
    )?;
    let target = password::Target::of(&config);
    let mode = config.get_ssl_mode();
    let checked = roots.is_some() || mode != SslMode::Prefer;
    let connected = if mode == SslMode::Disable {
        config.connect(NoTls)
    } else {
        config.connect(connector(checked, roots.as_ref())?)
    };
    connected.map_err(|error| {
        // rust-postgres's error kinds are private; a failed TLS negotiation (refused, or a
        // certificate not accepted) is the kind that displays as this.
        if error.to_string() != "error performing TLS handshake" {
            return match PgConnectError::classify(&error, &target) {
                Some(known) => StorageError::PgConnect(known),
                None => StorageError::Postgres(error),
            };
        }
        let how = match (checked, &roots) {
            (false, _) => "certificate not checked: sslmode=prefer without sslrootcert".into(),
            (true, Some(Roots::File(path))) => format!(
                "certificate checked against the root certificate {} and the host name",
                path.display()
            ),
            (true, _) => {
                "certificate checked against the system's root certificates and the host name"
                    .into()
            }
        };
        StorageError::PgTls(PgTlsError::Handshake {
            server: server_of(&config),
            how,
            reason: causes(&error),
        })
    })
}

/// The URL as rust-postgres reads it (without `sslrootcert` and `passfile`, `verify-*` as
/// `require`), the roots a checked connection trusts and the password file, if the URL
/// names them.
fn parse(url: &str) -> Result<(Config, Option<Roots>, Option<PathBuf>), PgTlsError> {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, query),
        None => (url, ""),
    };
    let mut kept = Vec::new();
    let mut roots = None;
    let mut passfile = None;
    let mut mode_given = false;
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslrootcert" => {
                roots = Some(match decode(value)?.as_str() {
                    "system" => Roots::System,
                    path => Roots::File(PathBuf::from(path)),
                })
            }
            "passfile" => passfile = Some(PathBuf::from(decode(value)?)),
            "sslmode" => {
                mode_given = true;
                match decode(value)?.as_str() {
                    "verify-ca" | "verify-full" => kept.push("sslmode=require".to_owned()),
                    _ => kept.push(pair.to_owned()),
                }
            }
            _ => kept.push(pair.to_owned()),
        }
    }
    if roots.is_some() && !mode_given {
        kept.push("sslmode=require".to_owned());
    }
    let url = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    // The causes name the option, never the password.
    let config = Config::from_str(&url).map_err(|e| PgTlsError::Address(causes(&e)))?;
    Ok((config, roots, passfile))
}

/// OpenSSL's connector: checking the chain and host name (`checked`), or neither.
fn connector(checked: bool, roots: Option<&Roots>) -> Result<MakeTlsConnector, PgTlsError> {
    let mut builder = SslConnector::builder(SslMethod::tls_client())?;
    if !checked {
        builder.set_verify(SslVerifyMode::NONE);
        let mut connector = MakeTlsConnector::new(builder.build());
        connector.set_callback(|ssl, _| {
            ssl.set_verify_hostname(false);
            Ok(())
        });
        return Ok(connector);
    }
    // The builder trusts the system's roots and checks the peer (SSL_VERIFY_PEER); each
    // connection's `configure` adds the host-name check.
    if let Some(Roots::File(path)) = roots {
        builder.set_cert_store(only(path)?);
    }
    Ok(MakeTlsConnector::new(builder.build()))
}

/// A store trusting only the certificates of the PEM file at `path`.
fn only(path: &PathBuf) -> Result<X509Store, PgTlsError> {
    let refused = |reason: String| PgTlsError::RootCertificate {
        path: path.clone(),
        reason,
    };
    let pem = std::fs::read(path).map_err(|e| refused(e.to_string()))?;
    let certificates = X509::stack_from_pem(&pem).map_err(|e| refused(e.to_string()))?;
    if certificates.is_empty() {
        return Err(refused("holds no PEM certificate".into()));
    }
    let mut store = X509StoreBuilder::new()?;
    for certificate in certificates {
        store.add_cert(certificate)?;
    }
    Ok(store.build())
}

/// `host:port` of the first host, for messages (the URL itself may hold a password).
fn server_of(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        Some(Host::Unix(path)) => path.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!("{host}:{port}")
}

/// An error and its causes on one line (rust-postgres displays only the outermost), each
/// cause once: OpenSSL's errors repeat their source in their own text.
fn causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        let said = cause.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        next = cause.source();
    }
    text
}

/// A URL query value with its `%XX` escapes decoded.
fn decode(value: &str) -> Result<String, PgTlsError> {
    let bad = || PgTlsError::Address(format!("a query value is not percent-encoded: {value}"));
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = value.get(i + 1..i + 3).ok_or_else(bad)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_is_read_as_libpq_would() {
        let (config, roots, passfile) = parse(
            "postgres://u@db:5433/x?sslmode=verify-full&sslrootcert=%2Fetc%2Froot.crt&passfile=%2Fetc%2Ffrontdesk%2Fpgpass",
        )
        .expect("a valid URL");
        assert_eq!(passfile, Some("/etc/frontdesk/pgpass".into()));
        assert_eq!(config.get_ssl_mode(), SslMode::Require);
        assert_eq!(roots, Some(Roots::File("/etc/root.crt".into())));
        assert_eq!(server_of(&config), "db:5433");

        let (config, roots, _) = parse("postgres://u@db/x?sslrootcert=system").expect("valid");
        assert_eq!(
            (config.get_ssl_mode(), roots),
            (SslMode::Require, Some(Roots::System))
        );

        let (config, roots, passfile) = parse("postgres://u@db/x").expect("valid");
        assert_eq!(
            (config.get_ssl_mode(), roots, passfile),
            (SslMode::Prefer, None, None)
        );

        let (config, _, _) = parse("postgres://u@db/x?sslmode=disable").expect("valid");
        assert_eq!(config.get_ssl_mode(), SslMode::Disable);
    }

    #[test]
    fn a_bad_address_is_named_without_the_password() {
        let error = parse("postgres://u:secret@db/x?sslmode=sometimes")
            .expect_err("no such sslmode")
            .to_string();
        assert!(error.contains("sslmode"), "{error}");
        assert!(!error.contains("secret"), "{error}");
        assert!(matches!(
            parse("postgres://u@db/x?sslrootcert=%zz"),
            Err(PgTlsError::Address(_))
        ));
    }

    #[test]
    fn a_root_file_without_certificates_is_refused() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("empty.pem");
        std::fs::write(&path, "not a certificate").expect("written");
        match connector(true, Some(&Roots::File(path))) {
            Err(PgTlsError::RootCertificate { reason, .. }) => {
                assert_eq!(reason, "holds no PEM certificate")
            }
            Err(other) => panic!("refused for another reason: {other}"),
            Ok(_) => panic!("a file without certificates was taken as roots"),
        }
    }
}
