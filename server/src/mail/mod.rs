//! Outgoing mail over SMTP (`lettre`). Without an SMTP server configured,
//! mails are written as `.eml` files into the data folder, so that the
//! embedded default works on a laptop: the log says where.

mod messages;

pub use messages::{signature, MailMessage};

use crate::kernel::jobs::Mail;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};
use std::path::PathBuf;
use std::time::Duration;

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl Mailer {
    /// `smtp://host:port` (plain, for loopback), `smtp://…?tls=required`
    /// (STARTTLS) or `smtps://…`, with optional `user:password@`; `None` writes
    /// files into `outbox`.
    pub fn new(smtp_url: Option<&SecretString>, from: &str, outbox: PathBuf) -> anyhow::Result<Mailer> {
        let from: Mailbox = from.parse().map_err(|e| anyhow::anyhow!("ALLMENDE_MAIL_FROM: {e}"))?;
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    // The URL may hold a password: never echo it.
                    .map_err(|_| anyhow::anyhow!("ALLMENDE_SMTP_URL is not a valid smtp:// or smtps:// URL"))?
                    .timeout(Some(Duration::from_secs(15)))
                    .build(),
            ),
            None => {
                std::fs::create_dir_all(&outbox)?;
                Transport::Outbox(AsyncFileTransport::<Tokio1Executor>::new(&outbox), outbox)
            }
        };
        Ok(Mailer { transport, from })
    }

    /// Sends one queued mail (only the job worker does). SMTP's permanent
    /// refusals (5xx, a malformed address) are not worth a retry; anything
    /// else (the server down, a 4xx, a timeout) is.
    pub async fn deliver(&self, mail: &Mail) -> Result<(), Delivery> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| Delivery::Permanent(format!("recipient address: {e}")))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN);
        if let Some(link) = &mail.unsubscribe {
            // RFC 8058: the mail program offers "unsubscribe" and POSTs
            // `List-Unsubscribe=One-Click` to the link, without asking us.
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{link}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let email = builder
            .body(mail.body.clone())
            .map_err(|e| Delivery::Permanent(format!("building the mail: {e}")))?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(email).await.map(|_| ()).map_err(|error| {
                if error.is_permanent() {
                    Delivery::Permanent(error.to_string())
                } else {
                    Delivery::Transient(error.to_string())
                }
            }),
            Transport::Outbox(files, dir) => {
                let id = files
                    .send(email)
                    .await
                    .map_err(|e| Delivery::Transient(format!("writing to the outbox: {e}")))?;
                tracing::info!(file = %dir.join(format!("{id}.eml")).display(), "mail written to the outbox (no SMTP server configured)");
                Ok(())
            }
        }
    }
}

/// Why a mail did not go out.
#[derive(Debug)]
pub enum Delivery {
    Transient(String),
    Permanent(String),
}
