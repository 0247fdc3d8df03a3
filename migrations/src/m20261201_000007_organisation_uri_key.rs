//! One normal form of an organisation's URI, for uniqueness and for the
//! publishing check alike. Uniqueness used to compare the raw text while
//! publishing compared a normal form, so `https://WWW.KIEL.DE/` could be
//! registered beside `https://www.kiel.de` and publish as Kiel.
//!
//! The normal form is this SQL function and nothing else: the generated
//! column and every comparison call it, so the two cannot drift. Scheme and
//! host are case-insensitive, a default port and trailing slashes carry no
//! meaning; the path keeps its case. A URI without `//` (a URN) is
//! compared case-insensitively as a whole.

sql_migration!(
    "m20261201_000007_organisation_uri_key",
    up: r#"
CREATE FUNCTION organisation_uri_key(uri text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE
        WHEN m IS NULL THEN lower(rtrim(btrim(uri), '/'))
        ELSE lower(m[1]) || '://' ||
             CASE WHEN (lower(m[1]) = 'http' AND m[2] ~ ':80$') OR (lower(m[1]) = 'https' AND m[2] ~ ':443$')
                  THEN lower(regexp_replace(m[2], ':[0-9]+$', ''))
                  ELSE lower(m[2]) END ||
             rtrim(m[3], '/')
    END
    FROM (SELECT regexp_match(btrim(uri), '^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)$') AS m) AS parts
$$;
ALTER TABLE organisations ADD COLUMN uri_key text GENERATED ALWAYS AS (organisation_uri_key(uri)) STORED;
CREATE UNIQUE INDEX organisations_uri_key_idx ON organisations (uri_key) WHERE uri_key IS NOT NULL;
"#,
    down: r#"
ALTER TABLE organisations DROP COLUMN uri_key;
DROP FUNCTION organisation_uri_key(text);
"#,
);
