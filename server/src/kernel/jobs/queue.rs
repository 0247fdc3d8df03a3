//! The `jobs` table: claim with `FOR UPDATE SKIP LOCKED`, record success or
//! failure, retry with exponential backoff, recover the jobs of a worker
//! that died. Claiming, backoff and recovery are SQL by nature (row locks,
//! intervals, correlated counts), so they stay SQL.

use super::Pool;
use crate::db::sql;
use app::error::AppError;
use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult, TransactionTrait};
use std::time::Duration;

pub const CHANNEL: &str = "allmende_jobs";
/// Serialises the claims of pools with lanes, so that two workers cannot
/// both see a lane below its limit and both start a job in it (a claim
/// takes about a millisecond).
const LANE_CLAIM_LOCK: i64 = 0x616c_6d65_0001;

#[derive(Clone, Debug, FromQueryResult)]
pub struct Claimed {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub attempts: i32,
    pub max_attempts: i32,
    pub unique_key: Option<String>,
}

/// What became of a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failed {
    /// Back in the queue, for a later attempt.
    Retried,
    /// A job with the same key waits already and will do the work.
    Superseded,
    /// For good: its attempts are used up, or it cannot succeed.
    ForGood,
}

/// Takes the next due job of one of `pool`'s kinds, or `None`: not one whose
/// key already has a job running, nor one whose lane is at its limit.
pub async fn claim(db: &DatabaseConnection, worker: &str, pool: &Pool) -> Result<Option<Claimed>, AppError> {
    let statement = |lanes: &str| {
        format!(
            "UPDATE jobs j SET state = 'running', attempts = attempts + 1, started_at = now(), \
                 heartbeat_at = now(), worker = $1 \
             FROM (SELECT q.id FROM jobs q WHERE q.state = 'queued' AND q.run_at <= now() AND q.kind = ANY($2) \
                     AND (q.unique_key IS NULL OR NOT EXISTS ( \
                         SELECT 1 FROM jobs k WHERE k.unique_key = q.unique_key AND k.state = 'running')) {lanes} \
                   ORDER BY q.run_at, q.id LIMIT 1 FOR UPDATE OF q SKIP LOCKED) next \
             WHERE j.id = next.id \
             RETURNING j.id, j.kind, j.payload, j.attempts, j.max_attempts, j.unique_key"
        )
    };
    let kinds: Vec<String> = pool.kinds.iter().map(|k| k.to_string()).collect();
    let Some(limit) = pool.lane_limit else {
        return sql::one(db, &statement(""), [worker.into(), kinds.into()]).await;
    };
    let lanes =
        "AND (q.lane IS NULL OR (SELECT count(*) FROM jobs k WHERE k.lane = q.lane AND k.state = 'running') < $3)";
    let txn = db.begin().await.map_err(crate::kernel::map_db_error)?;
    sql::exec(&txn, "SELECT pg_advisory_xact_lock($1)", [LANE_CLAIM_LOCK.into()]).await?;
    let claimed = sql::one(&txn, &statement(lanes), [worker.into(), kinds.into(), limit.into()]).await?;
    txn.commit().await.map_err(crate::kernel::map_db_error)?;
    Ok(claimed)
}

/// A running job says its worker is alive.
pub async fn heartbeat(c: &impl ConnectionTrait, job: i64) -> Result<(), AppError> {
    sql::exec(
        c,
        "UPDATE jobs SET heartbeat_at = now() WHERE id = $1 AND state = 'running'",
        [job.into()],
    )
    .await
    .map(|_| ())
}

/// Done: what the payload held (a mail's text and recipient) is not kept.
pub async fn succeed(c: &impl ConnectionTrait, job: &Claimed, outcome: Option<&str>) -> Result<(), AppError> {
    sql::exec(
        c,
        "UPDATE jobs SET state = 'done', finished_at = now(), error = NULL, outcome = $2, payload = '{}' WHERE id = $1",
        [job.id.into(), outcome.map(str::to_owned).into()],
    )
    .await
    .map(|_| ())
}

