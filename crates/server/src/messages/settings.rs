//! Where messages go, as the operator sets it on `serve`: the SMTP server for e-mails, the
//! public address the mails' manage links are written under, and the SMS gateway.

use chrono::Duration;

use super::LEASE;

/// Where mail goes: `serve --smtp-url` (`smtp://host:port`, `smtps://user:pass@host`,
/// `smtp://…?tls=required`) and `--smtp-from`; and `--public-url`, under which the mails'
/// manage links are written.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub url: String,
    pub from: String,
    /// The address customers reach the server at (`https://book.studio.example`, no
    /// trailing `/`): each e-mail carries its booking's manage link under it. Without it
    /// the e-mails carry no link.
    pub public_url: Option<String>,
    /// How long a claim keeps a message from the other instances ([`LEASE`] unless
    /// `serve --smtp-lease-seconds` says otherwise). An instance killed while sending
    /// leaves its claimed messages to the others this long after.
    pub lease: Duration,
}

impl SmtpSettings {
    /// `--smtp-url`, `--smtp-from` and `--public-url`, else `FRONTDESK_SMTP_URL`,
    /// `FRONTDESK_SMTP_FROM` and `FRONTDESK_PUBLIC_URL`; `None` without a URL; a URL without
    /// a sender is refused, and so is a public address that is not `https://` (plain
    /// `http://` only on a loopback host).
    pub fn configured(
        url: Option<String>,
        from: Option<String>,
        public_url: Option<String>,
    ) -> Result<Option<SmtpSettings>, String> {
        let url = url.or_else(|| std::env::var("FRONTDESK_SMTP_URL").ok());
        let from = from.or_else(|| std::env::var("FRONTDESK_SMTP_FROM").ok());
        let public_url = public_url
            .or_else(|| std::env::var("FRONTDESK_PUBLIC_URL").ok())
            .map(|u| public_address(&u))
            .transpose()?;
        match (url, from) {
            (None, _) => Ok(None),
            (Some(url), Some(from)) => Ok(Some(SmtpSettings {
                url,
                from,
                public_url,
                lease: LEASE,
            })),
            (Some(_), None) => Err("--smtp-url needs --smtp-from (the sender's address)".into()),
        }
    }
}

/// Where SMS go: one HTTP gateway shape (`serve --sms-url`, FRONTDESK_SMS_URL). Each SMS
/// is one `POST` of JSON `{"id", "to", "from"?, "text"}` (`id`: the message's, the same on
/// every attempt, for the gateway to drop a repeat; `to` in E.164) with `Authorization:
/// Bearer <token>` when a token is set (`--sms-token-file`, FRONTDESK_SMS_TOKEN). A 2xx
/// answer is sent; a 4xx other than 408 and 429 is a refusal, not tried again; anything
/// else is tried again with the e-mails' backoff.
#[derive(Clone)]
pub struct SmsSettings {
    pub url: String,
    pub token: Option<String>,
    /// The sender's name or number, when the gateway takes one (`--sms-from`).
    pub from: Option<String>,
}

impl std::fmt::Debug for SmsSettings {
    /// Without the token: settings end up in logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsSettings")
            .field("url", &self.url)
            .field("token", &self.token.as_ref().map(|_| "…"))
            .field("from", &self.from)
            .finish()
    }
}

impl SmsSettings {
    /// `--sms-url`, `--sms-token-file` and `--sms-from`, else `FRONTDESK_SMS_URL`,
    /// `FRONTDESK_SMS_TOKEN` and `FRONTDESK_SMS_FROM`; `None` without a URL. The URL is
    /// `https://` (plain `http://` only on a loopback host): the token and the customers'
    /// numbers travel on it.
    pub fn configured(
        url: Option<String>,
        token_file: Option<&std::path::Path>,
        from: Option<String>,
    ) -> Result<Option<SmsSettings>, String> {
        let Some(url) = url.or_else(|| std::env::var("FRONTDESK_SMS_URL").ok()) else {
            return Ok(None);
        };
        let url = checked_address("--sms-url", &url, true)?;
        let token = match token_file {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .map_err(|e| format!("--sms-token-file {}: {e}", path.display()))?
                    .trim()
                    .to_owned(),
            ),
            None => std::env::var("FRONTDESK_SMS_TOKEN").ok(),
        }
        .filter(|t| !t.is_empty());
        let from = from.or_else(|| std::env::var("FRONTDESK_SMS_FROM").ok());
        Ok(Some(SmsSettings { url, token, from }))
    }
}

/// `--public-url` as links are written under it (no trailing `/`), if customers can be sent
/// there: `https://`, or `http://` on a loopback host; no query or fragment.
pub fn public_address(given: &str) -> Result<String, String> {
    checked_address("--public-url", given, false)
}

/// `given` (the value of `flag`) if it is `https://`, or `http://` on a loopback host, with
/// no fragment, and no query unless `query` (a gateway's may carry its account).
fn checked_address(flag: &str, given: &str, query: bool) -> Result<String, String> {
    let refuse = |why: &str| Err(format!("{flag} \"{given}\" {why}"));
    let Ok(url) = url::Url::parse(given) else {
        return refuse("is not an address (write it as https://book.studio.example)");
    };
    let loopback = match url.host() {
        Some(url::Host::Domain(name)) => name == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return refuse("names no host"),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return refuse("must be https:// (it leaves this machine)"),
        _ => return refuse("must be an https:// address"),
    }
    if (url.query().is_some() && !query) || url.fragment().is_some() {
        return refuse("must not have a query (?…) or fragment (#…)");
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_sms_gateway_is_https_or_loopback_and_its_token_is_read_from_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let token = dir.path().join("sms-token");
        std::fs::write(&token, "secret-token\n").unwrap();
        let sms = SmsSettings::configured(
            Some("https://sms.example/send?account=7".into()),
            Some(&token),
            Some("Klangraum".into()),
        )
        .unwrap()
        .unwrap();
        assert_eq!(sms.url, "https://sms.example/send?account=7");
        assert_eq!(sms.token.as_deref(), Some("secret-token"));
        assert!(!format!("{sms:?}").contains("secret-token"), "{sms:?}");
        let error = SmsSettings::configured(Some("http://sms.example/send".into()), None, None)
            .unwrap_err();
        assert!(
            error.contains("--sms-url") && error.contains("https://"),
            "{error}"
        );
        assert!(
            SmsSettings::configured(Some("http://127.0.0.1:9/send".into()), None, None).is_ok()
        );
        let missing = dir.path().join("none");
        let error = SmsSettings::configured(
            Some("https://sms.example/send".into()),
            Some(&missing),
            None,
        )
        .unwrap_err();
        assert!(error.contains("--sms-token-file"), "{error}");
    }

    #[test]
    fn a_public_address_is_https_or_loopback() {
        assert_eq!(
            public_address("https://book.studio.example/").as_deref(),
            Ok("https://book.studio.example")
        );
        assert_eq!(
            public_address("https://studio.example/frontdesk").as_deref(),
            Ok("https://studio.example/frontdesk")
        );
        assert_eq!(
            public_address("http://127.0.0.1:8787").as_deref(),
            Ok("http://127.0.0.1:8787")
        );
        assert!(public_address("http://localhost").is_ok());
        for (given, why) in [
            ("http://book.studio.example", "must be https://"),
            ("book.studio.example", "is not an address"),
            ("ftp://book.studio.example", "must be an https://"),
            ("https://book.studio.example/?a=1", "query"),
        ] {
            let error = public_address(given).unwrap_err();
            assert!(
                error.contains("--public-url") && error.contains(why),
                "{error}"
            );
        }
    }
}
