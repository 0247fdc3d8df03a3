//! The one queue for background work that a change asks for (mail first;
//! notifications and digests next). A job is written in the transaction of
//! the change, so a rolled-back change leaves none; workers claim with
//! `FOR UPDATE SKIP LOCKED` and are woken by `NOTIFY allmende_jobs`, which
//! PostgreSQL delivers on commit.

sql_migration!(
    "m20261202_000010_jobs",
    up: r#"
CREATE TABLE jobs (
    id            bigserial PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('send_mail')),
    -- What the job needs; a mail's body (which may hold a sign-in link) is
    -- dropped once the job is done or has failed for good.
    payload       jsonb NOT NULL,
    state         text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts  integer NOT NULL CHECK (max_attempts > 0),
    run_at        timestamptz NOT NULL DEFAULT now(),
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    heartbeat_at  timestamptz,
    finished_at   timestamptz,
    worker        text,
    error         text CHECK (length(error) <= 1000)
);
CREATE INDEX jobs_ready_idx ON jobs (run_at, id) WHERE state = 'queued';
CREATE INDEX jobs_running_idx ON jobs (heartbeat_at) WHERE state = 'running';
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE state IN ('done', 'failed');
"#,
    down: r#"
DROP TABLE jobs;
"#,
);
