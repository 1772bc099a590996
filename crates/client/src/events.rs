//! The server's event stream (`GET /v1/events`, server-sent events) as typed events. The
//! SSE framing (multi-line `data:`, CRLF or CR line ends, comments and keep-alives, UTF-8
//! split across chunks) is `eventsource-stream`'s; this module only names the events.

use eventsource_stream::Eventsource;
use frontdesk_protocol::{events, ChangeEvent, HoldsEvent, StudioEvent};
use futures_util::{Stream, StreamExt};

use crate::ClientError;

/// One event of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerEvent {
    /// A write was accepted: pull the change log.
    Change(ChangeEvent),
    /// Holds on a room changed on some dates.
    Holds(HoldsEvent),
    /// The studio changed (an admin saved it): fetch it.
    Studio(StudioEvent),
    /// An event this version does not know, or one whose data it cannot read (a newer
    /// server may send more): the caller skips it.
    Other { name: String, data: String },
}

impl ServerEvent {
    fn from_sse(name: String, data: String) -> ServerEvent {
        let known = match name.as_str() {
            events::CHANGE => serde_json::from_str(&data).ok().map(ServerEvent::Change),
            events::HOLDS => serde_json::from_str(&data).ok().map(ServerEvent::Holds),
            events::STUDIO => serde_json::from_str(&data).ok().map(ServerEvent::Studio),
            _ => None,
        };
        known.unwrap_or(ServerEvent::Other { name, data })
    }
}

/// Parses a byte stream of SSE text into events; a transport failure or a stream that is
/// not SSE ends it with [`ClientError::Unreachable`].
pub fn parse_events<S, B, E>(bytes: S) -> impl Stream<Item = Result<ServerEvent, ClientError>>
where
    S: Stream<Item = Result<B, E>>,
    B: AsRef<[u8]>,
    E: std::fmt::Display,
{
    bytes.eventsource().map(|item| match item {
        Ok(event) => Ok(ServerEvent::from_sse(event.event, event.data)),
        Err(error) => Err(ClientError::Unreachable(format!(
            "the event stream broke: {error}"
        ))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use futures_util::stream;

    /// Parses `chunks` (as they might arrive from the network) into events.
    async fn parse(chunks: &[&[u8]]) -> Vec<ServerEvent> {
        let chunks: Vec<Result<Vec<u8>, String>> = chunks.iter().map(|c| Ok(c.to_vec())).collect();
        parse_events(stream::iter(chunks))
            .filter_map(|e| async move { e.ok() })
            .collect()
            .await
    }

    fn holds(room: &str, dates: &[(i32, u32, u32)]) -> ServerEvent {
        ServerEvent::Holds(HoldsEvent {
            room: room.into(),
            dates: dates
                .iter()
                .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
                .collect(),
        })
    }

    #[tokio::test]
    async fn change_and_holds_events() {
        let got = parse(&[
            b"event: change\ndata: {\"seq\": 7}\n\n",
            b"event: holds\ndata: {\"room\": \"studio-a\", \"dates\": [\"2027-01-11\"]}\n\n",
        ])
        .await;
        assert_eq!(
            got,
            vec![
                ServerEvent::Change(ChangeEvent { seq: 7 }),
                holds("studio-a", &[(2027, 1, 11)])
            ]
        );
    }

    #[tokio::test]
    async fn data_spread_over_several_lines_is_joined() {
        let got = parse(&[
            b"event: holds\ndata: {\"room\": \"studio-a\",\ndata:  \"dates\": [\"2027-01-11\",\n",
            b"data: \"2027-01-12\"]}\n\n",
        ])
        .await;
        assert_eq!(
            got,
            vec![holds("studio-a", &[(2027, 1, 11), (2027, 1, 12)])]
        );
    }

    #[tokio::test]
    async fn crlf_line_ends() {
        let got = parse(&[
            b"event: change\r\ndata: {\"seq\": 8}\r\n\r\nevent: change\r\n",
            b"data: {\"seq\": 9}\r\n\r\n",
        ])
        .await;
        assert_eq!(
            got,
            vec![
                ServerEvent::Change(ChangeEvent { seq: 8 }),
                ServerEvent::Change(ChangeEvent { seq: 9 })
            ]
        );
    }

    #[tokio::test]
    async fn comments_and_keep_alives_are_skipped() {
        let got = parse(&[
            b": keep-alive\n\n",
            b":\n\nevent: change\n: a comment inside an event\ndata: {\"seq\": 10}\n\n",
        ])
        .await;
        assert_eq!(got, vec![ServerEvent::Change(ChangeEvent { seq: 10 })]);
    }

    #[tokio::test]
    async fn a_utf8_character_split_across_chunks() {
        // "ü" is two bytes, 0xC3 0xBC: the first chunk ends between them.
        let text = "event: holds\ndata: {\"room\": \"r\u{fc}ckraum\", \"dates\": []}\n\n";
        let bytes = text.as_bytes();
        let split = text.find('\u{fc}').map_or(0, |i| i + 1);
        let got = parse(&[&bytes[..split], &bytes[split..]]).await;
        assert_eq!(got, vec![holds("r\u{fc}ckraum", &[])]);
    }

    #[tokio::test]
    async fn unknown_events_and_unreadable_data_are_named_not_dropped() {
        let got = parse(&[b"event: rooms\ndata: {}\n\nevent: change\ndata: not json\n\n"]).await;
        assert_eq!(
            got,
            vec![
                ServerEvent::Other {
                    name: "rooms".into(),
                    data: "{}".into()
                },
                ServerEvent::Other {
                    name: "change".into(),
                    data: "not json".into()
                }
            ]
        );
    }

    #[tokio::test]
    async fn a_broken_transport_ends_the_stream_with_an_error() {
        let chunks: Vec<Result<Vec<u8>, String>> = vec![
            Ok(b"event: change\ndata: {\"seq\": 1}\n\n".to_vec()),
            Err("connection reset".into()),
        ];
        let got: Vec<_> = parse_events(stream::iter(chunks)).collect().await;
        assert!(matches!(got[0], Ok(ServerEvent::Change(_))));
        assert!(matches!(got[1], Err(ClientError::Unreachable(_))));
    }
}
