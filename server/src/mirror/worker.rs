//! Workers: take jobs from the queue (woken by `LISTEN allmende_sync`,
//! polling every few seconds as a fallback, for retries coming due), run
//! several at once, send heartbeats, and record the outcome. One of the
//! worker processes also runs the scheduler: whoever holds a PostgreSQL
//! advisory lock on a dedicated connection; if it dies, its connection
//! closes and another worker takes over.

use super::{queue, Mirror};
use crate::db::sql;
use crate::kernel::workers::{fill_slots, worker_name, Wakeup};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Semaphore};
use tracing::Instrument;

const SCHEDULER_LOCK: i64 = 0x616c_6d65_0002;
const POLL: Duration = Duration::from_secs(5);
const HEARTBEAT: Duration = Duration::from_secs(15);
const STALE_AFTER: Duration = Duration::from_secs(120);

/// Runs until `stop` turns true; running jobs are allowed to finish.
pub async fn run(mirror: Mirror, reuse: Arc<crate::reuse::Reuse>, mut stop: watch::Receiver<bool>) {
    let name = worker_name();
    tracing::info!(worker = %name, concurrency = mirror.settings.worker_concurrency, "sync worker started");
    tokio::spawn(scheduler(mirror.clone(), reuse, stop.clone()));
    let mut wakeup = Wakeup::listen(&mirror.db, queue::CHANNEL, POLL).await;
    let slots = Arc::new(Semaphore::new(mirror.settings.worker_concurrency));
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    loop {
        if *stop.borrow() {
            break;
        }
        fill_slots(
            &slots,
            &done_tx,
            || queue::claim(&mirror.db, &name, mirror.settings.host_concurrency),
            |job| {
                let mirror = mirror.clone();
                async move { run_job(&mirror, job).await }
            },
        )
        .await;
        if !wakeup.wait(&mut stop, &mut done_rx).await {
            break;
        }
    }
    // Wait for running jobs (bounded by their own time limit).
    let _ = slots.acquire_many(mirror.settings.worker_concurrency as u32).await;
    tracing::info!(worker = %name, "sync worker stopped");
}

async fn run_job(mirror: &Mirror, job: queue::Claimed) {
    let span = tracing::info_span!("sync", job = job.id, repository = %job.repository_id, attempt = job.attempts);
    // Instrumented, not entered: a guard held across awaits would lend the
    // span to whatever else runs on the thread.
    run_job_inner(mirror, job).instrument(span).await
}

async fn run_job_inner(mirror: &Mirror, job: queue::Claimed) {
    let started = std::time::Instant::now();
    // Heartbeats run beside the job, so that neither waits for the other's
    // database connection.
    let beat = {
        let db = mirror.db.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(HEARTBEAT);
            loop {
                tick.tick().await;
                let _ = queue::heartbeat(&db, job.id).await;
            }
        })
    };
    // A safety net over the transports' own deadline.
    let result = tokio::time::timeout(
        mirror.settings.job_timeout + Duration::from_secs(30),
        mirror.sync(job.repository_id),
    )
    .await
    .ok();
    beat.abort();
    let recorded = match result {
        Some(Ok(synced)) => {
            tracing::info!(
                outcome = synced.code(),
                ms = started.elapsed().as_millis() as u64,
                "synced"
            );
            metrics::counter!("allmende_sync_total", "outcome" => synced.code()).increment(1);
            queue::succeed(&mirror.db, job.id, synced.code()).await
        }
        Some(Err(error)) => {
            tracing::warn!(code = error.code(), %error, "sync failed");
            metrics::counter!("allmende_sync_total", "outcome" => error.code()).increment(1);
            queue::fail(
                &mirror.db,
                &job,
                &error.to_string(),
                error.code(),
                error.retryable(),
                mirror.settings.max_attempts,
                mirror.settings.retry_base,
            )
            .await
            .map(|_| ())
        }
        None => {
            tracing::error!("sync exceeded its time limit");
            queue::fail(
                &mirror.db,
                &job,
                "time limit",
                "timed_out",
                true,
                mirror.settings.max_attempts,
                mirror.settings.retry_base,
            )
            .await
            .map(|_| ())
        }
    };
    if let Err(error) = recorded {
        tracing::error!(%error, "recording the job's outcome failed");
    }
    // Whatever the outcome, the next regular sync is an interval away (a
    // retry, if any, is already queued): a failing repository is not
    // hammered by the scheduler.
    let next = sql::exec(
        &mirror.db,
        "UPDATE repositories SET next_sync_at = now() + make_interval(secs => $2) WHERE id = $1",
        [job.repository_id.into(), mirror.settings.interval.as_secs_f64().into()],
    )
    .await;
    if let Err(error) = next {
        tracing::warn!(%error, "setting the next sync failed");
    }
}

/// Queues due repositories, re-queues lost jobs and reminds the authors of
/// lapsing usage declarations, on the one worker that holds the scheduler
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
                if let Err(error) = queue::reap(&mirror.db, STALE_AFTER).await {
                    tracing::warn!(%error, "re-queuing lost jobs failed");
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
