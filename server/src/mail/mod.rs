//! Outgoing mail over SMTP (`lettre`). Without an SMTP server configured,
//! mails are written as `.eml` files into the data folder, so that the
//! embedded default works on a laptop: the log says where.

mod messages;

pub use messages::MailMessage;

use app::error::AppError;
use lettre::message::{header::ContentType, Mailbox};
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

    pub async fn send(&self, to: &str, message: MailMessage) -> Result<(), AppError> {
        let to: Mailbox = to.parse().map_err(|_| AppError::Internal)?;
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(message.body)
            .map_err(|error| {
                tracing::error!(%error, "building a mail failed");
                AppError::Internal
            })?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(email).await.map(|_| ()).map_err(|error| {
                tracing::warn!(%error, "sending mail failed");
                AppError::Unavailable
            }),
            Transport::Outbox(files, dir) => {
                let id = files.send(email).await.map_err(|error| {
                    tracing::error!(%error, "writing mail to the outbox failed");
                    AppError::Internal
                })?;
                tracing::info!(file = %dir.join(format!("{id}.eml")).display(), "mail written to the outbox (no SMTP server configured)");
                Ok(())
            }
        }
    }
}
