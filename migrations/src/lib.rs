//! Database schema, one file per migration, applied in the order listed below.
//!
//! Migrations are plain SQL: the schema is PostgreSQL-only and reads best as
//! the SQL a reviewer would write by hand. Every migration has a `down` that
//! undoes exactly what its `up` did; a test runs all of them up, down and up.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_organisations;
mod m20261127_000002_search_extensions;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_organisations::Migration),
            Box::new(m20261127_000002_search_extensions::Migration),
        ]
    }
}
