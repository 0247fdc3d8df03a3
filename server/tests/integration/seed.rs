use crate::support::TestDb;
use sea_orm::{ConnectionTrait, Statement};

async fn count(db: &sea_orm::DatabaseConnection, sql: &str) -> i64 {
    db.query_one(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_creates_the_laender_and_is_idempotent() {
    let test_db = TestDb::new().await;
    let db = test_db.connect().await;
    let first = allmende_server::seed::run(&db).await.unwrap();
    assert!(first >= 40, "only {first} organisations seeded");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM organisations WHERE kind = 'land' AND parent_id IS NULL"
        )
        .await,
        16
    );
    assert_eq!(count(&db, "SELECT count(DISTINCT land) FROM organisations").await, 16);
    // Children sit under their parents.
    assert_eq!(
        count(&db, "SELECT count(*) FROM organisations c JOIN organisations p ON c.parent_id = p.id WHERE c.slug = 'kiel' AND p.slug = 'schleswig-holstein'").await,
        1
    );
    let second = allmende_server::seed::run(&db).await.unwrap();
    assert_eq!(second, 0, "a second seed inserted rows");
    assert_eq!(count(&db, "SELECT count(*) FROM organisations").await, first as i64);
}
