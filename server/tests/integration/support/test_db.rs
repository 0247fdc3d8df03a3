use allmende_server::db::with_database;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// A database of its own for one test, dropped when the test ends.
pub struct TestDb {
    pub url: String,
    name: String,
    admin_url: String,
}

fn admin_url() -> String {
    std::env::var("ALLMENDE_TEST_DATABASE_URL")
        .or_else(|_| std::env::var("DATABASE_URL"))
        .expect(
            "the integration tests need PostgreSQL: run them with `make test`, or set \
             ALLMENDE_TEST_DATABASE_URL to a server where this user may create databases",
        )
}

async fn admin_connection(url: &str) -> DatabaseConnection {
    allmende_server::db::connect(url, 1, Duration::from_secs(10))
        .await
        .expect("the test server answers")
}

/// The template's name changes with the migrations (their names and their
/// source), so a new or edited migration gets a fresh template while
/// unchanged runs reuse the old one.
fn template_name() -> String {
    let mut hasher = DefaultHasher::new();
    for migration in Migrator::migrations() {
        migration.name().hash(&mut hasher);
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/src");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the migrations' sources")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    for file in files {
        std::fs::read(&file).unwrap_or_default().hash(&mut hasher);
    }
    format!("allmende_template_{:012x}", hasher.finish() & 0xffff_ffff_ffff)
}

/// What a template holds: the migrated schema, or that and the demo data.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Template {
    Migrated,
    Seeded,
}

/// The seeded template's name: the migrated one's, and this test binary's
/// build (the seed is compiled in, its data files included), so a changed
/// seed gets a fresh template.
fn seeded_name(migrated: &str) -> String {
    let mut hasher = DefaultHasher::new();
    let exe = std::env::current_exe().expect("the test binary");
    let modified = std::fs::metadata(&exe).and_then(|m| m.modified()).ok();
    (exe, modified).hash(&mut hasher);
    format!("{migrated}_seeded_{:08x}", hasher.finish() & 0xffff_ffff)
}

async fn ensure_template(admin_url: &str, kind: Template) -> String {
    let migrated = template_name();
    let template = match kind {
        Template::Migrated => migrated.clone(),
        Template::Seeded => seeded_name(&migrated),
    };
    // One connection, so the session-level advisory lock covers everything below;
    // it serialises test binaries that start at the same time.
    let admin = admin_connection(admin_url).await;
    admin
        .execute_unprepared("SELECT pg_advisory_lock(727372)")
        .await
        .unwrap();
    let exists = admin
        .query_one(sea_orm::Statement::from_string(
            admin.get_database_backend(),
            format!("SELECT 1 FROM pg_database WHERE datname = '{template}'"),
        ))
        .await
        .unwrap()
        .is_some();
    if !exists {
        let building = format!("{template}_building");
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
            .await
            .unwrap();
        admin
            .execute_unprepared(&format!("CREATE DATABASE {building}"))
            .await
            .unwrap();
        let db = admin_connection(&with_database(admin_url, &building).unwrap()).await;
        Migrator::up(&db, None).await.expect("migrations apply to the template");
        if kind == Template::Seeded {
            allmende_server::seed::run(&db)
                .await
                .expect("the seed fills the template");
            // Earlier builds' seeded templates are of no more use.
            let stale = admin
                .query_all(sea_orm::Statement::from_string(
                    admin.get_database_backend(),
                    format!(
                        "SELECT datname FROM pg_database WHERE datname LIKE '{migrated}_seeded_%' \
                         AND datname NOT IN ('{template}', '{building}')"
                    ),
                ))
                .await
                .unwrap();
            for row in stale {
                let name: String = row.try_get_by_index(0).unwrap();
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
            }
        }
        db.close().await.unwrap();
        admin
            .execute_unprepared(&format!("ALTER DATABASE {building} RENAME TO {template}"))
            .await
            .unwrap();
    }
    admin
        .execute_unprepared("SELECT pg_advisory_unlock(727372)")
        .await
        .unwrap();
    admin.close().await.unwrap();
    template
}

impl TestDb {
    /// A migrated, empty database.
    pub async fn new() -> TestDb {
        TestDb::from_template(Template::Migrated).await
    }

    /// A migrated database with the demo data, seeded once per build of the
    /// tests rather than once per test.
    pub async fn seeded() -> TestDb {
        TestDb::from_template(Template::Seeded).await
    }

    async fn from_template(kind: Template) -> TestDb {
        let admin_url = admin_url();
        let template = ensure_template(&admin_url, kind).await;
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let mut hasher = DefaultHasher::new();
        (
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst),
            std::time::SystemTime::now(),
        )
            .hash(&mut hasher);
        let name = format!("allmende_test_{:016x}", hasher.finish());
        let admin = admin_connection(&admin_url).await;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .await
            .expect("the test database is cloned from the template");
        admin.close().await.unwrap();
        TestDb {
            url: with_database(&admin_url, &name).unwrap(),
            name,
            admin_url,
        }
    }

    pub async fn connect(&self) -> DatabaseConnection {
        admin_connection(&self.url).await
    }

    /// The database goes away for its clients: no new connections, and the
    /// open ones are ended (dropping it still works afterwards).
    pub async fn cut_off(&self) {
        let admin = admin_connection(&self.admin_url).await;
        admin
            .execute_unprepared(&format!(
                "ALTER DATABASE {0} ALLOW_CONNECTIONS false; \
                 SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{0}'",
                self.name
            ))
            .await
            .unwrap();
        admin.close().await.unwrap();
    }

    /// A pool of `size` connections.
    pub async fn connect_pool(&self, size: u32) -> DatabaseConnection {
        allmende_server::db::connect(&self.url, size, Duration::from_secs(10))
            .await
            .expect("the test server answers")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop runs outside async; a short-lived runtime on its own thread does the work.
        let _ = std::thread::spawn(move || {
            tokio::runtime::Runtime::new().unwrap().block_on(async move {
                let admin = admin_connection(&admin_url).await;
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
                let _ = admin.close().await;
            })
        })
        .join();
    }
}
