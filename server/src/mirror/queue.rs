//! The sync queue in PostgreSQL. Workers claim with `FOR UPDATE SKIP
//! LOCKED`; partial unique indexes keep at most one waiting and one running
//! job per repository; a claim skips hosts that already have their share of
//! running jobs. Claims are serialised by a transaction-scoped advisory
//! lock so that the per-host count cannot race (a claim takes about a
//! millisecond). New work is announced with `NOTIFY allmende_sync`.

use crate::db::sql;
use crate::kernel::RepositoryId;
use crate::kernel::{OrganisationId, Permission, Tx, Who};
use crate::notifications::{self, Notice, NoticeKind};
use app::error::AppError;
use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult, TransactionTrait};
use std::time::Duration;

pub const CHANNEL: &str = "allmende_sync";
const CLAIM_LOCK: i64 = 0x616c_6d65_0001;

#[derive(Clone, Debug, FromQueryResult)]
pub struct Claimed {
    pub id: i64,
    pub repository_id: RepositoryId,
    pub attempts: i32,
    pub reason: String,
}

/// Queues a sync (or moves a waiting one earlier) and wakes the workers.
pub async fn enqueue(c: &impl ConnectionTrait, repository_id: RepositoryId, reason: &str) -> Result<(), AppError> {
    sql::exec(
        c,
        "INSERT INTO sync_jobs (repository_id, reason) VALUES ($1, $2) \
         ON CONFLICT (repository_id) WHERE state = 'queued' \
         DO UPDATE SET run_at = LEAST(sync_jobs.run_at, now()), reason = EXCLUDED.reason",
        [repository_id.into(), reason.into()],
    )
    .await?;
    notify(c).await
}

pub async fn notify(c: &impl ConnectionTrait) -> Result<(), AppError> {
    sql::exec(c, &format!("NOTIFY {CHANNEL}"), []).await.map(|_| ())
}

/// Takes the next job that may run now, or `None`.
pub async fn claim(db: &DatabaseConnection, worker: &str, host_limit: i64) -> Result<Option<Claimed>, AppError> {
    let txn = db.begin().await.map_err(crate::kernel::map_db_error)?;
    sql::exec(&txn, "SELECT pg_advisory_xact_lock($1)", [CLAIM_LOCK.into()]).await?;
    let claimed: Option<Claimed> = sql::one(
        &txn,
        "WITH busy AS ( \
             SELECT r.host, count(*) AS n FROM sync_jobs k JOIN repositories r ON r.id = k.repository_id \
             WHERE k.state = 'running' GROUP BY r.host), \
         next AS ( \
             SELECT j.id FROM sync_jobs j JOIN repositories r ON r.id = j.repository_id \
             WHERE j.state = 'queued' AND j.run_at <= now() \
               AND NOT EXISTS (SELECT 1 FROM sync_jobs k WHERE k.repository_id = j.repository_id AND k.state = 'running') \
               AND COALESCE((SELECT n FROM busy WHERE busy.host = r.host), 0) < $2 \
             ORDER BY j.run_at, j.id LIMIT 1 FOR UPDATE OF j SKIP LOCKED) \
         UPDATE sync_jobs j SET state = 'running', attempts = attempts + 1, started_at = now(), \
             heartbeat_at = now(), worker = $1, error = NULL \
         FROM next WHERE j.id = next.id \
         RETURNING j.id, j.repository_id, j.attempts, j.reason",
        [worker.into(), host_limit.into()],
    )
    .await?;
    txn.commit().await.map_err(crate::kernel::map_db_error)?;
    Ok(claimed)
}

pub async fn heartbeat(c: &impl ConnectionTrait, job: i64) -> Result<(), AppError> {
    sql::exec(
        c,
        "UPDATE sync_jobs SET heartbeat_at = now() WHERE id = $1 AND state = 'running'",
        [job.into()],
    )
    .await
    .map(|_| ())
}

pub async fn succeed(c: &impl ConnectionTrait, job: i64, outcome: &str) -> Result<(), AppError> {
    sql::exec(
        c,
        "UPDATE sync_jobs SET state = 'done', finished_at = now(), outcome = $2 WHERE id = $1",
        [job.into(), outcome.into()],
    )
    .await
    .map(|_| ())
}

