use super::Database;
use crate::cli::MigrateAction;
use crate::config::Config;
use migrations::{Migrator, MigratorTrait};

pub async fn run(config: Config, action: MigrateAction) -> anyhow::Result<()> {
    let database = Database::open(&config).await?;
    let db = &database.connection;
    let result = match action {
        MigrateAction::Up => Migrator::up(db, None).await.map(|_| println!("migrations applied")),
        MigrateAction::Down { steps } => Migrator::down(db, Some(steps))
            .await
            .map(|_| println!("reverted {steps} migration(s)")),
        MigrateAction::Status => Migrator::status(db).await,
    };
    database.close().await;
    Ok(result?)
}
