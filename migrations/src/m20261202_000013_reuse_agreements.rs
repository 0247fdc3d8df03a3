//! Reuse agreements (issue 14), first part: distribution keys as data, the
//! agreements with their parties and signatures, and every step's history.
//! Usage declarations, cost blocks and documents follow in their own
//! migrations. Codes are closed sets of `app::reuse` (the closed-set test
//! compares them).

sql_migration!(
    "m20261202_000013_reuse_agreements",
    up: r#"
-- A key table: the Königsteiner Schlüssel of a year, a population table.
CREATE TABLE distribution_keys (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    year       integer NOT NULL CHECK (year BETWEEN 1949 AND 2100),
    -- percent: weights at five decimal places, adding up to 100; count: as is.
    unit       text NOT NULL CHECK (unit IN ('percent', 'count')),
    source     text NOT NULL CHECK (length(source) BETWEEN 1 AND 2000),
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name, year)
);
CREATE TABLE distribution_key_weights (
    key_id  uuid NOT NULL REFERENCES distribution_keys (id) ON DELETE CASCADE,
    land    text NOT NULL CHECK (land ~ '^DE-[A-Z]{2}$'),
    weight  bigint NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (key_id, land)
);

CREATE TABLE reuse_agreements (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    software_id       uuid NOT NULL REFERENCES software (id) ON DELETE RESTRICT,
    -- Which versions it covers, as the parties write it ("ab 2.0").
    versions          text CHECK (length(versions) <= 100),
    kind              text NOT NULL CHECK (kind IN ('fit_store', 'efa_marketplace', 'administrative_agreement', 'cooperation_agreement', 'development_partnership', 'licence_only', 'shared_operation')),
    legal_basis       text CHECK (legal_basis IN ('gwb_108_1', 'gwb_108_4', 'gwb_108_6', 'kieler_beschluesse', 'art_91c_gg', 'staatsvertrag', 'other')),
    legal_basis_note  text CHECK (length(legal_basis_note) <= 1000),
    -- What the reusing side asked for, in its own words.
    request_message   text CHECK (length(request_message) <= 4000),
    -- The conditions the provider states (Interoperable Europe Act, Art. 4 (2)).
    support           text CHECK (length(support) <= 4000),
    maintenance       text CHECK (length(maintenance) <= 4000),
    contribute_back   boolean NOT NULL DEFAULT false,
    status            text NOT NULL CHECK (status IN ('interest_expressed', 'coordination', 'terms_proposed', 'signed', 'active', 'notice_given', 'ended', 'withdrawn', 'declined')),
    starts_on         date,
    ends_on           date CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
    notice_months     integer CHECK (notice_months BETWEEN 0 AND 120),
    -- The parties chose to show amounts, documents and contacts to everyone.
    confidential_public boolean NOT NULL DEFAULT false,
    -- Optimistic locking: every change names the version it read.
    version           integer NOT NULL DEFAULT 1,
    created_by        uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reuse_agreements_software_idx ON reuse_agreements (software_id);
CREATE INDEX reuse_agreements_status_idx ON reuse_agreements (status);

-- The organisations bound by an agreement; one provider, one or more
-- reusers, at most one intermediary. A signature is the party's.
CREATE TABLE agreement_parties (
    agreement_id     uuid NOT NULL REFERENCES reuse_agreements (id) ON DELETE CASCADE,
    organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    role             text NOT NULL CHECK (role IN ('provider', 'reuser', 'intermediary')),
    contact_id       uuid REFERENCES users (id) ON DELETE SET NULL,
    signed_at        timestamptz,
    -- Who signed; NULL once that person's account is deleted.
    signed_by        uuid REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (agreement_id, organisation_id),
    CHECK (signed_by IS NULL OR signed_at IS NOT NULL)
);
CREATE UNIQUE INDEX agreement_parties_one_provider_idx ON agreement_parties (agreement_id) WHERE role = 'provider';
CREATE UNIQUE INDEX agreement_parties_one_intermediary_idx ON agreement_parties (agreement_id) WHERE role = 'intermediary';
CREATE INDEX agreement_parties_organisation_idx ON agreement_parties (organisation_id);

-- Every step and edit: who, for which party, when, and what changed.
CREATE TABLE agreement_history (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id  uuid NOT NULL REFERENCES reuse_agreements (id) ON DELETE CASCADE,
    at            timestamptz NOT NULL DEFAULT now(),
    actor_id      uuid REFERENCES users (id) ON DELETE SET NULL,
    acting_for    uuid REFERENCES organisations (id) ON DELETE SET NULL,
    action        text NOT NULL CHECK (action IN ('open', 'edit', 'accept', 'decline', 'withdraw', 'propose_terms', 'request_changes', 'sign', 'activate', 'give_notice', 'end')),
    from_status   text,
    to_status     text NOT NULL,
    -- Per changed field: {"field": [before, after]}.
    changes       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX agreement_history_agreement_idx ON agreement_history (agreement_id, id);

ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN ('account_created', 'account_deleted', 'email_verified', 'login', 'login_failed', 'login_locked', 'logout_everywhere', 'password_reset_requested', 'password_reset', 'profile_updated', 'member_added', 'member_removed', 'role_changed', 'invitation_created', 'invitation_revoked', 'invitation_accepted', 'join_requested', 'join_approved', 'join_declined', 'domain_added', 'domain_removed', 'domain_joined', 'token_created', 'token_revoked', 'organisation_created', 'organisation_updated', 'organisation_verified', 'organisation_unverified', 'site_admin_changed', 'software_published', 'software_deactivated', 'repository_registered', 'repository_removed', 'webhook_secret_rotated', 'webhook_refused', 'sync_requeued', 'agreement_opened', 'agreement_step'));

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step'));
ALTER TABLE notification_settings DROP CONSTRAINT notification_settings_kind_check;
ALTER TABLE notification_settings ADD CONSTRAINT notification_settings_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step'));
ALTER TABLE unsubscribe_keys DROP CONSTRAINT unsubscribe_keys_scope_check;
ALTER TABLE unsubscribe_keys ADD CONSTRAINT unsubscribe_keys_scope_check CHECK (scope IN ('digest', 'join_request', 'invitation', 'sync_failed', 'entry_deactivated', 'reuse_requested', 'agreement_step'));
"#,
    down: r#"
DELETE FROM unsubscribe_keys WHERE scope IN ('reuse_requested', 'agreement_step');
ALTER TABLE unsubscribe_keys DROP CONSTRAINT unsubscribe_keys_scope_check;
ALTER TABLE unsubscribe_keys ADD CONSTRAINT unsubscribe_keys_scope_check CHECK (scope IN ('digest', 'join_request', 'invitation', 'sync_failed', 'entry_deactivated'));
DELETE FROM notification_settings WHERE kind IN ('reuse_requested', 'agreement_step');
ALTER TABLE notification_settings DROP CONSTRAINT notification_settings_kind_check;
ALTER TABLE notification_settings ADD CONSTRAINT notification_settings_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated'));
DELETE FROM notifications WHERE kind IN ('reuse_requested', 'agreement_step');
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('join_request', 'invitation', 'sync_failed', 'entry_deactivated'));
DELETE FROM audit_events WHERE action IN ('agreement_opened', 'agreement_step');
ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN ('account_created', 'account_deleted', 'email_verified', 'login', 'login_failed', 'login_locked', 'logout_everywhere', 'password_reset_requested', 'password_reset', 'profile_updated', 'member_added', 'member_removed', 'role_changed', 'invitation_created', 'invitation_revoked', 'invitation_accepted', 'join_requested', 'join_approved', 'join_declined', 'domain_added', 'domain_removed', 'domain_joined', 'token_created', 'token_revoked', 'organisation_created', 'organisation_updated', 'organisation_verified', 'organisation_unverified', 'site_admin_changed', 'software_published', 'software_deactivated', 'repository_registered', 'repository_removed', 'webhook_secret_rotated', 'webhook_refused', 'sync_requeued'));
DROP TABLE agreement_history;
DROP TABLE agreement_parties;
DROP TABLE reuse_agreements;
DROP TABLE distribution_key_weights;
DROP TABLE distribution_keys;
"#,
);
