//! The short description each reading language sees, as columns the
//! projection writes. The lists used to dig it out of the stored document
//! under a key the document never had (`shortDescription` instead of the
//! serialised `short_description`), and every card came out blank.

sql_migration!(
    "m20261201_000006_software_summaries",
    up: r#"
ALTER TABLE software
    ADD COLUMN short_de text NOT NULL DEFAULT '',
    ADD COLUMN short_en text NOT NULL DEFAULT '';
-- Backfill as the projection chooses: the reader's language, else German,
-- else English, else the first description (tags ordered as the document
-- orders them).
CREATE FUNCTION pg_temp.short_in(doc jsonb, lang text) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce((
        SELECT v ->> 'short_description' FROM jsonb_each(doc -> 'description') AS d(k, v)
        ORDER BY CASE split_part(lower(k), '-', 1) WHEN lang THEN 0 WHEN 'de' THEN 1 WHEN 'en' THEN 2 ELSE 3 END, k
        LIMIT 1), '')
$$;
UPDATE software SET short_de = pg_temp.short_in(document, 'de'), short_en = pg_temp.short_in(document, 'en');
"#,
    down: r#"
ALTER TABLE software DROP COLUMN short_de, DROP COLUMN short_en;
"#,
);