/// A failure: a retryable one goes back to the queue after
/// `base * 2^(attempts-1)` (with up to 10 % jitter) until `max_attempts`,
/// unless a job with its key waits already; then, or when it cannot
/// succeed, it fails, keeping the error and (of a mail) the recipient and
/// subject for the operator, not the text.
pub async fn fail(
    c: &impl ConnectionTrait,
    job: &Claimed,
    failure: &super::Failure,
    max_attempts: i32,
    base: Duration,
) -> Result<Failed, AppError> {
    let error: String = failure.error.chars().take(1000).collect();
    let outcome = failure.outcome.map(str::to_owned);
    if failure.retryable && job.attempts < max_attempts {
        let retried = sql::exec(
            c,
            "UPDATE jobs j SET state = 'queued', run_at = now() + make_interval(secs => $2), error = $3, outcome = $4, \
                 started_at = NULL, heartbeat_at = NULL, worker = NULL \
             WHERE id = $1 AND (unique_key IS NULL OR NOT EXISTS ( \
                 SELECT 1 FROM jobs q WHERE q.unique_key = j.unique_key AND q.state = 'queued'))",
            [
                job.id.into(),
                crate::kernel::workers::backoff_secs(base, job.attempts).into(),
                error.clone().into(),
                outcome.clone().into(),
            ],
        )
        .await?;
        if retried == 1 {
            return Ok(Failed::Retried);
        }
    }
    let superseded: Option<bool> = sql::value(
        c,
        "UPDATE jobs j SET state = 'failed', finished_at = now(), error = $2, outcome = $3, payload = payload - 'body' \
         WHERE id = $1 \
         RETURNING j.unique_key IS NOT NULL AND EXISTS ( \
             SELECT 1 FROM jobs q WHERE q.unique_key = j.unique_key AND q.state = 'queued') AS value",
        [job.id.into(), error.into(), outcome.into()],
    )
    .await?;
    Ok(if superseded == Some(true) {
        Failed::Superseded
    } else {
        Failed::ForGood
    })
}

/// Running jobs whose worker stopped sending heartbeats (it crashed or was
/// killed) go back to the queue, or fail where another job with their key
/// waits already. Finished ones are deleted after a week.
pub async fn maintain(c: &impl ConnectionTrait, stale_after: Duration) -> Result<u64, AppError> {
    let stale = stale_after.as_secs_f64();
    let superseded = sql::exec(
        c,
        "UPDATE jobs j SET state = 'failed', finished_at = now(), error = 'worker lost', outcome = 'worker_lost' \
         WHERE state = 'running' AND heartbeat_at < now() - make_interval(secs => $1) \
           AND unique_key IS NOT NULL \
           AND EXISTS (SELECT 1 FROM jobs q WHERE q.unique_key = j.unique_key AND q.state = 'queued')",
        [stale.into()],
    )
    .await?;
    let requeued = sql::exec(
        c,
        "UPDATE jobs SET state = 'queued', run_at = now(), error = 'worker lost', worker = NULL \
         WHERE state = 'running' AND heartbeat_at < now() - make_interval(secs => $1)",
        [stale.into()],
    )
    .await?;
    sql::exec(
        c,
        "DELETE FROM jobs WHERE state IN ('done', 'failed') AND finished_at < now() - interval '7 days'",
        [],
    )
    .await?;
    Ok(superseded + requeued)
}

/// Whether no job of `pool`'s kinds waits or runs (for tests and for an
/// orderly shutdown); a job queued for later that never ran yet (a digest)
/// does not count.
pub async fn drained(c: &impl ConnectionTrait, pool: &Pool) -> Result<bool, AppError> {
    let kinds: Vec<String> = pool.kinds.iter().map(|k| k.to_string()).collect();
    let open: Option<i64> = sql::value(
        c,
        "SELECT count(*) AS value FROM jobs WHERE kind = ANY($1) AND (state = 'running' \
         OR (state = 'queued' AND (run_at <= now() OR attempts > 0)))",
        [kinds.into()],
    )
    .await?;
    Ok(open == Some(0))
}
