//! Workers: every `serve` and `worker` process runs one. Woken by
//! `LISTEN allmende_jobs`, polling as a fallback (and for retries coming
//! due), a few jobs at once; each outcome is recorded as it comes.

use super::queue::{self, Claimed};
use super::{Job, CHANNEL};
use crate::kernel::workers::{fill_slots, worker_name, Wakeup};
use crate::mail::{Delivery, Mailer};
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Semaphore};

const CONCURRENCY: usize = 4;
const POLL: Duration = Duration::from_secs(2);
/// Mail gives up after 15 s; a job running ten minutes lost its worker.
const STALE_AFTER: Duration = Duration::from_secs(600);

/// What the jobs need to run.
#[derive(Clone)]
pub struct Runner {
    pub db: DatabaseConnection,
    pub mailer: Arc<Mailer>,
    /// The first retry's delay; each further one doubles it.
    pub retry_base: Duration,
    /// Base of the links in composed mails.
    pub public_url: url::Url,
}

/// What became of one attempt.
enum Outcome {
    Done,
    Retry(String),
    Fail(String),
}

impl Runner {
    async fn execute(&self, job: &Claimed) -> Outcome {
        let value = serde_json::json!({"kind": job.kind, "payload": job.payload});
        let job_value: Job = match serde_json::from_value(value) {
            Ok(j) => j,
            Err(error) => return Outcome::Fail(format!("unreadable job: {error}")),
        };
        match job_value {
            Job::SendMail(mail) => match self.mailer.deliver(&mail).await {
                Ok(()) => Outcome::Done,
                Err(Delivery::Transient(e)) => Outcome::Retry(e),
                Err(Delivery::Permanent(e)) => Outcome::Fail(e),
            },
            Job::SendDigest(digest) => match crate::notifications::compose(&self.db, &self.public_url, &digest).await {
                Ok(()) => Outcome::Done,
                Err(error) => Outcome::Retry(error.to_string()),
            },
        }
    }

    async fn run_one(&self, job: Claimed) {
        let (error, retryable) = match self.execute(&job).await {
            Outcome::Done => {
                if let Err(error) = queue::succeed(&self.db, job.id).await {
                    tracing::warn!(%error, job = job.id, "recording a done job failed; it will run again");
                }
                return;
            }
            Outcome::Retry(e) => (e, true),
            Outcome::Fail(e) => (e, false),
        };
        match queue::fail(&self.db, &job, &error, retryable, self.retry_base).await {
            Ok(true) => {
                tracing::info!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, "job failed; it will be retried")
            }
            Ok(false) => {
                tracing::error!(job = job.id, kind = %job.kind, attempts = job.attempts, %error, "job failed for good")
            }
            Err(e) => tracing::warn!(error = %e, job = job.id, "recording a failed job failed"),
        }
    }
}

/// Runs until `stop` turns true; running jobs are allowed to finish.
pub async fn run(runner: Runner, mut stop: watch::Receiver<bool>) {
    let name = worker_name();
    let mut wakeup = Wakeup::listen(&runner.db, CHANNEL, POLL).await;
    let slots = Arc::new(Semaphore::new(CONCURRENCY));
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let mut maintained: Option<tokio::time::Instant> = None;
    loop {
        if *stop.borrow() {
            break;
        }
        if maintained.is_none_or(|at| at.elapsed() >= STALE_AFTER / 4) {
            maintained = Some(tokio::time::Instant::now());
            match queue::maintain(&runner.db, STALE_AFTER).await {
                Ok(0) => {}
                Ok(n) => tracing::warn!(jobs = n, "jobs of a lost worker queued again"),
                Err(error) => tracing::warn!(%error, "job maintenance failed"),
            }
        }
        fill_slots(
            &slots,
            &done_tx,
            || queue::claim(&runner.db, &name),
            |job| {
                let runner = runner.clone();
                async move { runner.run_one(job).await }
            },
        )
        .await;
        if !wakeup.wait(&mut stop, &mut done_rx).await {
            break;
        }
    }
    // Let running jobs finish (a mail gives up within 15 s).
    let _ = tokio::time::timeout(Duration::from_secs(20), slots.acquire_many(CONCURRENCY as u32)).await;
}
