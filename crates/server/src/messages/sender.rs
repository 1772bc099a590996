//! The sender: one worker per instance claims the due messages of the channels it has (an
//! SMTP server for e-mails, a gateway for SMS) with a lease, sends each and marks it sent, or
//! failed for another attempt after [`super::retry_after`].

use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use tokio::sync::watch;
use uuid::Uuid;

use super::*;
use crate::app::AppState;
use crate::manage_link::{fresh_key, ManageLink};
use frontdesk_store::messages::MessageKind;
use frontdesk_store::online_booking::LINK_KEY_LEN;

/// What this instance sends with: an SMTP server, an SMS gateway, or both.
#[derive(Debug)]
pub struct Transports {
    pub smtp: Option<SmtpSettings>,
    pub sms: Option<SmsSettings>,
}

/// The working transports: the SMTP connection pool and the gateway's HTTP client.
struct Open {
    smtp: Option<(AsyncSmtpTransport<Tokio1Executor>, SmtpSettings)>,
    sms: Option<(reqwest::Client, SmsSettings)>,
    lease: Duration,
}

/// A failed attempt: why, and whether another attempt can help.
pub(super) struct Failure {
    pub error: String,
    /// The other side refused this message for good (an SMS gateway's 4xx): no more tries.
    pub permanent: bool,
}

impl Failure {
    pub fn again(error: impl ToString) -> Failure {
        Failure {
            error: error.to_string(),
            permanent: false,
        }
    }
}

/// Sends due messages until shutdown. Without an SMTP server and an SMS gateway, says once
/// that messages stay queued and ends; with one of them, the other's messages wait.
pub async fn send_messages(
    state: AppState,
    transports: Transports,
    mut shutdown: watch::Receiver<bool>,
) {
    let Some(open) = open(transports) else {
        return;
    };
    let owner = Uuid::new_v4().to_string();
    let mut tick = tokio::time::interval(POLL);
    loop {
        tokio::select! {
            _ = tick.tick() => {
                for studio in state.loaded_studios() {
                    let state = state.for_studio(studio);
                    send_due(&state, &open, &owner).await;
                }
            }
            _ = async { let _ = shutdown.wait_for(|s| *s).await; } => return,
        }
    }
}

/// The transports that can be used, saying in the log what cannot; `None`: neither.
fn open(t: Transports) -> Option<Open> {
    let lease = t.smtp.as_ref().map_or(LEASE, |s| s.lease);
    let smtp = match t.smtp {
        None => {
            tracing::warn!(
                "no SMTP server set (serve --smtp-url): e-mails to customers stay queued"
            );
            None
        }
        Some(smtp) => match AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url) {
            Ok(builder) => Some((builder.timeout(Some(SMTP_TIMEOUT)).build(), smtp)),
            Err(error) => {
                tracing::error!(%error, "the SMTP address is not usable: e-mails stay queued");
                None
            }
        },
    };
    let sms = match t.sms.map(|sms| (sms::client(), sms)) {
        Some((Ok(client), sms)) => Some((client, sms)),
        Some((Err(error), _)) => {
            tracing::error!(%error, "no HTTP client for the SMS gateway: SMS stay queued");
            None
        }
        None => None,
    };
    (smtp.is_some() || sms.is_some()).then_some(Open { smtp, sms, lease })
}

/// Claims this studio's due messages of the channels this instance has and sends each.
async fn send_due(state: &AppState, open: &Open, owner: &str) {
    let claimer = owner.to_owned();
    let lease = open.lease;
    let channels = Channels {
        email: open.smtp.is_some(),
        sms: open.sms.is_some(),
    };
    let claimed = match state
        .run(move |s, now| s.claim_messages(&claimer, now, lease, BATCH, channels))
        .await
    {
        Ok(Ok(claimed)) => claimed,
        Ok(Err(error)) => {
            tracing::warn!(%error, "claiming messages to send failed");
            return;
        }
        Err(_) => return,
    };
    if claimed.is_empty() {
        return;
    }
    let info = state.studio_info();
    let links = match &open.smtp {
        Some((_, smtp)) => manage_links(state, smtp).await,
        None => None,
    };
    let contact = contact(state).await;
    for message in claimed {
        let sent = match (message.kind, &open.smtp, &open.sms) {
            (MessageKind::SmsReminder, _, Some((http, sms))) => {
                sms::send(http, sms, &info, &message, &contact).await
            }
            (MessageKind::SmsReminder, _, None) => Err(Failure::again("no SMS gateway")),
            (_, Some((transport, smtp)), _) => {
                let link = links.as_ref().map(|(base, key)| {
                    let path =
                        ManageLink::for_booking(state.studio_id(), &message.booking).path(key);
                    format!("{base}{path}")
                });
                match compose(&info, &message, &smtp.from, link.as_deref(), &contact) {
                    Ok(mail) => transport
                        .send(mail)
                        .await
                        .map(|_| ())
                        .map_err(Failure::again),
                    Err(error) => Err(Failure::again(error)),
                }
            }
            (_, None, _) => Err(Failure::again("no SMTP server")),
        };
        let (id, owner) = (message.id, owner.to_owned());
        let marked = match sent {
            Ok(()) => {
                state
                    .run(move |s, now| s.message_sent(id, &owner, now))
                    .await
            }
            Err(Failure { error, permanent }) => {
                let failed = message.attempts + 1;
                tracing::warn!(%id, attempt = failed, %error, "a message was not sent");
                state
                    .run(move |s, now| {
                        let retry = next_attempt(failed, now).filter(|_| !permanent);
                        s.message_failed(id, &owner, &error, retry)
                    })
                    .await
            }
        };
        if let Ok(Err(error)) = marked {
            tracing::warn!(%id, %error, "marking a message failed");
        }
    }
}

/// Where this studio's manage links are written, with its key to sign them (`None`: no
/// `--public-url`, or the key could not be read — then the mails go without links).
async fn manage_links(
    state: &AppState,
    smtp: &SmtpSettings,
) -> Option<(String, [u8; LINK_KEY_LEN])> {
    let base = smtp.public_url.clone()?;
    let fresh = fresh_key();
    match state.run(move |s, _| s.link_key(fresh)).await {
        Ok(Ok(key)) => Some((base, key)),
        Ok(Err(error)) => {
            tracing::warn!(%error, "the manage links' key could not be read: mails go without links");
            None
        }
        Err(_) => None,
    }
}

/// How the customers reach this studio, from its online booking settings (none when they
/// cannot be read: the mails go without it).
async fn contact(state: &AppState) -> Contact {
    match state.run(|s, _| s.online_booking()).await {
        Ok(Ok((settings, _))) => Contact {
            phone: settings.contact_phone,
            email: settings.contact_email,
        },
        Ok(Err(error)) => {
            tracing::warn!(%error, "the studio's contact could not be read: mails go without it");
            Contact::default()
        }
        Err(_) => Contact::default(),
    }
}
