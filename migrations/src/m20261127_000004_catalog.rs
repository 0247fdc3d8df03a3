//! The software catalog: one entry per software (keyed by its repository
//! URL), the log of every import, repository aliases, and the search vector
//! kept up to date by a trigger so bulk loads and the service agree.

sql_migration!(
    "m20261127_000004_catalog",
    up: r#"
CREATE TABLE software (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug              text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
    organisation_id   uuid NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    -- The file's `url` as written, and its normal form (scheme, `.git`,
    -- trailing slash and case of the host removed) that identifies the entry.
    url               text NOT NULL,
    url_key           text NOT NULL UNIQUE,
    -- An entry whose latest file is invalid stays, inactive, for its maintainers.
    active            boolean NOT NULL DEFAULT true,
    -- The latest submitted file, valid or not, and the issues found in it.
    raw               text NOT NULL,
    issues            jsonb NOT NULL DEFAULT '[]',
    -- The normalised projection of the latest valid file.
    document          jsonb NOT NULL,
    name              text NOT NULL,
    summary_de        text NOT NULL DEFAULT '',
    body_de           text NOT NULL DEFAULT '',
    summary_en        text NOT NULL DEFAULT '',
    body_en           text NOT NULL DEFAULT '',
    body_other        text NOT NULL DEFAULT '',
    -- Facets.
    development_status text NOT NULL,
    software_type     text NOT NULL,
    maintenance_type  text NOT NULL,
    license           text NOT NULL,
    licenses          text[] NOT NULL DEFAULT '{}',
    categories        text[] NOT NULL DEFAULT '{}',
    platforms         text[] NOT NULL DEFAULT '{}',
    languages         text[] NOT NULL DEFAULT '{}',
    scopes            text[] NOT NULL DEFAULT '{}',
    standards         text[] NOT NULL DEFAULT '{}',
    -- Variants: the url_keys of the software this one is based on.
    based_on          text[] NOT NULL DEFAULT '{}',
    search            tsvector NOT NULL DEFAULT ''::tsvector,
    -- Every facet value as `facet:value`, so one GIN index answers any
    -- combination of facet filters before a row is read.
    facet_tokens      text[] NOT NULL DEFAULT '{}',
    version           integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
-- Without fastupdate: a read-mostly catalog, and queries never wade
-- through a pending list after a bulk import.
CREATE INDEX software_search_idx ON software USING gin (search) WITH (fastupdate = off);
CREATE INDEX software_facet_tokens_idx ON software USING gin (facet_tokens) WITH (fastupdate = off);
CREATE INDEX software_organisation_idx ON software (organisation_id);
CREATE INDEX software_updated_idx ON software (updated_at DESC, id DESC);
CREATE INDEX software_name_idx ON software (lower(name), id);
CREATE INDEX software_name_trgm_idx ON software USING gin (lower(name) gin_trgm_ops);
CREATE INDEX software_based_on_idx ON software USING gin (based_on);

-- The search vector and the facet tokens, kept by one trigger.
-- Names rank above summaries and features, which rank above long texts.
-- German texts are stemmed as German, English as English, both unaccented
-- so "Bauantrage" finds "Bauanträge".
CREATE FUNCTION software_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search :=
        setweight(to_tsvector('simple', public.unaccent('public.unaccent', NEW.name)), 'A') ||
        setweight(to_tsvector('german', public.unaccent('public.unaccent', NEW.name)), 'A') ||
        setweight(to_tsvector('german', public.unaccent('public.unaccent', NEW.summary_de)), 'B') ||
        setweight(to_tsvector('english', public.unaccent('public.unaccent', NEW.summary_en)), 'B') ||
        setweight(to_tsvector('german', public.unaccent('public.unaccent', NEW.body_de)), 'C') ||
        setweight(to_tsvector('english', public.unaccent('public.unaccent', NEW.body_en)), 'C') ||
        setweight(to_tsvector('simple', public.unaccent('public.unaccent', NEW.body_other)), 'D');
    NEW.facet_tokens :=
        ARRAY['status:' || NEW.development_status, 'type:' || NEW.software_type, 'maintenance:' || NEW.maintenance_type] ||
        ARRAY(SELECT 'category:' || v FROM unnest(NEW.categories) AS v) ||
        ARRAY(SELECT 'license:' || v FROM unnest(NEW.licenses) AS v) ||
        ARRAY(SELECT 'platform:' || v FROM unnest(NEW.platforms) AS v) ||
        ARRAY(SELECT 'language:' || v FROM unnest(NEW.languages) AS v) ||
        ARRAY(SELECT 'scope:' || v FROM unnest(NEW.scopes) AS v) ||
        ARRAY(SELECT 'standard:' || v FROM unnest(NEW.standards) AS v);
    RETURN NEW;
END
$$;
CREATE TRIGGER software_search_vector BEFORE INSERT OR UPDATE OF name, summary_de, body_de, summary_en, body_en, body_other,
    development_status, software_type, maintenance_type, categories, licenses, platforms, languages, scopes, standards
    ON software FOR EACH ROW EXECUTE FUNCTION software_search_vector();

-- Words for "did you mean": names, summaries and features, unaccented.
CREATE TABLE catalog_words (
    word text PRIMARY KEY CHECK (length(word) BETWEEN 3 AND 60)
);
CREATE INDEX catalog_words_trgm_idx ON catalog_words USING gin (word gin_trgm_ops);

-- Other URLs a repository is known by (after a move, or http vs https).
CREATE TABLE software_aliases (
    url_key      text PRIMARY KEY,
    software_id  uuid NOT NULL REFERENCES software (id) ON DELETE CASCADE
);

CREATE TABLE software_imports (
    id           bigserial PRIMARY KEY,
    software_id  uuid REFERENCES software (id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id      uuid REFERENCES users (id) ON DELETE SET NULL,
    source       text NOT NULL CHECK (source IN ('upload', 'paste', 'editor', 'api', 'repository', 'seed')),
    outcome      text NOT NULL CHECK (outcome IN ('created', 'updated', 'unchanged', 'deactivated', 'refused')),
    issues       jsonb NOT NULL DEFAULT '[]',
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX software_imports_software_idx ON software_imports (software_id, id DESC);
"#,
    down: r#"
DROP TABLE software_imports;
DROP TABLE software_aliases;
DROP TABLE catalog_words;
DROP TABLE software;
DROP FUNCTION software_search_vector();
"#,
);
