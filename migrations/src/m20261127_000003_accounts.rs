//! People, how they sign in, their sessions and their roles in administrations.

sql_migration!(
    "m20261127_000003_accounts",
    up: r#"
CREATE TABLE users (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
    -- Contact address; verified when a mail link was followed or the
    -- identity provider vouched for it.
    email           text CHECK (email IS NULL OR length(email) <= 254),
    email_verified  boolean NOT NULL DEFAULT false,
    locale          text NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
    is_site_admin   boolean NOT NULL DEFAULT false,
    -- Shown instead of the name once the account is deleted.
    pseudonym       text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_login_at   timestamptz,
    deleted_at      timestamptz
);

-- Local accounts: e-mail and password, switched on by the operator.
CREATE TABLE local_logins (
    user_id         uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email           text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
    password_hash   text NOT NULL,
    verified_at     timestamptz,
    failed_attempts integer NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    password_changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX local_logins_email_key ON local_logins (email);

-- OpenID Connect identities: matched by provider and subject, never by e-mail.
CREATE TABLE oidc_identities (
    provider        text NOT NULL,
    subject         text NOT NULL,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email           text,
    email_verified  boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_login_at   timestamptz,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX oidc_identities_user_idx ON oidc_identities (user_id);

-- Links sent by mail; only a hash of the secret is stored.
CREATE TABLE mail_tokens (
    token_hash      bytea PRIMARY KEY,
    purpose         text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz
);
CREATE INDEX mail_tokens_user_idx ON mail_tokens (user_id);

-- tower-sessions records; user_id is copied out of the data so that every
-- session of one user can be listed and ended.
CREATE TABLE sessions (
    id              text PRIMARY KEY,
    user_id         uuid REFERENCES users (id) ON DELETE CASCADE,
    data            jsonb NOT NULL,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE memberships (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            text NOT NULL CHECK (role IN ('owner', 'publisher', 'member')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE invitations (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    email           text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
    role            text NOT NULL CHECK (role IN ('owner', 'publisher', 'member')),
    token_hash      bytea NOT NULL UNIQUE,
    invited_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    accepted_by     uuid REFERENCES users (id) ON DELETE SET NULL,
    accepted_at     timestamptz,
    revoked_at      timestamptz
);
CREATE UNIQUE INDEX invitations_open_key ON invitations (organisation_id, email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX invitations_email_idx ON invitations (email);

CREATE TABLE join_requests (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message         text NOT NULL DEFAULT '' CHECK (length(message) <= 1000),
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    decided_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    decided_at      timestamptz
);
CREATE UNIQUE INDEX join_requests_pending_key ON join_requests (organisation_id, user_id) WHERE status = 'pending';

-- Mail domains an organisation vouches for: a verified address there joins it.
CREATE TABLE organisation_domains (
    domain          text PRIMARY KEY CHECK (domain = lower(domain) AND domain ~ '^([a-z0-9-]+\.)+[a-z]{2,}$'),
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    created_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisation_domains_org_idx ON organisation_domains (organisation_id);

CREATE TABLE api_tokens (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- The first characters of the token, shown so that its owner recognises it.
    prefix          text NOT NULL,
    token_hash      bytea NOT NULL UNIQUE,
    scopes          text[] NOT NULL CHECK (cardinality(scopes) > 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE audit_events (
    id              bigserial PRIMARY KEY,
    occurred_at     timestamptz NOT NULL DEFAULT now(),
    actor_id        uuid REFERENCES users (id) ON DELETE SET NULL,
    organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
    action          text NOT NULL,
    -- Who or what the event is about, in words (an e-mail address, a token name).
    subject         text NOT NULL DEFAULT '',
    details         jsonb NOT NULL DEFAULT '{}'::jsonb,
    ip              text
);
CREATE INDEX audit_events_time_idx ON audit_events (occurred_at DESC);
CREATE INDEX audit_events_org_idx ON audit_events (organisation_id, occurred_at DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at DESC);
"#,
    down: r#"
DROP TABLE audit_events;
DROP TABLE api_tokens;
DROP TABLE organisation_domains;
DROP TABLE join_requests;
DROP TABLE invitations;
DROP TABLE memberships;
DROP TABLE sessions;
DROP TABLE mail_tokens;
DROP TABLE oidc_identities;
DROP TABLE local_logins;
DROP TABLE users;
"#,
);
