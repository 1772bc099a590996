//! A bare client of the public page's live line (`text/event-stream`), as a page holds it
//! open: one GET, then the answer's chunks (HTTP/1.1 `transfer-encoding: chunked`, or a
//! body read until the server closes) are taken apart into events. Only the event names
//! are kept: the page's `slots` event carries `{}`.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// An answer head or a chunk-size line larger than this is refused.
const MAX_LINE: usize = 16 * 1024;

fn invalid(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

/// Takes a chunked body apart and the event stream inside it into events.
#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes read, not yet decoded.
    raw: Vec<u8>,
    /// Body bytes decoded, not yet a whole event.
    text: Vec<u8>,
    /// Chunked framing (else the body is everything read).
    chunked: bool,
    /// Bytes of the current chunk still to come (then its CRLF).
    in_chunk: Option<usize>,
}

impl Decoder {
    pub fn new(chunked: bool) -> Decoder {
        Decoder {
            chunked,
            ..Decoder::default()
        }
    }

    /// Takes bytes as read from the connection.
    pub fn feed(&mut self, bytes: &[u8]) -> io::Result<()> {
        if !self.chunked {
            self.text.extend_from_slice(bytes);
            return Ok(());
        }
        self.raw.extend_from_slice(bytes);
        loop {
            match self.in_chunk {
                None => {
                    let Some(end) = self.raw.windows(2).position(|w| w == b"\r\n") else {
                        if self.raw.len() > MAX_LINE {
                            return Err(invalid("chunk size line too long".into()));
                        }
                        return Ok(());
                    };
                    let line = std::str::from_utf8(&self.raw[..end])
                        .map_err(|_| invalid("chunk size is not UTF-8".into()))?;
                    let hex = line.split(';').next().unwrap_or_default().trim();
                    let size = usize::from_str_radix(hex, 16)
                        .map_err(|_| invalid(format!("bad chunk size {hex:?}")))?;
                    if size == 0 {
                        return Err(io::Error::new(
                            io::ErrorKind::UnexpectedEof,
                            "the server ended the live line",
                        ));
                    }
                    self.raw.drain(..end + 2);
                    self.in_chunk = Some(size);
                }
                Some(size) => {
                    if self.raw.len() < size + 2 {
                        return Ok(());
                    }
                    self.text.extend_from_slice(&self.raw[..size]);
                    self.raw.drain(..size + 2);
                    self.in_chunk = None;
                }
            }
        }
    }

    /// The next whole event's name (`message` if it names none); comments (keep-alives)
    /// are skipped.
    pub fn next_event(&mut self) -> Option<String> {
        loop {
            let end = self.text.windows(2).position(|w| w == b"\n\n")?;
            let block: Vec<u8> = self.text.drain(..end + 2).collect();
            let block = String::from_utf8_lossy(&block);
            let mut name = None;
            let mut fields = false;
            for line in block
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with(':'))
            {
                fields = true;
                if let Some(value) = line.strip_prefix("event:") {
                    name = Some(value.trim().to_owned());
                }
            }
            if fields {
                return Some(name.unwrap_or_else(|| "message".to_owned()));
            }
        }
    }
}

/// One open live line.
#[derive(Debug)]
pub struct SseConn {
    stream: TcpStream,
    decoder: Decoder,
    buf: Vec<u8>,
}

impl SseConn {
    /// Opens `path` on `addr`; an answer other than 200 is an error.
    pub async fn open(addr: SocketAddr, host: &str, path: &str) -> io::Result<SseConn> {
        let mut stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let request =
            format!("GET {path} HTTP/1.1\r\nhost: {host}\r\naccept: text/event-stream\r\n\r\n");
        stream.write_all(request.as_bytes()).await?;
        let mut buf = Vec::with_capacity(4096);
        let head_end = loop {
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break end;
            }
            if buf.len() > MAX_LINE {
                return Err(invalid("answer head too long".into()));
            }
            if stream.read_buf(&mut buf).await? == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the server closed the live line before answering",
                ));
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
        if !head.starts_with("http/1.1 200") {
            let status = head.lines().next().unwrap_or_default().to_owned();
            return Err(invalid(format!("live line answered {status:?}")));
        }
        let chunked = head
            .lines()
            .any(|l| l.starts_with("transfer-encoding:") && l.contains("chunked"));
        let mut decoder = Decoder::new(chunked);
        decoder.feed(&buf[head_end + 4..])?;
        buf.clear();
        Ok(SseConn {
            stream,
            decoder,
            buf,
        })
    }

    /// Waits for the next event; its name.
    pub async fn next_event(&mut self) -> io::Result<String> {
        loop {
            if let Some(name) = self.decoder.next_event() {
                return Ok(name);
            }
            self.buf.clear();
            if self.stream.read_buf(&mut self.buf).await? == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the server closed the live line",
                ));
            }
            self.decoder.feed(&self.buf)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_come_out_of_chunks_split_anywhere() {
        let body = b"e\r\n: keep-alive\n\n\r\n17\r\nevent: slots\ndata: {}\n\n\r\n";
        for split in 0..body.len() {
            let mut d = Decoder::new(true);
            d.feed(&body[..split]).unwrap();
            d.feed(&body[split..]).unwrap();
            assert_eq!(d.next_event().as_deref(), Some("slots"), "split at {split}");
            assert_eq!(d.next_event(), None);
        }
    }

    #[test]
    fn an_unnamed_event_is_a_message_and_comments_are_not_events() {
        let mut d = Decoder::new(false);
        d.feed(b": hi\n\ndata: x\n\nevent: slots\ndata: {}\n\n")
            .unwrap();
        assert_eq!(d.next_event().as_deref(), Some("message"));
        assert_eq!(d.next_event().as_deref(), Some("slots"));
        assert_eq!(d.next_event(), None);
    }

    #[test]
    fn the_last_chunk_and_bad_sizes_end_the_line() {
        let mut d = Decoder::new(true);
        assert_eq!(
            d.feed(b"0\r\n\r\n").unwrap_err().kind(),
            io::ErrorKind::UnexpectedEof
        );
        let mut d = Decoder::new(true);
        assert_eq!(
            d.feed(b"zz\r\n").unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }
}
