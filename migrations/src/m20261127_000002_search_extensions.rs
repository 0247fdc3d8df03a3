//! Extensions for accent- and typo-tolerant search. Both are "trusted" since
//! PostgreSQL 13: a database owner may create them without being superuser.

sql_migration!(
    "m20261127_000002_search_extensions",
    up: "CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm;",
    down: "DROP EXTENSION IF EXISTS pg_trgm; DROP EXTENSION IF EXISTS unaccent;",
);
