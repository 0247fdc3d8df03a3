//! Working groups (issue 15): a group with its description (Markdown
//! source and the sanitised HTML rendered once when written), who may see
//! it (`visibility`) and how one joins (`joining`), optionally the catalog
//! entry or reuse agreement it is about; its members with their roles, the
//! requests to join, and its threads of flat posts. A thread is numbered
//! within its group and a post within its thread, so that addresses stay
//! stable however a thread is paged; the counters on the parent row hand
//! out the numbers (its row lock puts two posts at once one after the
//! other). Every edit keeps the text it replaced (`group_post_revisions`).

sql_migration!(
    "m20261204_000019_working_groups",
    up: r#"
CREATE TABLE working_groups (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug              text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) BETWEEN 2 AND 80),
    name              text NOT NULL CHECK (length(name) BETWEEN 3 AND 120),
    summary           text NOT NULL CHECK (length(summary) <= 300),
    description_md    text NOT NULL CHECK (length(description_md) <= 20000),
    description_html  text NOT NULL,
    visibility        text NOT NULL CHECK (visibility IN ('public', 'members')),
    joining           text NOT NULL CHECK (joining IN ('open', 'request', 'invitation')),
    topics            text[] NOT NULL DEFAULT '{}'
        CHECK (topics <@ ARRAY['ai', 'data_fabric', 'it_resilience', 'open_source', 'register_modernisation', 'ozg', 'accessibility', 'cloud']::text[]),
    land              text CHECK (land IS NULL OR land ~ '^DE-[A-Z]{2}$'),
    software_id       uuid REFERENCES software (id) ON DELETE SET NULL,
    agreement_id      uuid REFERENCES reuse_agreements (id) ON DELETE SET NULL,
    created_by        uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- Hands out thread numbers; counts threads ever started.
    threads_started   integer NOT NULL DEFAULT 0 CHECK (threads_started >= 0),
    last_activity_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX working_groups_software_idx ON working_groups (software_id) WHERE software_id IS NOT NULL;
CREATE INDEX working_groups_agreement_idx ON working_groups (agreement_id) WHERE agreement_id IS NOT NULL;
CREATE INDEX working_groups_activity_idx ON working_groups (last_activity_at DESC);
CREATE INDEX working_groups_topics_idx ON working_groups USING gin (topics);

CREATE TABLE group_members (
    group_id   uuid NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('chair', 'moderator', 'member')),
    joined_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user_idx ON group_members (user_id);

