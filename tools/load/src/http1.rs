//! A bare HTTP/1.1 keep-alive connection for the heartbeat phase.
//!
//! A heartbeat is the same bytes every time, so the request is built once and each send is
//! one write and (usually) one read. The typed client (reqwest underneath), which the other
//! requests use, does per request what a measuring tool does not need (serializing, URL
//! parsing, header maps, a shared pool): on a 2-core machine that work competes with the
//! server it measures. Only what the server sends is understood: a status line, headers,
//! and a body of `content-length` bytes.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// An answer head larger than this is refused (the server's are a few hundred bytes).
const MAX_HEAD: usize = 16 * 1024;

/// A complete `PUT` request with a JSON body, ready to be sent as is, any number of times.
pub fn put_json(host: &str, path: &str, token: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "PUT {path} HTTP/1.1\r\nhost: {host}\r\nauthorization: Bearer {token}\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// A complete request without a token (as the public page sends them), with an optional
/// JSON body.
pub fn public_request(method: &str, host: &str, path: &str, body: Option<&[u8]>) -> Vec<u8> {
    let mut request = format!("{method} {path} HTTP/1.1\r\nhost: {host}\r\n").into_bytes();
    match body {
        Some(body) => {
            request.extend_from_slice(
                format!(
                    "content-type: application/json\r\ncontent-length: {}\r\n\r\n",
                    body.len()
                )
                .as_bytes(),
            );
            request.extend_from_slice(body);
        }
        None => request.extend_from_slice(b"\r\n"),
    }
    request
}

/// The parts of an answer's head this tool needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub status: u16,
    pub content_length: usize,
}

fn invalid(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

/// Parses the head of an answer (without the blank line that ends it).
pub fn parse_head(head: &[u8]) -> io::Result<Head> {
    let text = std::str::from_utf8(head).map_err(|_| invalid("answer head is not UTF-8".into()))?;
    let mut lines = text.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| invalid(format!("not an HTTP/1.1 status line: {status_line:?}")))?;
    let mut content_length = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err(invalid(format!("malformed header line: {line:?}")));
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            let length = value
                .parse::<usize>()
                .map_err(|_| invalid(format!("bad content-length: {value:?}")))?;
            content_length = Some(length);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(invalid(format!(
                "transfer-encoding {value:?} is not supported by the load tool"
            )));
        }
    }
    let content_length = match (content_length, status) {
        (Some(length), _) => length,
        // These never have a body.
        (None, 204 | 304) | (None, 100..=199) => 0,
        (None, _) => return Err(invalid(format!("answer {status} has no content-length"))),
    };
    Ok(Head {
        status,
        content_length,
    })
}

fn find_head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n")
}

