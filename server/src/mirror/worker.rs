//! The mirror's workers: a pool of the job queue that runs syncs (several
//! at once, each host's share limited), and the scheduler, which queues
//! due repositories and reminds of lapsing usage declarations. One worker
//! process runs the scheduler: whoever holds a PostgreSQL advisory lock on
//! a dedicated connection; if it dies, its connection closes and another
//! worker takes over.

use super::queue::{self, SyncJob};
use super::Mirror;
use crate::db::sql;
use crate::kernel::jobs::{self, Attempt, Claimed, Executor, Failure, Job, Pool};
use crate::kernel::Tx;
use app::error::AppError;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tracing::Instrument;

const SCHEDULER_LOCK: i64 = 0x616c_6d65_0002;

/// Runs syncs and the scheduler until `stop` turns true; running syncs are
/// allowed to finish (within their own time limit).
pub async fn run(mirror: Mirror, reuse: Arc<crate::reuse::Reuse>, stop: watch::Receiver<bool>) {
    tokio::spawn(scheduler(mirror.clone(), reuse, stop.clone()));
    let pool = Pool {
        kinds: queue::KINDS,
        slots: mirror.settings.worker_concurrency,
        lane_limit: Some(mirror.settings.host_concurrency),
    };
    let finish = mirror.settings.job_timeout + Duration::from_secs(30);
    jobs::run_pool(mirror, pool, false, finish, stop).await
}

impl Executor for Mirror {
    fn db(&self) -> &sea_orm::DatabaseConnection {
        &self.db
    }

    async fn execute(&self, claimed: &Claimed) -> Attempt {
        let job = match Job::read(claimed) {
            Ok(Job::SyncRepository(job)) => job,
            Ok(_) => return Attempt::Failed(Failure::permanent(format!("{} is not a sync", claimed.kind))),
            Err(error) => return Attempt::Failed(Failure::permanent(error)),
        };
        let span =
            tracing::info_span!("sync", job = claimed.id, repository = %job.repository_id, attempt = claimed.attempts);
        // Instrumented, not entered: a guard held across awaits would lend the
        // span to whatever else runs on the thread.
        self.run_sync(&job).instrument(span).await
    }

    fn retries(&self, _job: &Claimed) -> (i32, Duration) {
        (self.settings.max_attempts, self.settings.retry_base)
    }

    async fn failed_for_good(&self, tx: &Tx<'_>, claimed: &Claimed) -> Result<(), AppError> {
        match Job::read(claimed) {
            Ok(Job::SyncRepository(job)) => queue::tell_publishers_it_failed(tx, job.repository_id, claimed.id).await,
            _ => Ok(()),
        }
    }
}

impl Mirror {
    async fn run_sync(&self, job: &SyncJob) -> Attempt {
        let started = std::time::Instant::now();
        // A safety net over the transports' own deadline.
        let result = tokio::time::timeout(
            self.settings.job_timeout + Duration::from_secs(30),
            self.sync(job.repository_id),
        )
        .await
        .ok();
        let attempt = match result {
            Some(Ok(synced)) => {
                tracing::info!(
                    outcome = synced.code(),
                    ms = started.elapsed().as_millis() as u64,
                    "synced"
                );
                metrics::counter!("allmende_sync_total", "outcome" => synced.code()).increment(1);
                Attempt::Done(Some(synced.code()))
            }
            Some(Err(error)) => {
                tracing::warn!(code = error.code(), %error, "sync failed");
                metrics::counter!("allmende_sync_total", "outcome" => error.code()).increment(1);
                Attempt::Failed(Failure {
                    error: error.to_string(),
                    outcome: Some(error.code()),
                    retryable: error.retryable(),
                })
            }
            None => {
                tracing::error!("sync exceeded its time limit");
                Attempt::Failed(Failure {
                    error: "time limit".into(),
                    outcome: Some("timed_out"),
                    retryable: true,
                })
            }
        };
        // Whatever the outcome, the next regular sync is an interval away (a
        // retry, if any, is queued): a failing repository is not hammered
        // by the scheduler.
        let next = sql::exec(
            &self.db,
            "UPDATE repositories SET next_sync_at = now() + make_interval(secs => $2) WHERE id = $1",
            [job.repository_id.into(), self.settings.interval.as_secs_f64().into()],
        )
        .await;
        if let Err(error) = next {
            tracing::warn!(%error, "setting the next sync failed");
        }
        attempt
    }
}

/// Queues due repositories and reminds the authors of lapsing usage
/// declarations, on the one worker that holds the scheduler
/// lock (the site's one scheduler).
async fn scheduler(mirror: Mirror, reuse: Arc<crate::reuse::Reuse>, mut stop: watch::Receiver<bool>) {
    let pool = mirror.db.get_postgres_connection_pool().clone();
    let tick = mirror.settings.interval.min(Duration::from_secs(30));
    loop {
        let mut held = None;
        if let Ok(mut conn) = pool.acquire().await {
            let got: Result<bool, _> = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
                .bind(SCHEDULER_LOCK)
                .fetch_one(&mut *conn)
                .await;
            if got.unwrap_or(false) {
                held = Some(conn.detach());
            }
        }
        if let Some(mut conn) = held {
            tracing::info!("this worker runs the scheduler");
            loop {
                match queue::schedule_due(&mirror.db, mirror.settings.interval).await {
                    Ok(n) if n > 0 => tracing::info!(queued = n, "scheduled syncs"),
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "scheduling failed"),
                }
                match reuse.remind_expiring().await {
                    Ok(n) if n > 0 => tracing::info!(reminded = n, "reminded of lapsing usage declarations"),
                    Ok(_) => {}
                    Err(error) => tracing::warn!(%error, "reminding of lapsing declarations failed"),
                }
                tokio::select! {
                    _ = stop.changed() => return,
                    _ = tokio::time::sleep(tick) => {}
                }
                // The lock lives as long as this connection.
                if sqlx::query("SELECT 1").execute(&mut conn).await.is_err() {
                    tracing::warn!("scheduler connection lost; competing for the lock again");
                    break;
                }
            }
        }
        tokio::select! {
            _ = stop.changed() => return,
            _ = tokio::time::sleep(tick) => {}
        }
    }
}

/// Whether this process holds the scheduler lock (for tests).
pub async fn scheduler_lock_holders(db: &sea_orm::DatabaseConnection) -> i64 {
    sql::value::<i64>(
        db,
        "SELECT count(*) AS value FROM pg_locks WHERE locktype = 'advisory' AND granted \
         AND ((classid::bigint << 32) | objid::bigint) = $1",
        [SCHEDULER_LOCK.into()],
    )
    .await
    .ok()
    .flatten()
    .unwrap_or(0)
}
