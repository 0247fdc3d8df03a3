//! Failed logins slow the guesser down instead of locking the account: one
//! counter per account and client address and one per account, each keyed
//! by a digest (no address is stored in the clear), with the time the next
//! attempt is allowed.

sql_migration!(
    "m20261201_000008_login_throttles",
    up: r#"
CREATE TABLE login_throttles (
    key         text PRIMARY KEY,
    failures    integer NOT NULL CHECK (failures > 0),
    not_before  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX login_throttles_updated_idx ON login_throttles (updated_at);
ALTER TABLE local_logins DROP COLUMN failed_attempts, DROP COLUMN locked_until;
"#,
    down: r#"
ALTER TABLE local_logins ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz;
DROP TABLE login_throttles;
"#,
);
