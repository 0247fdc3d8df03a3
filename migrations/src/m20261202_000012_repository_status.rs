//! A repository's status allows exactly the codes of
//! `app::mirror::status::RepositoryStatus` (the closed-set test compares them).

sql_migration!(
    "m20261202_000012_repository_status",
    up: r#"
ALTER TABLE repositories ADD CONSTRAINT repositories_status_check CHECK (status IN ('pending', 'syncing', 'ok', 'not_found', 'timed_out', 'stalled', 'too_large', 'redirect_refused', 'unsupported_server', 'empty', 'network', 'git_error', 'malformed', 'scheme', 'credentials', 'unresolvable', 'metadata_address', 'internal_address', 'local_path', 'internal'));
"#,
    down: r#"
ALTER TABLE repositories DROP CONSTRAINT repositories_status_check;
"#,
);
