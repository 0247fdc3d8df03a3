//! Notifications (issue 13) and the closed sets that were plain text until
//! now: every code column allows exactly what its Rust enum holds (a test
//! compares the two: `server/tests/integration/closed_sets.rs`).

sql_migration!(
    "m20261202_000011_notifications",
    up: r#"
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN ('account_created', 'account_deleted', 'email_verified', 'login', 'login_failed', 'login_locked', 'logout_everywhere', 'password_reset_requested', 'password_reset', 'profile_updated', 'member_added', 'member_removed', 'role_changed', 'invitation_created', 'invitation_revoked', 'invitation_accepted', 'join_requested', 'join_approved', 'join_declined', 'domain_added', 'domain_removed', 'domain_joined', 'token_created', 'token_revoked', 'organisation_created', 'organisation_updated', 'organisation_verified', 'organisation_unverified', 'site_admin_changed', 'software_published', 'software_deactivated', 'repository_registered', 'repository_removed', 'webhook_secret_rotated', 'webhook_refused', 'sync_requeued'));
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_known
    CHECK (scopes <@ ARRAY['catalog:publish', 'organisation:read']::text[]);

ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('send_mail', 'send_digest'));
-- At most one queued job per key (a person's next digest): enqueueing again
-- is a no-op rather than a second mail.
ALTER TABLE jobs ADD COLUMN unique_key text CHECK (length(unique_key) <= 200);
CREATE UNIQUE INDEX jobs_unique_queued_idx ON jobs (unique_key) WHERE state = 'queued';

-- One row per person and event worth telling them; the text is made when
-- shown, in the reader's language, from the kind and these words.
CREATE TABLE notifications (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated')),
    -- What it is about, in words (an organisation's name, a repository's address).
    subject     text NOT NULL DEFAULT '' CHECK (length(subject) <= 300),
    -- Who caused it, as they were called then.
    actor_name  text CHECK (length(actor_name) <= 120),
    -- Where to look: a path on this site.
    link        text NOT NULL CHECK (link ~ '^/[^/]' AND length(link) <= 500),
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz,
    -- Sent by mail (at once or in a digest); NULL while a digest may still take it.
    mailed_at   timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- How a person wants each kind by mail; no row: not at all (opt-in).
CREATE TABLE notification_settings (
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated')),
    delivery    text NOT NULL CHECK (delivery IN ('none', 'immediately', 'daily', 'weekly')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, kind)
);

-- One key per mail sent: its one-click unsubscribe (RFC 8058). `scope` is a
-- kind, or 'digest' for everything a digest carries. Kept so that a link in
-- an old mail still works; it can only switch mail off.
CREATE TABLE unsubscribe_keys (
    key         text PRIMARY KEY CHECK (key ~ '^[0-9a-f]{64}$'),
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope       text NOT NULL CHECK (scope IN ('digest', 'join_request', 'invitation', 'sync_failed', 'entry_deactivated')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    used_at     timestamptz
);
CREATE INDEX unsubscribe_keys_user_idx ON unsubscribe_keys (user_id);
"#,
    down: r#"
DROP TABLE unsubscribe_keys;
DROP TABLE notification_settings;
DROP TABLE notifications;
DROP INDEX jobs_unique_queued_idx;
ALTER TABLE jobs DROP COLUMN unique_key;
DELETE FROM jobs WHERE kind <> 'send_mail';
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('send_mail'));
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_known;
ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
"#,
);
