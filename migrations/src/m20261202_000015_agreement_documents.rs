//! Reuse agreements (issue 14), the confidential parts: documents (PDF and
//! ODF, checked by content before they are stored here, so that every web
//! process serves them and a backup holds them, each with its SHA-256), and
//! each party's consent to publish what is confidential. The agreement's
//! own `confidential_public` gives way to that consent: the parts are
//! public once every party agrees, and private again when one withdraws.

sql_migration!(
    "m20261202_000015_agreement_documents",
    up: r#"
CREATE TABLE agreement_documents (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agreement_id  uuid NOT NULL REFERENCES reuse_agreements (id) ON DELETE CASCADE,
    title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    -- A `DocumentType` code of app::reuse::documents, read from the content.
    media_type    text NOT NULL CHECK (media_type IN ('pdf', 'odt', 'ods', 'odp')),
    size_bytes    integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10000000),
    sha256        bytea NOT NULL CHECK (length(sha256) = 32),
    content       bytea NOT NULL CHECK (length(content) = size_bytes),
    uploaded_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    uploaded_for  uuid REFERENCES organisations (id) ON DELETE SET NULL,
    uploaded_at   timestamptz NOT NULL DEFAULT now()
);
-- The bytes stay out of line; the list reads only the other columns.
ALTER TABLE agreement_documents ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX agreement_documents_agreement_idx ON agreement_documents (agreement_id, uploaded_at);

ALTER TABLE agreement_parties ADD COLUMN publishes_confidential boolean NOT NULL DEFAULT false;
UPDATE agreement_parties p SET publishes_confidential = true
  FROM reuse_agreements a WHERE a.id = p.agreement_id AND a.confidential_public;
ALTER TABLE reuse_agreements DROP COLUMN confidential_public;
"#,
    down: r#"
ALTER TABLE reuse_agreements ADD COLUMN confidential_public boolean NOT NULL DEFAULT false;
UPDATE reuse_agreements a SET confidential_public = true
 WHERE NOT EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND NOT p.publishes_confidential);
ALTER TABLE agreement_parties DROP COLUMN publishes_confidential;
DROP TABLE agreement_documents;
"#,
);
