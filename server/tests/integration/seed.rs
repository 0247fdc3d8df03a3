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
    // The demo people: verified local logins, roles where the run command says.
    assert_eq!(
        count(&db, "SELECT count(*) FROM local_logins WHERE verified_at IS NOT NULL").await,
        5
    );
    assert_eq!(count(&db, "SELECT count(*) FROM users WHERE is_site_admin").await, 1);
    assert_eq!(
        count(&db, "SELECT count(*) FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE o.slug = 'kiel' AND m.role IN ('owner', 'publisher')").await,
        2
    );
    // The catalog: fifty demo entries in every development state, three
    // whose latest file is invalid (inactive), one variant of another; and
    // six real files from Germany, the Netherlands and Italy, unchanged.
    assert_eq!(count(&db, "SELECT count(*) FROM software").await, 56);
    assert_eq!(
        count(&db, "SELECT count(*) FROM software s JOIN organisations o ON o.id = s.organisation_id WHERE (s.name, o.slug) IN (('Terminfinder', 'dataport'), ('MUCGPT', 'muenchen'), ('Signalen frontend', 'gemeente-amsterdam'), ('Bootstrap Italia', 'dipartimento-trasformazione-digitale'))").await,
        4
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM software WHERE document -> 'italy' IS NOT NULL AND document ->> 'italy' <> 'null'"
        )
        .await,
        2,
        "the Italian files keep their IT section"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM software WHERE NOT active").await, 3);
    assert_eq!(
        count(&db, "SELECT count(DISTINCT development_status) FROM software").await,
        5
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM software WHERE based_on <> '{}'").await,
        3,
        "Lübeck's variant, and two real files based on other projects"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM software WHERE summary_en <> ''").await,
        count(&db, "SELECT count(*) FROM software WHERE 'en' = ANY(languages)").await
    );
    // Working groups: five of the cooperation's and a steering circle per
    // agreement, members-only like one of the others.
    assert_eq!(count(&db, "SELECT count(*) FROM working_groups").await, 15);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM working_groups WHERE agreement_id IS NOT NULL"
        )
        .await,
        10
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM working_groups WHERE visibility = 'members'").await,
        11
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM working_groups WHERE software_id IS NOT NULL").await,
        1
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM group_posts WHERE reply_to IS NOT NULL").await,
        8,
        "replies that answer a post"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM group_threads t WHERE t.post_count <> (SELECT count(*) FROM group_posts p WHERE p.thread_id = t.id)").await,
        0,
        "every thread's counter matches its posts"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM group_posts WHERE hidden_at IS NOT NULL").await,
        count(
            &db,
            "SELECT count(*) FROM group_moderation_log WHERE action = 'hide_post'"
        )
        .await,
        "the demo's hidden post is in its group's log"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM group_posts WHERE hidden_at IS NOT NULL").await,
        1
    );
    let second = allmende_server::seed::run(&db).await.unwrap();
    assert_eq!(second, 0, "a second seed inserted rows");
    let rows = count(&db, "SELECT (SELECT count(*) FROM organisations) + (SELECT count(*) FROM users) + (SELECT count(*) FROM organisation_domains) + (SELECT count(*) FROM software) + (SELECT count(*) FROM reuse_agreements) + (SELECT count(*) FROM usage_declarations) + (SELECT count(*) FROM working_groups)").await;
    assert_eq!(rows, first as i64);
}
