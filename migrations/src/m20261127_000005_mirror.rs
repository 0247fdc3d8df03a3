//! Git mirroring: the repositories publishers register, the figures each
//! sync extracts (stored as JSON on the row, so a page reads one row), and
//! the job queue the workers take from with `FOR UPDATE SKIP LOCKED`.

sql_migration!(
    "m20261127_000005_mirror",
    up: r#"
CREATE TABLE repositories (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    url              text NOT NULL CHECK (length(url) <= 500),
    url_key          text NOT NULL UNIQUE,
    -- Lower-case host: the unit of politeness (empty for local paths).
    host             text NOT NULL,
    webhook_secret   text NOT NULL,
    created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    status           text NOT NULL DEFAULT 'pending',
    status_detail    text,
    last_attempt_at  timestamptz,
    last_success_at  timestamptz,
    next_sync_at     timestamptz NOT NULL DEFAULT now(),
    refs_digest      text,
    extractor        integer NOT NULL DEFAULT 0,
    size_bytes       bigint NOT NULL DEFAULT 0,
    software_id      uuid REFERENCES software (id) ON DELETE SET NULL,
    facts            jsonb,
    health           jsonb,
    readme_html      text
);
CREATE INDEX repositories_org_idx ON repositories (organisation_id);
CREATE INDEX repositories_software_idx ON repositories (software_id);
CREATE INDEX repositories_due_idx ON repositories (next_sync_at);

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
-- At most one waiting and one running job per repository.
CREATE UNIQUE INDEX sync_jobs_one_queued ON sync_jobs (repository_id) WHERE state = 'queued';
CREATE UNIQUE INDEX sync_jobs_one_running ON sync_jobs (repository_id) WHERE state = 'running';
CREATE INDEX sync_jobs_ready_idx ON sync_jobs (run_at, id) WHERE state = 'queued';
CREATE INDEX sync_jobs_finished_idx ON sync_jobs (finished_at) WHERE state IN ('done', 'failed');
"#,
    down: r#"
DROP TABLE sync_jobs;
DROP TABLE repositories;
"#,
);
