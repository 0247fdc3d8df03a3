//! Reuse (issue 14), usage declarations: an organisation's member says
//! that it uses a catalog entry (which version, for what, whom to ask, where
//! it runs). A declaration counts as verified while its organisation is
//! verified, and lapses at `expires_at` unless renewed; its author is
//! reminded once before (`reminded_at`). One per organisation and entry:
//! declaring again updates and renews it. API tokens gain the scopes
//! `reuse:read` and `reuse:write`.

sql_migration!(
    "m20261203_000016_usage_declarations",
    up: r#"
CREATE TABLE usage_declarations (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    software_id      uuid NOT NULL REFERENCES software (id) ON DELETE CASCADE,
    organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    author_id        uuid REFERENCES users (id) ON DELETE SET NULL,
    contact_id       uuid REFERENCES users (id) ON DELETE SET NULL,
    version          text NOT NULL CHECK (length(version) BETWEEN 1 AND 100),
    use_case         text NOT NULL CHECK (length(use_case) BETWEEN 1 AND 500),
    instance_url     text CHECK (length(instance_url) BETWEEN 1 AND 500),
    instance_public  boolean NOT NULL DEFAULT false,
    declared_at      timestamptz NOT NULL DEFAULT now(),
    renewed_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    reminded_at      timestamptz,
    UNIQUE (software_id, organisation_id),
    CHECK (expires_at > renewed_at)
);
CREATE INDEX usage_declarations_organisation_idx ON usage_declarations (organisation_id);
-- The reminder looks only at declarations not yet reminded.
CREATE INDEX usage_declarations_reminder_idx ON usage_declarations (expires_at) WHERE reminded_at IS NULL;

ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN ('account_created', 'account_deleted', 'email_verified', 'login', 'login_failed', 'login_locked', 'logout_everywhere', 'password_reset_requested', 'password_reset', 'profile_updated', 'member_added', 'member_removed', 'role_changed', 'invitation_created', 'invitation_revoked', 'invitation_accepted', 'join_requested', 'join_approved', 'join_declined', 'domain_added', 'domain_removed', 'domain_joined', 'token_created', 'token_revoked', 'organisation_created', 'organisation_updated', 'organisation_verified', 'organisation_unverified', 'site_admin_changed', 'software_published', 'software_deactivated', 'repository_registered', 'repository_removed', 'webhook_secret_rotated', 'webhook_refused', 'sync_requeued', 'agreement_opened', 'agreement_step', 'usage_declared', 'usage_renewed', 'usage_withdrawn'));
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring'));
ALTER TABLE notification_settings DROP CONSTRAINT notification_settings_kind_check;
ALTER TABLE notification_settings ADD CONSTRAINT notification_settings_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring'));
ALTER TABLE unsubscribe_keys DROP CONSTRAINT unsubscribe_keys_scope_check;
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_known;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_known
    CHECK (scopes <@ ARRAY['catalog:publish', 'organisation:read', 'reuse:read', 'reuse:write']::text[]);
ALTER TABLE unsubscribe_keys ADD CONSTRAINT unsubscribe_keys_scope_check CHECK (scope IN ('digest', 'join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring'));
"#,
    down: r#"
DELETE FROM api_tokens WHERE NOT scopes <@ ARRAY['catalog:publish', 'organisation:read']::text[];
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_known;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_known
    CHECK (scopes <@ ARRAY['catalog:publish', 'organisation:read']::text[]);
DELETE FROM unsubscribe_keys WHERE scope IN ('usage_declared', 'usage_expiring');
ALTER TABLE unsubscribe_keys DROP CONSTRAINT unsubscribe_keys_scope_check;
ALTER TABLE unsubscribe_keys ADD CONSTRAINT unsubscribe_keys_scope_check CHECK (scope IN ('digest', 'join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step'));
DELETE FROM notification_settings WHERE kind IN ('usage_declared', 'usage_expiring');
ALTER TABLE notification_settings DROP CONSTRAINT notification_settings_kind_check;
ALTER TABLE notification_settings ADD CONSTRAINT notification_settings_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step'));
DELETE FROM notifications WHERE kind IN ('usage_declared', 'usage_expiring');
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step'));
DELETE FROM audit_events WHERE action IN ('usage_declared', 'usage_renewed', 'usage_withdrawn');
ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN ('account_created', 'account_deleted', 'email_verified', 'login', 'login_failed', 'login_locked', 'logout_everywhere', 'password_reset_requested', 'password_reset', 'profile_updated', 'member_added', 'member_removed', 'role_changed', 'invitation_created', 'invitation_revoked', 'invitation_accepted', 'join_requested', 'join_approved', 'join_declined', 'domain_added', 'domain_removed', 'domain_joined', 'token_created', 'token_revoked', 'organisation_created', 'organisation_updated', 'organisation_verified', 'organisation_unverified', 'site_admin_changed', 'software_published', 'software_deactivated', 'repository_registered', 'repository_removed', 'webhook_secret_rotated', 'webhook_refused', 'sync_requeued', 'agreement_opened', 'agreement_step'));
DROP TABLE usage_declarations;
"#,
);
