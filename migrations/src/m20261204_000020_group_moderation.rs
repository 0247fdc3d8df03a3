//! Moderation of working groups (issue 15): a post can be hidden with a
//! reason (its text stays for the moderators and the record), flagged by
//! readers into the moderators' review queue, and every moderator's step
//! is written to the group's moderation log, which its readers may read
//! (who did what, when, why; Lemmy's modlog is the model).

sql_migration!(
    "m20261204_000020_group_moderation",
    up: r#"
ALTER TABLE group_posts ADD COLUMN hidden_at timestamptz;
ALTER TABLE group_posts ADD COLUMN hidden_by uuid REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE group_posts ADD COLUMN hidden_reason text CHECK (length(hidden_reason) BETWEEN 1 AND 500);
ALTER TABLE group_posts ADD CONSTRAINT group_posts_hidden_with_reason CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL));

CREATE TABLE group_flags (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    post_id      uuid NOT NULL REFERENCES group_posts (id) ON DELETE CASCADE,
    flagged_by   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason       text NOT NULL CHECK (reason IN ('spam', 'off_topic', 'inappropriate', 'personal_data', 'other')),
    note         text NOT NULL CHECK (length(note) <= 500),
    created_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at  timestamptz,
    resolved_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    resolution   text CHECK (resolution IN ('hidden', 'dismissed')),
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
-- One open flag per person and post.
CREATE UNIQUE INDEX group_flags_open_idx ON group_flags (post_id, flagged_by) WHERE resolved_at IS NULL;
CREATE INDEX group_flags_post_idx ON group_flags (post_id);

CREATE TABLE group_moderation_log (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    group_id       uuid NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
    moderator_id   uuid REFERENCES users (id) ON DELETE SET NULL,
    action         text NOT NULL CHECK (action IN ('hide_post', 'unhide_post', 'dismiss_flag', 'pin', 'unpin', 'lock', 'unlock')),
    thread_number  integer,
    post_number    integer,
    reason         text NOT NULL CHECK (length(reason) <= 500),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX group_moderation_log_group_idx ON group_moderation_log (group_id, created_at DESC);

ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN ('account_created', 'account_deleted', 'email_verified', 'login', 'login_failed', 'login_locked', 'logout_everywhere', 'password_reset_requested', 'password_reset', 'profile_updated', 'member_added', 'member_removed', 'role_changed', 'invitation_created', 'invitation_revoked', 'invitation_accepted', 'join_requested', 'join_approved', 'join_declined', 'domain_added', 'domain_removed', 'domain_joined', 'token_created', 'token_revoked', 'organisation_created', 'organisation_updated', 'organisation_verified', 'organisation_unverified', 'site_admin_changed', 'software_published', 'software_deactivated', 'repository_registered', 'repository_removed', 'webhook_secret_rotated', 'webhook_refused', 'sync_requeued', 'agreement_opened', 'agreement_step', 'usage_declared', 'usage_renewed', 'usage_withdrawn', 'group_created', 'group_updated', 'group_joined', 'group_left', 'group_join_requested', 'group_member_changed', 'thread_started', 'thread_moderated', 'post_edited', 'post_flagged', 'post_moderated'));
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring', 'group_join_request', 'group_admitted', 'group_reply', 'group_flagged'));
ALTER TABLE notification_settings DROP CONSTRAINT notification_settings_kind_check;
ALTER TABLE notification_settings ADD CONSTRAINT notification_settings_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring', 'group_join_request', 'group_admitted', 'group_reply', 'group_flagged'));
ALTER TABLE unsubscribe_keys DROP CONSTRAINT unsubscribe_keys_scope_check;
ALTER TABLE unsubscribe_keys ADD CONSTRAINT unsubscribe_keys_scope_check CHECK (scope IN ('digest', 'join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring', 'group_join_request', 'group_admitted', 'group_reply', 'group_flagged'));
"#,
    down: r#"
DELETE FROM unsubscribe_keys WHERE scope = 'group_flagged';
ALTER TABLE unsubscribe_keys DROP CONSTRAINT unsubscribe_keys_scope_check;
ALTER TABLE unsubscribe_keys ADD CONSTRAINT unsubscribe_keys_scope_check CHECK (scope IN ('digest', 'join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring', 'group_join_request', 'group_admitted', 'group_reply'));
DELETE FROM notification_settings WHERE kind = 'group_flagged';
ALTER TABLE notification_settings DROP CONSTRAINT notification_settings_kind_check;
ALTER TABLE notification_settings ADD CONSTRAINT notification_settings_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring', 'group_join_request', 'group_admitted', 'group_reply'));
DELETE FROM notifications WHERE kind = 'group_flagged';
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring', 'group_join_request', 'group_admitted', 'group_reply'));
DELETE FROM audit_events WHERE action IN ('post_flagged', 'post_moderated');
ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN ('account_created', 'account_deleted', 'email_verified', 'login', 'login_failed', 'login_locked', 'logout_everywhere', 'password_reset_requested', 'password_reset', 'profile_updated', 'member_added', 'member_removed', 'role_changed', 'invitation_created', 'invitation_revoked', 'invitation_accepted', 'join_requested', 'join_approved', 'join_declined', 'domain_added', 'domain_removed', 'domain_joined', 'token_created', 'token_revoked', 'organisation_created', 'organisation_updated', 'organisation_verified', 'organisation_unverified', 'site_admin_changed', 'software_published', 'software_deactivated', 'repository_registered', 'repository_removed', 'webhook_secret_rotated', 'webhook_refused', 'sync_requeued', 'agreement_opened', 'agreement_step', 'usage_declared', 'usage_renewed', 'usage_withdrawn', 'group_created', 'group_updated', 'group_joined', 'group_left', 'group_join_requested', 'group_member_changed', 'thread_started', 'thread_moderated', 'post_edited'));
DROP TABLE group_moderation_log;
DROP TABLE group_flags;
ALTER TABLE group_posts DROP CONSTRAINT group_posts_hidden_with_reason;
ALTER TABLE group_posts DROP COLUMN hidden_reason;
ALTER TABLE group_posts DROP COLUMN hidden_by;
ALTER TABLE group_posts DROP COLUMN hidden_at;
"#,
);
