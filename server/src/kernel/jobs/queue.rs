//! The `jobs` table: claim with `FOR UPDATE SKIP LOCKED`, record success or
//! failure, retry with exponential backoff, recover the jobs of a worker
//! that died.

use crate::db::sql;
use app::error::AppError;
use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult};
use std::time::Duration;

pub const CHANNEL: &str = "allmende_jobs";

#[derive(Clone, Debug, FromQueryResult)]
pub struct Claimed {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub attempts: i32,
    pub max_attempts: i32,
}

/// Takes the next job that is due, or `None`.
pub async fn claim(db: &DatabaseConnection, worker: &str) -> Result<Option<Claimed>, AppError> {
    sql::one(
        db,
        "UPDATE jobs j SET state = 'running', attempts = attempts + 1, started_at = now(), \
             heartbeat_at = now(), worker = $1 \
         FROM (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= now() \
               ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) next \
         WHERE j.id = next.id \
         RETURNING j.id, j.kind, j.payload, j.attempts, j.max_attempts",
        [worker.into()],
    )
    .await
}

/// Done: what the payload held (a mail's text and recipient) is not kept.
pub async fn succeed(c: &impl ConnectionTrait, job: i64) -> Result<(), AppError> {
    sql::exec(
        c,
        "UPDATE jobs SET state = 'done', finished_at = now(), error = NULL, payload = '{}' WHERE id = $1",
        [job.into()],
    )
    .await
    .map(|_| ())
}

/// A failure: a retryable one goes back to the queue after
/// `base * 2^(attempts-1)` (with up to 10 % jitter) until its attempts are
/// used up; then, or when it cannot succeed, it fails for good, keeping the
/// error and the mail's recipient and subject for the operator, not its text.
/// Returns whether it will be tried again.
pub async fn fail(
    c: &impl ConnectionTrait,
    job: &Claimed,
    error: &str,
    retryable: bool,
    base: Duration,
) -> Result<bool, AppError> {
    let error: String = error.chars().take(1000).collect();
    if retryable && job.attempts < job.max_attempts {
        sql::exec(
            c,
            "UPDATE jobs SET state = 'queued', run_at = now() + make_interval(secs => $2), error = $3, \
             started_at = NULL, heartbeat_at = NULL, worker = NULL WHERE id = $1",
            [
                job.id.into(),
                crate::kernel::workers::backoff_secs(base, job.attempts).into(),
                error.into(),
            ],
        )
        .await?;
        return Ok(true);
    }
    sql::exec(
        c,
        "UPDATE jobs SET state = 'failed', finished_at = now(), error = $2, payload = payload - 'body' WHERE id = $1",
        [job.id.into(), error.into()],
    )
    .await?;
    Ok(false)
}

/// Running jobs whose worker stopped (crashed, killed) go back to the queue.
/// Finished ones are deleted after a week.
pub async fn maintain(c: &impl ConnectionTrait, stale_after: Duration) -> Result<u64, AppError> {
    let requeued = sql::exec(
        c,
        "UPDATE jobs SET state = 'queued', run_at = now(), error = 'worker lost', worker = NULL \
         WHERE state = 'running' AND heartbeat_at < now() - make_interval(secs => $1)",
        [stale_after.as_secs_f64().into()],
    )
    .await?;
    sql::exec(
        c,
        "DELETE FROM jobs WHERE state IN ('done', 'failed') AND finished_at < now() - interval '7 days'",
        [],
    )
    .await?;
    Ok(requeued)
}

/// Whether no job waits or runs (for tests and for an orderly shutdown);
/// a job queued for later that never ran yet (a digest) does not count.
pub async fn drained(c: &impl ConnectionTrait) -> Result<bool, AppError> {
    let open: Option<i64> = sql::value(
        c,
        "SELECT count(*) AS value FROM jobs WHERE state = 'running' \
         OR (state = 'queued' AND (run_at <= now() OR attempts > 0))",
        [],
    )
    .await?;
    Ok(open == Some(0))
}
