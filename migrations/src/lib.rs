//! Database schema, one file per migration, applied in the order listed below.
//!
//! Migrations are plain SQL: the schema is PostgreSQL-only and reads best as
//! the SQL a reviewer would write by hand. Every migration has a `down` that
//! undoes exactly what its `up` did; a test runs all of them up, down and up.

pub use sea_orm_migration::prelude::*;

/// A migration written as SQL: its name, the SQL that applies it and the SQL
/// that undoes it.
macro_rules! sql_migration {
    ($name:literal, up: $up:expr, down: $down:expr $(,)?) => {
        use sea_orm_migration::prelude::*;

        pub struct Migration;

        impl MigrationName for Migration {
            fn name(&self) -> &str {
                $name
            }
        }

        #[async_trait::async_trait]
        impl MigrationTrait for Migration {
            async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                manager.get_connection().execute_unprepared($up).await.map(|_| ())
            }

            async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
                manager
                    .get_connection()
                    .execute_unprepared($down)
                    .await
                    .map(|_| ())
            }
        }
    };
}

mod m20261127_000001_organisations;
mod m20261127_000002_search_extensions;
mod m20261127_000003_accounts;
mod m20261127_000004_catalog;
mod m20261127_000005_mirror;
mod m20261201_000006_software_summaries;
mod m20261201_000007_organisation_uri_key;
mod m20261201_000008_login_throttles;
mod m20261201_000009_webhook_deliveries;
mod m20261202_000010_jobs;
mod m20261202_000011_notifications;
mod m20261202_000012_repository_status;
mod m20261202_000013_reuse_agreements;
mod m20261202_000014_cost_blocks;
mod m20261202_000015_agreement_documents;
mod m20261203_000016_usage_declarations;
mod m20261203_000017_software_reuse_signals;
mod m20261203_000018_syncs_on_jobs;
mod m20261204_000019_working_groups;
mod m20261204_000020_group_moderation;
mod m20261204_000021_group_reading;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_organisations::Migration),
            Box::new(m20261127_000002_search_extensions::Migration),
            Box::new(m20261127_000003_accounts::Migration),
            Box::new(m20261127_000004_catalog::Migration),
            Box::new(m20261127_000005_mirror::Migration),
            Box::new(m20261201_000006_software_summaries::Migration),
            Box::new(m20261201_000007_organisation_uri_key::Migration),
            Box::new(m20261201_000008_login_throttles::Migration),
            Box::new(m20261201_000009_webhook_deliveries::Migration),
            Box::new(m20261202_000010_jobs::Migration),
            Box::new(m20261202_000011_notifications::Migration),
            Box::new(m20261202_000012_repository_status::Migration),
            Box::new(m20261202_000013_reuse_agreements::Migration),
            Box::new(m20261202_000014_cost_blocks::Migration),
            Box::new(m20261202_000015_agreement_documents::Migration),
            Box::new(m20261203_000016_usage_declarations::Migration),
            Box::new(m20261203_000017_software_reuse_signals::Migration),
            Box::new(m20261203_000018_syncs_on_jobs::Migration),
            Box::new(m20261204_000019_working_groups::Migration),
            Box::new(m20261204_000020_group_moderation::Migration),
            Box::new(m20261204_000021_group_reading::Migration),
        ]
    }
}
