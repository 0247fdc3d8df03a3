//! Repository syncs move onto the one job queue (issue 13): `sync_jobs`
//! goes, a sync is a `sync_repository` job. Two generic columns carry what
//! the mirror's queue had of its own: `lane` (jobs in one lane share a
//! concurrency limit: a code host's) and `outcome` (the short code of how
//! an attempt ended, for the operator). A key's job runs once at a time
//! (one sync per repository). Open syncs are carried over; finished ones
//! too, for the operator's page of the last week.

sql_migration!(
    "m20261203_000018_syncs_on_jobs",
    up: r#"
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('send_mail', 'send_digest', 'sync_repository'));
ALTER TABLE jobs ADD COLUMN lane text CHECK (length(lane) <= 300);
ALTER TABLE jobs ADD COLUMN outcome text CHECK (length(outcome) <= 100);
CREATE UNIQUE INDEX jobs_unique_running_idx ON jobs (unique_key) WHERE state = 'running';
CREATE INDEX jobs_lane_running_idx ON jobs (lane) WHERE state = 'running';
CREATE INDEX jobs_unique_key_idx ON jobs (unique_key, finished_at) WHERE unique_key IS NOT NULL;

INSERT INTO jobs (kind, payload, max_attempts, unique_key, lane, state, attempts, run_at, created_at,
                  finished_at, outcome, error)
SELECT 'sync_repository',
       -- A done job keeps no payload; its key still names the repository.
       CASE WHEN j.state = 'done' THEN '{}'::jsonb
            ELSE jsonb_build_object('repository_id', j.repository_id, 'reason', j.reason) END, 5,
       'sync:' || j.repository_id, r.host, j.state, j.attempts, j.run_at, j.created_at, j.finished_at,
       left(j.outcome, 100), left(j.error, 1000)
FROM sync_jobs j JOIN repositories r ON r.id = j.repository_id
WHERE j.state IN ('done', 'failed');
-- A running sync had a worker of the old queue: it waits again (unless
-- its repository has one waiting already).
INSERT INTO jobs (kind, payload, max_attempts, unique_key, lane, attempts, run_at, created_at)
SELECT DISTINCT ON (j.repository_id) 'sync_repository',
       jsonb_build_object('repository_id', j.repository_id, 'reason', j.reason), 5,
       'sync:' || j.repository_id, r.host, j.attempts, least(j.run_at, now()), j.created_at
FROM sync_jobs j JOIN repositories r ON r.id = j.repository_id
WHERE j.state IN ('queued', 'running')
ORDER BY j.repository_id, j.state = 'queued' DESC;
DROP TABLE sync_jobs;
"#,
    down: r#"
CREATE TABLE sync_jobs (
    id             bigserial PRIMARY KEY,
    repository_id  uuid NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    reason         text NOT NULL CHECK (reason IN ('registered', 'scheduled', 'webhook', 'manual', 'requeued', 'seed')),
    state          text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts       integer NOT NULL DEFAULT 0,
    run_at         timestamptz NOT NULL DEFAULT now(),
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    heartbeat_at   timestamptz,
    finished_at    timestamptz,
    worker         text,
    outcome        text,
    error          text
);
CREATE UNIQUE INDEX sync_jobs_one_queued ON sync_jobs (repository_id) WHERE state = 'queued';
CREATE UNIQUE INDEX sync_jobs_one_running ON sync_jobs (repository_id) WHERE state = 'running';
CREATE INDEX sync_jobs_ready_idx ON sync_jobs (run_at, id) WHERE state = 'queued';
CREATE INDEX sync_jobs_finished_idx ON sync_jobs (finished_at) WHERE state IN ('done', 'failed');
INSERT INTO sync_jobs (repository_id, reason, state, attempts, run_at, created_at, finished_at, outcome, error)
SELECT substr(unique_key, 6)::uuid, coalesce(payload->>'reason', 'scheduled'),
       CASE state WHEN 'running' THEN 'queued' ELSE state END, attempts, run_at, created_at, finished_at, outcome, error
FROM jobs j WHERE kind = 'sync_repository'
  AND EXISTS (SELECT 1 FROM repositories r WHERE 'sync:' || r.id = j.unique_key)
  AND NOT (state = 'running' AND EXISTS (
      SELECT 1 FROM jobs q WHERE q.unique_key = j.unique_key AND q.state = 'queued'));
DELETE FROM jobs WHERE kind = 'sync_repository';
DROP INDEX jobs_unique_key_idx;
DROP INDEX jobs_lane_running_idx;
DROP INDEX jobs_unique_running_idx;
ALTER TABLE jobs DROP COLUMN outcome;
ALTER TABLE jobs DROP COLUMN lane;
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('send_mail', 'send_digest'));
"#,
);
