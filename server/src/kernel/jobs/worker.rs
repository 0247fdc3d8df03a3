//! Workers: every `serve` and `worker` process runs one per pool of job
//! kinds. Woken by `LISTEN allmende_jobs`, polling as a fallback (and for
//! retries coming due), a few jobs at once, each sending heartbeats while
//! it runs; each outcome is recorded as it comes. A domain runs its kinds
//! with an [`Executor`]; the kernel's own (mail, digests) run with [`Runner`].

use super::queue::{self, Claimed, Failed};
use super::{Job, CHANNEL};
use crate::kernel::workers::{fill_slots, worker_name, Wakeup};
use crate::kernel::{Permission, Tx, Who};
use crate::mail::{Delivery, Mailer};
use app::error::AppError;
use sea_orm::DatabaseConnection;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Semaphore};

const POLL: Duration = Duration::from_secs(2);
const HEARTBEAT: Duration = Duration::from_secs(15);
/// Eight missed heartbeats: the worker is gone.
const STALE_AFTER: Duration = Duration::from_secs(120);

/// Which kinds one worker loop takes, how many at once, and how many of
/// one lane (a code host) may run at once across all workers. Quick jobs
/// and long ones (syncs) have pools of their own, so that a mail never
/// waits behind a clone.
#[derive(Clone, Debug)]
pub struct Pool {
    pub kinds: &'static [&'static str],
    pub slots: usize,
    pub lane_limit: Option<i64>,
}

/// The kernel's own kinds: mail and digests, four at once.
pub fn quick_pool() -> Pool {
    Pool {
        kinds: &["send_mail", "send_digest"],
        slots: 4,
        lane_limit: None,
    }
}

/// How one attempt ended.
pub enum Attempt {
    /// Done, with a short code of how (for the operator), if the kind has one.
    Done(Option<&'static str>),
    Failed(Failure),
}

pub struct Failure {
    pub error: String,
    /// A short code of the failure, if the kind has one.
    pub outcome: Option<&'static str>,
    /// Whether a later attempt may succeed.
    pub retryable: bool,
}

impl Failure {
    pub fn retry(error: impl Into<String>) -> Failure {
        Failure {
            error: error.into(),
            outcome: None,
            retryable: true,
        }
    }

    pub fn permanent(error: impl Into<String>) -> Failure {
        Failure {
            error: error.into(),
            outcome: None,
            retryable: false,
        }
    }
}

/// What runs the jobs of a pool.
pub trait Executor: Clone + Send + Sync + 'static {
    fn db(&self) -> &DatabaseConnection;

    /// One attempt at `job`.
    fn execute(&self, job: &Claimed) -> impl Future<Output = Attempt> + Send;

    /// How many attempts `job` gets, and the delay before the first retry
    /// (each further one doubles it).
    fn retries(&self, job: &Claimed) -> (i32, Duration);

    /// `job` failed for good: whoever must know is told, in the transaction
    /// that records the failure.
    fn failed_for_good(&self, _tx: &Tx<'_>, _job: &Claimed) -> impl Future<Output = Result<(), AppError>> + Send {
        async { Ok(()) }
    }
}

/// Runs the jobs of `pool` until `stop` turns true; running jobs are allowed
/// to finish within `finish`. With `maintain`, this loop also recovers the
/// jobs of lost workers (every process runs the quick pool, which does).
pub async fn run_pool<E: Executor>(
    executor: E,
    pool: Pool,
    maintain: bool,
    finish: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let name = worker_name();
    tracing::info!(worker = %name, kinds = ?pool.kinds, slots = pool.slots, "job worker started");
    let db = executor.db().clone();
    let mut wakeup = Wakeup::listen(&db, CHANNEL, POLL).await;
    let slots = Arc::new(Semaphore::new(pool.slots));
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let mut maintained: Option<tokio::time::Instant> = None;
    loop {
        if *stop.borrow() {
            break;
        }
        if maintain && maintained.is_none_or(|at| at.elapsed() >= STALE_AFTER / 4) {
            maintained = Some(tokio::time::Instant::now());
            match queue::maintain(&db, STALE_AFTER).await {
                Ok(0) => {}
                Ok(n) => tracing::warn!(jobs = n, "jobs of a lost worker queued again"),
                Err(error) => tracing::warn!(%error, "job maintenance failed"),
            }
        }
        fill_slots(
            &slots,
            &done_tx,
            || queue::claim(&db, &name, &pool),
            |job| {
                let executor = executor.clone();
                async move { run_one(&executor, job).await }
            },
        )
        .await;
        if !wakeup.wait(&mut stop, &mut done_rx).await {
            break;
        }
    }
    let _ = tokio::time::timeout(finish, slots.acquire_many(pool.slots as u32)).await;
    tracing::info!(worker = %name, kinds = ?pool.kinds, "job worker stopped");
}