/// Records a failure. A retryable one goes back to the queue after
/// `base * 2^(attempts-1)` (with up to 10 % jitter) until `max_attempts`;
/// if another sync of the repository already waits, that one stands in.
pub async fn fail(
    db: &DatabaseConnection,
    job: &Claimed,
    error: &str,
    outcome: &str,
    retryable: bool,
    max_attempts: i32,
    base: Duration,
) -> Result<bool, AppError> {
    let error: String = error.chars().take(1000).collect();
    // A system change: the permission is the worker's.
    let tx = Tx::begin(db, Who::anonymous(None), Permission::Public).await?;
    if retryable && job.attempts < max_attempts {
        let retried = sql::exec(
            &tx,
            "UPDATE sync_jobs SET state = 'queued', run_at = now() + make_interval(secs => $2), \
             error = $3, outcome = $4, started_at = NULL, heartbeat_at = NULL, worker = NULL \
             WHERE id = $1 AND NOT EXISTS ( \
               SELECT 1 FROM sync_jobs q WHERE q.repository_id = $5 AND q.state = 'queued')",
            [
                job.id.into(),
                crate::kernel::workers::backoff_secs(base, job.attempts).into(),
                error.clone().into(),
                outcome.into(),
                job.repository_id.into(),
            ],
        )
        .await?;
        if retried == 1 {
            return tx.done(true).await;
        }
    }
    sql::exec(
        &tx,
        "UPDATE sync_jobs SET state = 'failed', finished_at = now(), error = $2, outcome = $3 WHERE id = $1",
        [job.id.into(), error.into(), outcome.into()],
    )
    .await?;
    tell_publishers_it_failed(&tx, job).await?;
    tx.done(false).await
}

/// The repository's publishers learn that its sync failed for good, once:
/// not again while it keeps failing (the scheduler retries every interval).
async fn tell_publishers_it_failed(tx: &Tx<'_>, job: &Claimed) -> Result<(), AppError> {
    #[derive(FromQueryResult)]
    struct Repository {
        organisation_id: OrganisationId,
        slug: String,
        url: String,
        failing_before: bool,
    }
    let Some(repository) = sql::one::<Repository>(
        tx,
        "SELECT r.organisation_id, o.slug, r.url, coalesce(( \
             SELECT p.state = 'failed' FROM sync_jobs p WHERE p.repository_id = r.id AND p.id <> $2 \
               AND p.state IN ('done', 'failed') ORDER BY p.finished_at DESC LIMIT 1), false) AS failing_before \
         FROM repositories r JOIN organisations o ON o.id = r.organisation_id WHERE r.id = $1",
        [job.repository_id.into(), job.id.into()],
    )
    .await?
    else {
        return Ok(());
    };
    if repository.failing_before {
        return Ok(());
    }
    let notice = Notice::new(
        NoticeKind::SyncFailed,
        &format!("/verwaltungen/{}/repositorien", repository.slug),
    )
    .subject(&repository.url);
    notifications::notify_publishers(tx, repository.organisation_id, notice).await
}

/// Running jobs whose worker stopped sending heartbeats (it crashed or was
/// killed) go back to the queue.
pub async fn reap(c: &impl ConnectionTrait, stale_after: Duration) -> Result<u64, AppError> {
    let failed = sql::exec(
        c,
        "UPDATE sync_jobs j SET state = 'failed', finished_at = now(), error = 'worker lost', outcome = 'worker_lost' \
         WHERE state = 'running' AND heartbeat_at < now() - make_interval(secs => $1) \
           AND EXISTS (SELECT 1 FROM sync_jobs q WHERE q.repository_id = j.repository_id AND q.state = 'queued')",
        [stale_after.as_secs_f64().into()],
    )
    .await?;
    let requeued = sql::exec(
        c,
        "UPDATE sync_jobs SET state = 'queued', run_at = now(), error = 'worker lost', worker = NULL \
         WHERE state = 'running' AND heartbeat_at < now() - make_interval(secs => $1)",
        [stale_after.as_secs_f64().into()],
    )
    .await?;
    Ok(failed + requeued)
}

/// Queues every repository whose next sync is due and that has no sync
/// waiting or running; returns how many.
pub async fn schedule_due(c: &impl ConnectionTrait, interval: Duration) -> Result<u64, AppError> {
    let queued = sql::exec(
        c,
        "WITH due AS ( \
             UPDATE repositories SET next_sync_at = now() + make_interval(secs => $1) \
             WHERE next_sync_at <= now() AND NOT EXISTS ( \
               SELECT 1 FROM sync_jobs j WHERE j.repository_id = repositories.id AND j.state IN ('queued', 'running')) \
             RETURNING id) \
         INSERT INTO sync_jobs (repository_id, reason) SELECT id, 'scheduled' FROM due \
         ON CONFLICT (repository_id) WHERE state = 'queued' DO NOTHING",
        [interval.as_secs_f64().into()],
    )
    .await?;
    // Finished jobs are kept a week for the operator's page.
    sql::exec(
        c,
        "DELETE FROM sync_jobs WHERE state IN ('done', 'failed') AND finished_at < now() - interval '7 days'",
        [],
    )
    .await?;
    if queued > 0 {
        notify(c).await?;
    }
    Ok(queued)
}

/// An administrator puts a failed job's repository back in the queue.
pub async fn requeue(c: &impl ConnectionTrait, job: i64) -> Result<RepositoryId, AppError> {
    let repository: RepositoryId = sql::value(
        c,
        "SELECT repository_id AS value FROM sync_jobs WHERE id = $1",
        [job.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    enqueue(c, repository, "requeued").await?;
    Ok(repository)
}
