use anyhow::Context;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};
use std::time::Duration;

/// Opens the pool. Connections are checked before use, so the pool recovers
/// by itself when PostgreSQL restarts.
pub async fn connect(url: &str, max_connections: u32, acquire_timeout: Duration) -> anyhow::Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(acquire_timeout)
        .acquire_timeout(acquire_timeout)
        .idle_timeout(Duration::from_secs(300))
        .test_before_acquire(true)
        .sqlx_logging(false);
    let mut db = Database::connect(options).await.context("connecting to PostgreSQL")?;
    // Every statement counts in /metrics (`db_statements_total`): what a
    // request costs the database shows there, and in the benchmarks.
    db.set_metric_callback(|info| {
        metrics::counter!("db_statements_total", "outcome" => if info.failed { "error" } else { "ok" }).increment(1);
    });
    Ok(db)
}

/// Creates `database` on the server of `admin_url` unless it exists.
pub async fn ensure_database_exists(admin_url: &str, database: &str) -> anyhow::Result<()> {
    let admin = connect(admin_url, 1, Duration::from_secs(10)).await?;
    let exists = admin
        .query_one(Statement::from_sql_and_values(
            admin.get_database_backend(),
            "SELECT 1 FROM pg_database WHERE datname = $1",
            [database.into()],
        ))
        .await?
        .is_some();
    if !exists {
        let quoted = database.replace('"', "\"\"");
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{quoted}\""))
            .await
            .with_context(|| format!("creating database {database}"))?;
    }
    admin.close().await?;
    Ok(())
}

/// The same server URL with another database name.
pub fn with_database(url: &str, database: &str) -> anyhow::Result<String> {
    let mut url = url::Url::parse(url)?;
    url.set_path(&format!("/{database}"));
    Ok(url.to_string())
}