CREATE TABLE group_join_requests (
    group_id    uuid NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message     text NOT NULL CHECK (length(message) <= 1000),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE group_threads (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    group_id      uuid NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
    number        integer NOT NULL CHECK (number > 0),
    title         text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
    author_id     uuid REFERENCES users (id) ON DELETE SET NULL,
    pinned        boolean NOT NULL DEFAULT false,
    locked        boolean NOT NULL DEFAULT false,
    -- Hands out post numbers; a post's number never changes.
    post_count    integer NOT NULL DEFAULT 0 CHECK (post_count >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_post_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (group_id, number)
);
-- The group page: pinned first, then by the latest post.
CREATE INDEX group_threads_listing_idx ON group_threads (group_id, pinned DESC, last_post_at DESC);

CREATE TABLE group_posts (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    thread_id   uuid NOT NULL REFERENCES group_threads (id) ON DELETE CASCADE,
    number      integer NOT NULL CHECK (number > 0),
    author_id   uuid REFERENCES users (id) ON DELETE SET NULL,
    reply_to    integer CHECK (reply_to > 0 AND reply_to < number),
    body_md     text NOT NULL CHECK (length(body_md) BETWEEN 1 AND 20000),
    body_html   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    edited_at   timestamptz,
    revisions   integer NOT NULL DEFAULT 0 CHECK (revisions >= 0),
    UNIQUE (thread_id, number)
);
CREATE INDEX group_posts_author_idx ON group_posts (author_id);

-- The text an edit replaced, and who replaced it when.
CREATE TABLE group_post_revisions (
    post_id    uuid NOT NULL REFERENCES group_posts (id) ON DELETE CASCADE,
    revision   integer NOT NULL CHECK (revision > 0),
    body_md    text NOT NULL,
    edited_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    edited_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (post_id, revision)
);

ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN ('account_created', 'account_deleted', 'email_verified', 'login', 'login_failed', 'login_locked', 'logout_everywhere', 'password_reset_requested', 'password_reset', 'profile_updated', 'member_added', 'member_removed', 'role_changed', 'invitation_created', 'invitation_revoked', 'invitation_accepted', 'join_requested', 'join_approved', 'join_declined', 'domain_added', 'domain_removed', 'domain_joined', 'token_created', 'token_revoked', 'organisation_created', 'organisation_updated', 'organisation_verified', 'organisation_unverified', 'site_admin_changed', 'software_published', 'software_deactivated', 'repository_registered', 'repository_removed', 'webhook_secret_rotated', 'webhook_refused', 'sync_requeued', 'agreement_opened', 'agreement_step', 'usage_declared', 'usage_renewed', 'usage_withdrawn', 'group_created', 'group_updated', 'group_joined', 'group_left', 'group_join_requested', 'group_member_changed', 'thread_started', 'thread_moderated', 'post_edited'));
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring', 'group_join_request', 'group_admitted', 'group_reply'));
ALTER TABLE notification_settings DROP CONSTRAINT notification_settings_kind_check;
ALTER TABLE notification_settings ADD CONSTRAINT notification_settings_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring', 'group_join_request', 'group_admitted', 'group_reply'));
ALTER TABLE unsubscribe_keys DROP CONSTRAINT unsubscribe_keys_scope_check;
ALTER TABLE unsubscribe_keys ADD CONSTRAINT unsubscribe_keys_scope_check CHECK (scope IN ('digest', 'join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring', 'group_join_request', 'group_admitted', 'group_reply'));
"#,
    down: r#"
DELETE FROM unsubscribe_keys WHERE scope IN ('group_join_request', 'group_admitted', 'group_reply');
ALTER TABLE unsubscribe_keys DROP CONSTRAINT unsubscribe_keys_scope_check;
ALTER TABLE unsubscribe_keys ADD CONSTRAINT unsubscribe_keys_scope_check CHECK (scope IN ('digest', 'join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring'));
DELETE FROM notification_settings WHERE kind IN ('group_join_request', 'group_admitted', 'group_reply');
ALTER TABLE notification_settings DROP CONSTRAINT notification_settings_kind_check;
ALTER TABLE notification_settings ADD CONSTRAINT notification_settings_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring'));
DELETE FROM notifications WHERE kind IN ('group_join_request', 'group_admitted', 'group_reply');
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step', 'usage_declared', 'usage_expiring'));
DELETE FROM audit_events WHERE action IN ('group_created', 'group_updated', 'group_joined', 'group_left', 'group_join_requested', 'group_member_changed', 'thread_started', 'thread_moderated', 'post_edited');
ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN ('account_created', 'account_deleted', 'email_verified', 'login', 'login_failed', 'login_locked', 'logout_everywhere', 'password_reset_requested', 'password_reset', 'profile_updated', 'member_added', 'member_removed', 'role_changed', 'invitation_created', 'invitation_revoked', 'invitation_accepted', 'join_requested', 'join_approved', 'join_declined', 'domain_added', 'domain_removed', 'domain_joined', 'token_created', 'token_revoked', 'organisation_created', 'organisation_updated', 'organisation_verified', 'organisation_unverified', 'site_admin_changed', 'software_published', 'software_deactivated', 'repository_registered', 'repository_removed', 'webhook_secret_rotated', 'webhook_refused', 'sync_requeued', 'agreement_opened', 'agreement_step', 'usage_declared', 'usage_renewed', 'usage_withdrawn'));
DROP TABLE group_post_revisions;
DROP TABLE group_posts;
DROP TABLE group_threads;
DROP TABLE group_join_requests;
DROP TABLE group_members;
DROP TABLE working_groups;
"#,
);