async fn run_one<E: Executor>(executor: &E, job: Claimed) {
    let db = executor.db();
    // Heartbeats run beside the job, so that neither waits for the other's
    // database connection.
    let beat = {
        let (db, id) = (db.clone(), job.id);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(HEARTBEAT);
            tick.tick().await;
            loop {
                tick.tick().await;
                let _ = queue::heartbeat(&db, id).await;
            }
        })
    };
    let attempt = executor.execute(&job).await;
    beat.abort();
    let failure = match attempt {
        Attempt::Done(outcome) => {
            if let Err(error) = queue::succeed(db, &job, outcome).await {
                tracing::warn!(%error, job = job.id, "recording a done job failed; it will run again");
            }
            return;
        }
        Attempt::Failed(failure) => failure,
    };
    let (max_attempts, base) = executor.retries(&job);
    let recorded = async {
        // A system change: the permission is the worker's.
        let tx = Tx::begin(db, Who::anonymous(None), Permission::Public).await?;
        let failed = queue::fail(&tx, &job, &failure, max_attempts, base).await?;
        if failed == Failed::ForGood {
            executor.failed_for_good(&tx, &job).await?;
        }
        tx.done(failed).await
    };
    let error = &failure.error;
    match recorded.await {
        Ok(Failed::Retried) => {
            tracing::info!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, "job failed; it will be retried")
        }
        Ok(Failed::Superseded) => {
            tracing::info!(job = job.id, kind = %job.kind, %error, "job failed; a newer one waits")
        }
        Ok(Failed::ForGood) => {
            tracing::error!(job = job.id, kind = %job.kind, attempts = job.attempts, %error, "job failed for good")
        }
        Err(e) => tracing::warn!(error = %e, job = job.id, "recording a failed job failed"),
    }
}

/// What the kernel's own jobs need to run.
#[derive(Clone)]
pub struct Runner {
    pub db: DatabaseConnection,
    pub mailer: Arc<Mailer>,
    /// The first retry's delay; each further one doubles it.
    pub retry_base: Duration,
    /// Base of the links in composed mails.
    pub public_url: url::Url,
}

impl Executor for Runner {
    fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    async fn execute(&self, claimed: &Claimed) -> Attempt {
        let job = match Job::read(claimed) {
            Ok(j) => j,
            Err(error) => return Attempt::Failed(Failure::permanent(error)),
        };
        match job {
            Job::SendMail(mail) => match self.mailer.deliver(&mail).await {
                Ok(()) => Attempt::Done(None),
                Err(Delivery::Transient(e)) => Attempt::Failed(Failure::retry(e)),
                Err(Delivery::Permanent(e)) => Attempt::Failed(Failure::permanent(e)),
            },
            Job::SendDigest(digest) => match crate::notifications::compose(&self.db, &self.public_url, &digest).await {
                Ok(()) => Attempt::Done(None),
                Err(error) => Attempt::Failed(Failure::retry(error.to_string())),
            },
            _ => Attempt::Failed(Failure::permanent(format!("{} is not a quick job", claimed.kind))),
        }
    }

    fn retries(&self, job: &Claimed) -> (i32, Duration) {
        (job.max_attempts, self.retry_base)
    }
}

/// The kernel's jobs (mail, digests), until `stop` turns true; a mail gives
/// up within 15 s, so running ones get 20 s to finish.
pub async fn run(runner: Runner, stop: watch::Receiver<bool>) {
    run_pool(runner, quick_pool(), true, Duration::from_secs(20), stop).await
}
