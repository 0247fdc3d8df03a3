use crate::config::Config;
use crate::embedded_pg::EmbeddedPostgres;
use sea_orm::DatabaseConnection;

/// The database a command works on: the external server of `DATABASE_URL`,
/// or the private cluster under the data folder, started on demand and
/// stopped again by [`Database::close`] when this process started it.
pub struct Database {
    pub connection: DatabaseConnection,
    embedded: Option<(EmbeddedPostgres, bool)>,
}

const EMBEDDED_DATABASE: &str = "allmende";

impl Database {
    pub async fn open(config: &Config) -> anyhow::Result<Database> {
        let (url, embedded) = match config.expose_database_url() {
            Some(url) => (url.to_owned(), None),
            None => {
                let cluster = EmbeddedPostgres::new(&config.data_dir.join("postgres"))?;
                let started = cluster.start()?;
                tracing::info!(dir = %cluster.data_dir().display(), started, "private PostgreSQL cluster running");
                crate::db::ensure_database_exists(&cluster.url("postgres"), EMBEDDED_DATABASE).await?;
                (cluster.url(EMBEDDED_DATABASE), Some((cluster, started)))
            }
        };
        let connection = crate::db::connect(&url, config.db_max_connections, config.db_acquire_timeout).await?;
        Ok(Database { connection, embedded })
    }

    pub fn is_embedded(&self) -> bool {
        self.embedded.is_some()
    }

    pub async fn close(self) {
        let _ = self.connection.close().await;
        if let Some((cluster, true)) = self.embedded {
            match cluster.stop() {
                Ok(()) => tracing::info!("private PostgreSQL cluster stopped"),
                Err(error) => tracing::error!(%error, "stopping the private PostgreSQL cluster failed"),
            }
        }
    }
}
