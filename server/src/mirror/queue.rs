//! Syncs on the one job queue: a `sync_repository` job per repository (its
//! key `sync:<id>`: at most one waits and one runs), in the lane of its
//! code host (the pool lets `ALLMENDE_MIRROR_HOST_CONCURRENCY` of a host run
//! at once). The scheduler queues due repositories; publishers hear of a
//! sync that failed for good.

use crate::db::sql;
use crate::kernel::jobs::{self, Job, Queueing};
use crate::kernel::RepositoryId;
use crate::kernel::{OrganisationId, Tx};
use crate::notifications::{self, Notice, NoticeKind};
use app::error::AppError;
use sea_orm::{ConnectionTrait, FromQueryResult};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The one kind the mirror's pool runs.
pub const KINDS: &[&str] = &["sync_repository"];

crate::closed_set! {
    /// Why a sync was queued (shown on the operator's page).
    pub enum SyncReason {
        Registered = "registered",
        Scheduled = "scheduled",
        Webhook = "webhook",
        Manual = "manual",
        Requeued = "requeued",
        Seed = "seed",
    }
}

/// A sync job's payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncJob {
    pub repository_id: RepositoryId,
    pub reason: SyncReason,
}

/// The job key of a repository's syncs.
pub fn key(repository_id: RepositoryId) -> String {
    format!("sync:{repository_id}")
}

/// Queues a sync (or moves a waiting one earlier) and wakes the workers.
pub async fn enqueue(
    c: &impl ConnectionTrait,
    repository_id: RepositoryId,
    reason: SyncReason,
) -> Result<(), AppError> {
    let host: String = sql::value(
        c,
        "SELECT host AS value FROM repositories WHERE id = $1",
        [repository_id.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let key = key(repository_id);
    let queueing = Queueing {
        key: Some(&key),
        lane: Some(&host),
        run_at: None,
        replace: true,
    };
    jobs::insert(c, Job::SyncRepository(SyncJob { repository_id, reason }), queueing).await
}

/// Queues every repository whose next sync is due and that has no sync
/// waiting or running; returns how many. One statement for all of them,
/// so it writes the payload's shape itself (a test reads it back).
pub async fn schedule_due(c: &impl ConnectionTrait, interval: Duration) -> Result<u64, AppError> {
    let queued = sql::exec(
        c,
        "WITH due AS ( \
             UPDATE repositories r SET next_sync_at = now() + make_interval(secs => $1) \
             WHERE next_sync_at <= now() AND NOT EXISTS ( \
               SELECT 1 FROM jobs j WHERE j.unique_key = 'sync:' || r.id AND j.state IN ('queued', 'running')) \
             RETURNING id, host) \
         INSERT INTO jobs (kind, payload, max_attempts, unique_key, lane) \
         SELECT 'sync_repository', jsonb_build_object('repository_id', id, 'reason', 'scheduled'), 5, 'sync:' || id, host \
         FROM due \
         ON CONFLICT (unique_key) WHERE state = 'queued' DO NOTHING",
        [interval.as_secs_f64().into()],
    )
    .await?;
    if queued > 0 {
        jobs::notify(c).await?;
    }
    Ok(queued)
}

/// An administrator puts a failed sync's repository back in the queue.
pub async fn requeue(c: &impl ConnectionTrait, job: i64) -> Result<RepositoryId, AppError> {
    let repository: RepositoryId = sql::value(
        c,
        "SELECT (payload->>'repository_id')::uuid AS value FROM jobs WHERE id = $1 AND kind = 'sync_repository'",
        [job.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    enqueue(c, repository, SyncReason::Requeued).await?;
    Ok(repository)
}

/// The repository's publishers learn that its sync failed for good, once:
/// not again while it keeps failing (the scheduler retries every interval).
pub async fn tell_publishers_it_failed(tx: &Tx<'_>, repository_id: RepositoryId, job: i64) -> Result<(), AppError> {
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
             SELECT p.state = 'failed' FROM jobs p WHERE p.unique_key = 'sync:' || r.id AND p.id <> $2 \
               AND p.state IN ('done', 'failed') ORDER BY p.finished_at DESC LIMIT 1), false) AS failing_before \
         FROM repositories r JOIN organisations o ON o.id = r.organisation_id WHERE r.id = $1",
        [repository_id.into(), job.into()],
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sync_job_reads_as_the_scheduler_writes_it() {
        let id = RepositoryId::new();
        // The shape `schedule_due` builds with jsonb_build_object.
        let written =
            serde_json::json!({"kind": "sync_repository", "payload": {"repository_id": id, "reason": "scheduled"}});
        let job: Job = serde_json::from_value(written).unwrap();
        assert_eq!(
            job,
            Job::SyncRepository(SyncJob {
                repository_id: id,
                reason: SyncReason::Scheduled
            })
        );
    }
}
