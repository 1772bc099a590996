//! A reminder by SMS, through the operator's HTTP gateway ([`SmsSettings`] says its shape):
//! short plain text in the customer's language, with the studio's phone for questions.

use frontdesk_protocol::{PageLanguage, StudioInfo};
use frontdesk_store::messages::{studio_language, Outgoing};
use serde::Serialize;

use super::mail::{room_and_when, Contact};
use super::sender::Failure;
use super::{SmsSettings, SMTP_TIMEOUT};

/// What the gateway gets.
#[derive(Debug, Serialize)]
struct Sms<'a> {
    /// The message's id: the same on every attempt, so the gateway can drop a repeat.
    id: String,
    to: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'a str>,
    text: String,
}

/// The gateway's HTTP client: a call may take as long as an SMTP conversation.
pub(super) fn client() -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder().timeout(SMTP_TIMEOUT).build()
}

/// The reminder's text in `language`.
pub(super) fn text(
    info: &StudioInfo,
    m: &Outgoing,
    language: PageLanguage,
    contact: &Contact,
) -> String {
    let de = language == PageLanguage::De;
    let (room, when) = room_and_when(info, &m.booking, de);
    let studio = &info.name;
    let mut text = if de {
        format!("{studio}: Erinnerung an Ihre Buchung, {room}, {when}.")
    } else {
        format!("{studio}: a reminder of your booking, {room}, {when}.")
    };
    if let Some(phone) = &contact.phone {
        text.push_str(if de { " Fragen: " } else { " Questions: " });
        text.push_str(phone);
    }
    text
}

/// Sends `m` through the gateway.
pub(super) async fn send(
    http: &reqwest::Client,
    sms: &SmsSettings,
    info: &StudioInfo,
    m: &Outgoing,
    contact: &Contact,
) -> Result<(), Failure> {
    let language = m
        .language
        .unwrap_or_else(|| studio_language(info.country.as_deref()));
    let body = Sms {
        id: m.id.to_string(),
        to: &m.recipient,
        from: sms.from.as_deref(),
        text: text(info, m, language, contact),
    };
    let mut request = http.post(&sms.url).json(&body);
    if let Some(token) = &sms.token {
        request = request.bearer_auth(token);
    }
    let answer = request
        .send()
        .await
        .map_err(|e| Failure::again(format!("the SMS gateway could not be reached: {e}")))?;
    let status = answer.status();
    if status.is_success() {
        return Ok(());
    }
    let said: String = answer
        .text()
        .await
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let refused = status.is_client_error() && status.as_u16() != 408 && status.as_u16() != 429;
    Err(Failure {
        error: format!("the SMS gateway answered {status}: {}", said.trim()),
        permanent: refused,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use frontdesk_store::messages::MessageKind;

    #[test]
    fn the_reminder_is_short_in_the_customers_language_with_the_studios_phone() {
        let (info, mut m) = super::super::mail::tests::outgoing(None, MessageKind::SmsReminder);
        m.recipient = "+491712345678".into();
        let contact = Contact {
            phone: Some("030 1234567".into()),
            email: Some("hello@studio.example".into()),
        };
        assert_eq!(
            text(&info, &m, PageLanguage::De, &contact),
            format!(
                "{}: Erinnerung an Ihre Buchung, Studio A, 03.06.2026 von 10:00 bis 12:00 Uhr. \
                 Fragen: 030 1234567",
                info.name
            )
        );
        let english = text(&info, &m, PageLanguage::En, &Contact::default());
        assert_eq!(
            english,
            format!(
                "{}: a reminder of your booking, Studio A, 2026-06-03, 10:00 to 12:00.",
                info.name
            )
        );
        assert!(english.chars().count() <= 160, "one SMS: {english}");
    }
}
