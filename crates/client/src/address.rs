//! Which server addresses a desk may use: `https://` anywhere, plain `http://` only to this
//! machine (127.0.0.0/8, ::1, `localhost`). A token sent over plain HTTP to another host
//! could be read by anyone on the network, so the client refuses to build for one; and a
//! client for another host follows no redirect to plain HTTP either.

use std::net::IpAddr;

use reqwest::Url;

/// A server address, checked: its URL and whether it is this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    url: Url,
    loopback: bool,
}

impl ServerAddress {
    /// Checks `text` as a server address; the error names the field and says what to type.
    /// The API's version path is not part of the address: `https://host/v1` (as the API's
    /// routes are written, `/v1/…`) is `https://host`.
    pub fn parse(text: &str) -> Result<ServerAddress, String> {
        let text = text.trim();
        let mut url = Url::parse(text).map_err(|_| {
            format!(
                "server address: \"{text}\" is not an address (it starts with https://, \
                 e.g. https://frontdesk.example.com)"
            )
        })?;
        let loopback = url.host_str().is_some_and(|host| {
            let bare = host.trim_start_matches('[').trim_end_matches(']');
            match bare.parse::<IpAddr>() {
                Ok(ip) => ip.is_loopback(),
                Err(_) => bare.eq_ignore_ascii_case("localhost"),
            }
        });
        if url.host_str().is_none_or(str::is_empty)
            || !url.username().is_empty()
            || url.password().is_some()
        {
            return Err(format!(
                "server address: \"{text}\" names no server (e.g. https://frontdesk.example.com)"
            ));
        }
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(format!(
                    "server address: \"{text}\" is plain http:// to another machine; \
                     the desk's token would cross the network unencrypted: use https://"
                ))
            }
            _ => {
                return Err(format!(
                    "server address: \"{text}\" is not an address (it starts with https://)"
                ))
            }
        }
        let path = url.path().trim_end_matches('/');
        if let Some(base) = path.strip_suffix("/v1") {
            let base = base.to_owned();
            url.set_path(&base);
        }
        Ok(ServerAddress { url, loopback })
    }

    /// Whether the server is on this machine.
    pub fn is_loopback(&self) -> bool {
        self.loopback
    }

    /// The address in one spelling (lower-case host, no trailing slash): two spellings of
    /// one server compare equal.
    pub fn canonical(&self) -> String {
        self.url.as_str().trim_end_matches('/').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_for_this_machine_only() {
        for ok in [
            "https://frontdesk.example.com",
            "https://10.0.0.5:8787/",
            "http://127.0.0.1:8787",
            "http://127.8.9.10",
            "http://localhost:8787",
            "http://LOCALHOST",
            "http://[::1]:8787",
        ] {
            assert!(ServerAddress::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://frontdesk.example.com",
            "http://10.0.0.5:8787",
            "http://[::2]",
            "http://localhost.evil.example",
            "http://127.0.0.1.example.com",
            "ftp://127.0.0.1",
            "frontdesk.example.com",
            "https://user:pw@frontdesk.example.com",
            "",
        ] {
            let error = ServerAddress::parse(bad).expect_err(bad);
            assert!(error.starts_with("server address: "), "{error}");
        }
        assert!(ServerAddress::parse("http://127.0.0.1:1")
            .map(|a| a.is_loopback())
            .unwrap_or(false));
    }

    #[test]
    fn two_spellings_of_one_server_are_one_address() {
        let a = ServerAddress::parse("https://Frontdesk.Example.com/").map(|a| a.canonical());
        let b = ServerAddress::parse(" https://frontdesk.example.com").map(|a| a.canonical());
        assert_eq!(a, b);
        assert_eq!(b.as_deref(), Ok("https://frontdesk.example.com"));
    }

    #[test]
    fn the_api_version_path_is_not_part_of_the_address() {
        for typed in [
            "https://frontdesk.example.com/v1",
            "https://frontdesk.example.com/v1/",
            " https://Frontdesk.example.com/v1 ",
            "https://frontdesk.example.com/",
        ] {
            let address = ServerAddress::parse(typed).map(|a| a.canonical());
            assert_eq!(
                address.as_deref(),
                Ok("https://frontdesk.example.com"),
                "{typed}"
            );
        }
        let prefixed = ServerAddress::parse("http://127.0.0.1:8787/frontdesk/v1/");
        assert_eq!(
            prefixed.map(|a| a.canonical()).as_deref(),
            Ok("http://127.0.0.1:8787/frontdesk")
        );
        // Only the version path: another path is kept as typed.
        let other = ServerAddress::parse("https://example.com/v12").map(|a| a.canonical());
        assert_eq!(other.as_deref(), Ok("https://example.com/v12"));
    }
}
