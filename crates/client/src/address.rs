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
    pub fn parse(text: &str) -> Result<ServerAddress, String> {
        let text = text.trim();
        let url = Url::parse(text).map_err(|_| {
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
}
