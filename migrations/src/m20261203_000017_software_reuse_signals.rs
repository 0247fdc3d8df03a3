//! Reuse as a catalog signal (issue 14): how many administrations use an
//! entry (verified declarations and reusers of agreements in force, each
//! organisation once) and which kinds of use it has (`used`,
//! `agreement`), kept on the entry by `server::reuse::signals`, so that the
//! search filters on them through the facet tokens and ranks by them
//! without a join.

sql_migration!(
    "m20261203_000017_software_reuse_signals",
    up: r#"
ALTER TABLE software ADD COLUMN reuse_count integer NOT NULL DEFAULT 0 CHECK (reuse_count >= 0);
ALTER TABLE software ADD COLUMN reuse_signals text[] NOT NULL DEFAULT '{}'
    CHECK (reuse_signals <@ ARRAY['used', 'agreement']::text[]);
CREATE OR REPLACE FUNCTION software_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
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
        ARRAY(SELECT 'standard:' || v FROM unnest(NEW.standards) AS v) ||
        ARRAY(SELECT 'reuse:' || v FROM unnest(NEW.reuse_signals) AS v);
    RETURN NEW;
END
$$;
DROP TRIGGER software_search_vector ON software;
CREATE TRIGGER software_search_vector BEFORE INSERT OR UPDATE OF name, summary_de, body_de, summary_en, body_en, body_other,
    development_status, software_type, maintenance_type, categories, licenses, platforms, languages, scopes, standards, reuse_signals
    ON software FOR EACH ROW EXECUTE FUNCTION software_search_vector();
-- Declarations that lapsed lately: the scheduler takes their entries' signals back.
CREATE INDEX usage_declarations_expires_idx ON usage_declarations (expires_at);
"#,
    down: r#"
DROP INDEX usage_declarations_expires_idx;
CREATE OR REPLACE FUNCTION software_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
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
DROP TRIGGER software_search_vector ON software;
CREATE TRIGGER software_search_vector BEFORE INSERT OR UPDATE OF name, summary_de, body_de, summary_en, body_en, body_other,
    development_status, software_type, maintenance_type, categories, licenses, platforms, languages, scopes, standards
    ON software FOR EACH ROW EXECUTE FUNCTION software_search_vector();
ALTER TABLE software DROP COLUMN reuse_signals;
ALTER TABLE software DROP COLUMN reuse_count;
UPDATE software SET facet_tokens = array_remove(facet_tokens, 'reuse:used');
UPDATE software SET facet_tokens = array_remove(facet_tokens, 'reuse:agreement');
"#,
);
