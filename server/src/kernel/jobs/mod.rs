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

pub mod queue;
mod worker;

pub use queue::{drained, Claimed, CHANNEL};
pub use worker::{quick_pool, run, run_pool, Attempt, Executor, Failure, Pool, Runner};

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
    /// Fetch a repository and read what it holds (the mirror's own pool
    /// runs these: they take minutes where a mail takes a second).
    SyncRepository(crate::mirror::queue::SyncJob),
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
pub const KINDS: [&str; 3] = ["send_mail", "send_digest", "sync_repository"];

impl Job {
    pub fn mail(to: &str, message: MailMessage) -> Job {
        Job::SendMail(Mail {
            to: to.to_string(),
            subject: message.subject,
            body: message.body,
            unsubscribe: None,
        })
    }

    /// The job a claimed row holds.
    pub fn read(claimed: &Claimed) -> Result<Job, String> {
        let value = serde_json::json!({"kind": claimed.kind, "payload": claimed.payload});
        serde_json::from_value(value).map_err(|error| format!("unreadable job: {error}"))
    }

    fn max_attempts(&self) -> i32 {
        match self {
            // With the default 5 s base, the last try comes about 5.7 hours
            // after the first: an SMTP server down overnight loses nothing
            // said in the evening before its last retry.
            Job::SendMail(_) => 12,
            // Composing only reads and writes the database.
            Job::SendDigest(_) => 5,
            // The worker applies ALLMENDE_MIRROR_MAX_ATTEMPTS when it runs.
            Job::SyncRepository(_) => 5,
        }
    }
}

/// Queues `job` on `c`, normally the transaction of the change that asks
/// for it.
pub async fn enqueue(c: &impl ConnectionTrait, job: Job) -> Result<(), AppError> {
    insert(c, job, Queueing::default()).await
}

/// Queues `job` to run at `run_at`, unless a job with `key` is queued
/// already (then that one will do the work).
pub async fn enqueue_unique(
    c: &impl ConnectionTrait,
    job: Job,
    key: &str,
    run_at: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let queueing = Queueing {
        key: Some(key),
        run_at: Some(run_at),
        ..Queueing::default()
    };
    insert(c, job, queueing).await
}

/// How a job joins the queue.
#[derive(Clone, Copy, Debug, Default)]
pub struct Queueing<'a> {
    /// At most one job per key waits and one runs.
    pub key: Option<&'a str>,
    /// Jobs in one lane share the pool's lane limit.
    pub lane: Option<&'a str>,
    /// Not before (default: now).
    pub run_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Whether a job waiting with the same key takes this one's payload and
    /// runs no later than this one would (a webhook moving a scheduled sync
    /// forward); otherwise the waiting one stays as it is.
    pub replace: bool,
}

/// Queues `job` as `queueing` says.
pub async fn insert(c: &impl ConnectionTrait, job: Job, queueing: Queueing<'_>) -> Result<(), AppError> {
    let max_attempts = job.max_attempts();
    let value = serde_json::to_value(&job).map_err(crate::kernel::internal("a job as JSON"))?;
    let on_conflict = if queueing.replace {
        "DO UPDATE SET run_at = LEAST(jobs.run_at, EXCLUDED.run_at), payload = EXCLUDED.payload"
    } else {
        "DO NOTHING"
    };
    sql::exec(
        c,
        &format!(
            "INSERT INTO jobs (kind, payload, max_attempts, unique_key, lane, run_at) \
             VALUES ($1, $2, $3, $4, $5, coalesce($6, now())) \
             ON CONFLICT (unique_key) WHERE state = 'queued' {on_conflict}"
        ),
        [
            value["kind"].as_str().unwrap_or_default().into(),
            value["payload"].clone().into(),
            max_attempts.into(),
            queueing.key.map(str::to_owned).into(),
            queueing.lane.map(str::to_owned).into(),
            queueing.run_at.into(),
        ],
    )
    .await?;
    notify(c).await
}

/// Wakes the workers (on commit, when `c` is a transaction).
pub async fn notify(c: &impl ConnectionTrait) -> Result<(), AppError> {
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
        let sync = Job::SyncRepository(crate::mirror::queue::SyncJob {
            repository_id: crate::kernel::RepositoryId::new(),
            reason: crate::mirror::queue::SyncReason::Webhook,
        });
        let kinds: Vec<String> = [job, digest, sync]
            .iter()
            .map(|j| serde_json::to_value(j).unwrap()["kind"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(kinds, KINDS, "every variant's code is listed, in order");
        let mut pooled: Vec<&str> = [quick_pool().kinds, crate::mirror::queue::KINDS].concat();
        let mut all = KINDS.to_vec();
        pooled.sort();
        all.sort();
        assert_eq!(pooled, all, "every kind runs in exactly one pool");
    }
}
