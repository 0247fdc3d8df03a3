use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use serde::Serialize;
use std::time::Duration;

/// What `/readyz` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Readiness {
    Ready,
    DatabaseUnreachable,
    MigrationsPending { pending: Vec<String> },
}

/// Ready when the database answers within `limit` and no migration is pending.
pub async fn check_ready(db: &DatabaseConnection, limit: Duration) -> Readiness {
    match tokio::time::timeout(limit, Migrator::get_pending_migrations(db)).await {
        Ok(Ok(pending)) if pending.is_empty() => Readiness::Ready,
        Ok(Ok(pending)) => Readiness::MigrationsPending {
            pending: pending.iter().map(|m| m.name().to_owned()).collect(),
        },
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness: database check failed");
            Readiness::DatabaseUnreachable
        }
        Err(_) => {
            tracing::warn!(
                limit_ms = limit.as_millis() as u64,
                "readiness: database check timed out"
            );
            Readiness::DatabaseUnreachable
        }
    }
}