/// One keep-alive connection; one request at a time.
#[derive(Debug)]
pub struct Http1Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Http1Conn {
    pub async fn connect(addr: SocketAddr) -> io::Result<Http1Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Http1Conn {
            stream,
            buf: Vec::with_capacity(4096),
        })
    }

    async fn read_more(&mut self) -> io::Result<()> {
        if self.stream.read_buf(&mut self.buf).await? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the server closed the connection",
            ));
        }
        Ok(())
    }

    /// Sends `request` and reads the whole answer; returns its status code.
    pub async fn exchange(&mut self, request: &[u8]) -> io::Result<u16> {
        Ok(self.exchange_body(request).await?.0)
    }

    /// Sends `request` and reads the whole answer; its status code and body.
    pub async fn exchange_body(&mut self, request: &[u8]) -> io::Result<(u16, &[u8])> {
        self.stream.write_all(request).await?;
        self.buf.clear();
        let head_end = loop {
            if let Some(end) = find_head_end(&self.buf) {
                break end;
            }
            if self.buf.len() > MAX_HEAD {
                return Err(invalid(format!("answer head over {MAX_HEAD} bytes")));
            }
            self.read_more().await?;
        };
        let head = parse_head(&self.buf[..head_end])?;
        let total = head_end + 4 + head.content_length;
        while self.buf.len() < total {
            self.read_more().await?;
        }
        if self.buf.len() > total {
            return Err(invalid(format!(
                "{} bytes after the answer to a single request",
                self.buf.len() - total
            )));
        }
        Ok((head.status, &self.buf[head_end + 4..total]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    #[test]
    fn reads_status_and_length_whatever_the_header_case() {
        let head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nCONTENT-LENGTH: 42";
        assert_eq!(
            parse_head(head).unwrap(),
            Head {
                status: 200,
                content_length: 42
            }
        );
    }

    #[test]
    fn a_no_content_answer_needs_no_length() {
        assert_eq!(
            parse_head(b"HTTP/1.1 204 No Content\r\ndate: x").unwrap(),
            Head {
                status: 204,
                content_length: 0
            }
        );
    }

    #[test]
    fn refuses_what_it_cannot_delimit() {
        for head in [
            &b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked"[..],
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json",
            b"HTTP/1.0 200 OK\r\ncontent-length: 1",
            b"HTTP/1.1 200 OK\r\ncontent-length: -1",
            b"HTTP/1.1 200 OK\r\nno colon here",
        ] {
            let error = parse_head(head).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::InvalidData, "{head:?}");
        }
    }

    #[test]
    fn a_put_request_carries_its_length_and_body() {
        let request = put_json("127.0.0.1:9", "/v1/holds/x", "t", b"{\"a\":1}");
        let text = String::from_utf8(request).unwrap();
        assert!(text.starts_with("PUT /v1/holds/x HTTP/1.1\r\nhost: 127.0.0.1:9\r\n"));
        assert!(text.contains("authorization: Bearer t\r\n"));
        assert!(text.ends_with("content-length: 7\r\n\r\n{\"a\":1}"));
    }

    #[test]
    fn a_public_request_has_no_token_and_a_body_only_when_given() {
        let get = public_request("GET", "h:1", "/public/v1/x?a=1", None);
        assert_eq!(get, b"GET /public/v1/x?a=1 HTTP/1.1\r\nhost: h:1\r\n\r\n");
        let post = String::from_utf8(public_request("POST", "h:1", "/p", Some(b"{}"))).unwrap();
        assert!(!post.contains("authorization"));
        assert!(post.ends_with("content-length: 2\r\n\r\n{}"), "{post}");
    }

    /// A server on the loopback that answers each request with the given answer, written
    /// in two pieces so that the client has to read more than once.
    async fn split_answer_server(answer: &'static [u8], requests: usize) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut buf = vec![0u8; 4096];
            for _ in 0..requests {
                let mut got = Vec::new();
                while find_head_end(&got).is_none() {
                    let n = socket.read(&mut buf).await.unwrap();
                    assert!(n > 0);
                    got.extend_from_slice(&buf[..n]);
                }
                let (first, second) = answer.split_at(answer.len() / 2);
                socket.write_all(first).await.unwrap();
                socket.flush().await.unwrap();
                tokio::task::yield_now().await;
                socket.write_all(second).await.unwrap();
            }
        });
        addr
    }

    #[tokio::test]
    async fn exchanges_requests_on_one_connection() {
        let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello";
        let addr = split_answer_server(answer, 3).await;
        let mut conn = Http1Conn::connect(addr).await.unwrap();
        for _ in 0..3 {
            // No body: the fake server only reads up to the blank line.
            let request = b"GET / HTTP/1.1\r\nhost: x\r\n\r\n";
            assert_eq!(conn.exchange(request).await.unwrap(), 200);
        }
        // The server is gone after three answers.
        let error = conn.exchange(b"GET / HTTP/1.1\r\n\r\n").await.unwrap_err();
        assert!(
            matches!(
                error.kind(),
                io::ErrorKind::UnexpectedEof
                    | io::ErrorKind::BrokenPipe
                    | io::ErrorKind::ConnectionReset
            ),
            "{error}"
        );
    }
}
