//! One queue for the background work a change asks for. A job is written in
//! the change's own transaction ([`enqueue`]), so a change that rolls back
//! leaves no job and a committed one loses none; `NOTIFY` (which PostgreSQL
//! delivers on commit) wakes the workers, which run it after the commit,
//! outside any transaction, retrying with backoff. Mail goes only this way:
//! nothing holds a transaction open across SMTP.
//!
//! A job runs at least once: a worker that dies between doing the work and
//! recording it leaves the job to run again (for mail, a rare duplicate
//! rather than a lost mail).

mod queue;
mod worker;

pub use queue::{drained, CHANNEL};
pub use worker::{run, Runner};

use crate::db::sql;
use crate::mail::MailMessage;
use app::error::AppError;
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

/// The kinds of work, each with what it needs. A new kind is a variant
/// here, an arm in the worker's dispatch and its name in the table's CHECK.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "payload", rename_all = "snake_case")]
pub enum Job {
    SendMail(Mail),
    /// Compose a person's notification mail (at once or a digest); it
    /// becomes a `SendMail` in the same transaction that marks the
    /// notifications mailed.
    SendDigest(crate::notifications::DigestJob),
}

/// A mail as it goes out: rendered in the recipient's language when the
/// change is made, so the worker needs nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The one-click unsubscribe address (RFC 8058) for mail the person
    /// chose to get; none for the mails an action needs (a sign-in link).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribe: Option<String>,
}

/// Every kind's code, as `jobs.kind` allows them (a test compares).
pub const KINDS: [&str; 2] = ["send_mail", "send_digest"];

impl Job {
    pub fn mail(to: &str, message: MailMessage) -> Job {
        Job::SendMail(Mail {
            to: to.to_string(),
            subject: message.subject,
            body: message.body,
            unsubscribe: None,
        })
    }

    fn max_attempts(&self) -> i32 {
        match self {
            // With the default 5 s base, the last try comes about 5.7 hours
            // after the first: an SMTP server down overnight loses nothing
            // said in the evening before its last retry.
            Job::SendMail(_) => 12,
            // Composing only reads and writes the database.
            Job::SendDigest(_) => 5,
        }
    }
}

/// Queues `job` on `c`, normally the transaction of the change that asks
/// for it.
pub async fn enqueue(c: &impl ConnectionTrait, job: Job) -> Result<(), AppError> {
    insert(c, job, None, None).await
}

/// Queues `job` to run at `run_at`, unless a job with `key` is queued
/// already (then that one will do the work).
pub async fn enqueue_unique(
    c: &impl ConnectionTrait,
    job: Job,
    key: &str,
    run_at: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    insert(c, job, Some(key), Some(run_at)).await
}

async fn insert(
    c: &impl ConnectionTrait,
    job: Job,
    key: Option<&str>,
    run_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<(), AppError> {
    let max_attempts = job.max_attempts();
    let value = serde_json::to_value(&job).map_err(crate::kernel::internal("a job as JSON"))?;
    sql::exec(
        c,
        "INSERT INTO jobs (kind, payload, max_attempts, unique_key, run_at) VALUES ($1, $2, $3, $4, coalesce($5, now())) \
         ON CONFLICT (unique_key) WHERE state = 'queued' DO NOTHING",
        [
            value["kind"].as_str().unwrap_or_default().into(),
            value["payload"].clone().into(),
            max_attempts.into(),
            key.map(str::to_owned).into(),
            run_at.into(),
        ],
    )
    .await?;
    sql::exec(c, &format!("NOTIFY {CHANNEL}"), []).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_is_its_kind_and_payload() {
        let job = Job::SendMail(Mail {
            to: "a@kiel.example".into(),
            subject: "Hallo".into(),
            body: "Text".into(),
            unsubscribe: None,
        });
        let value = serde_json::to_value(&job).unwrap();
        assert_eq!(value["kind"], "send_mail");
        assert_eq!(value["payload"]["to"], "a@kiel.example");
        let back: Job = serde_json::from_value(value).unwrap();
        assert_eq!(back, job);
        let digest = Job::SendDigest(crate::notifications::DigestJob {
            user: crate::kernel::UserId::new(),
            delivery: crate::notifications::Delivery::Daily,
            kind: None,
        });
        let kinds: Vec<String> = [job, digest]
            .iter()
            .map(|j| serde_json::to_value(j).unwrap()["kind"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(kinds, KINDS, "every variant's code is listed, in order");
    }
}
