use crate::support::TestDb;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};

async fn user_tables(db: &sea_orm::DatabaseConnection) -> Vec<String> {
    db.query_all(Statement::from_string(
        db.get_database_backend(),
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'seaql_migrations' ORDER BY 1",
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|row| row.try_get::<String>("", "tablename").unwrap())
    .collect()
}

/// Every migration runs up, down and up again, and down leaves nothing behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_migration_runs_up_down_and_up_again() {
    let test_db = TestDb::new().await;
    let db = test_db.connect().await;
    let migrated = user_tables(&db).await;
    assert!(migrated.contains(&"organisations".to_owned()), "{migrated:?}");
    let count = Migrator::migrations().len() as u32;
    for _ in 0..count {
        Migrator::down(&db, Some(1)).await.expect("down");
    }
    assert_eq!(user_tables(&db).await, Vec::<String>::new(), "down left tables behind");
    assert_eq!(Migrator::get_pending_migrations(&db).await.unwrap().len() as u32, count);
    Migrator::up(&db, None).await.expect("up again");
    assert_eq!(user_tables(&db).await, migrated);
    assert!(Migrator::get_pending_migrations(&db).await.unwrap().is_empty());
}
