//! Administrations (organisations): the parties of everything else.

sql_migration!(
    "m20261127_000001_organisations",
    up: r#"
CREATE TABLE organisations (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug          text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
    name_de       text NOT NULL CHECK (length(name_de) BETWEEN 1 AND 300),
    name_en       text CHECK (name_en IS NULL OR length(name_en) BETWEEN 1 AND 300),
    short_name    text CHECK (short_name IS NULL OR length(short_name) BETWEEN 1 AND 60),
    kind          text NOT NULL CHECK (kind IN ('bund', 'land', 'kreis', 'gemeinde', 'zweckverband', 'it_dienstleister', 'hochschule', 'other')),
    parent_id     uuid REFERENCES organisations (id) ON DELETE RESTRICT,
    -- ISO 3166-2 code of the Land ('DE-SH'); NULL for federal bodies.
    land          text CHECK (land IS NULL OR land ~ '^DE-[A-Z]{2}$'),
    -- Amtlicher Regionalschlüssel, 2 to 12 digits.
    ars           text CHECK (ars IS NULL OR ars ~ '^[0-9]{2,12}$'),
    leitweg_id    text CHECK (leitweg_id IS NULL OR length(leitweg_id) <= 46),
    -- What publiccode.yml files name as organisation.uri.
    uri           text UNIQUE,
    website       text,
    contact_email text,
    verified      boolean NOT NULL DEFAULT false,
    -- Optimistic locking: every update bumps it and names the version it read.
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_parent_idx ON organisations (parent_id);
CREATE INDEX organisations_land_kind_idx ON organisations (land, kind);
"#,
    down: "DROP TABLE organisations;",
);
