use super::TestDb;
use allmende_server::{config::Config, state::AppState};
use migrations::{Migrator, MigratorTrait};
use std::collections::HashMap;
use std::net::SocketAddr;

/// Allmende's whole HTTP stack on a loopback port, over a database of its own.
pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub db: Option<TestDb>,
    server: tokio::task::JoinHandle<()>,
}

impl TestApp {
    /// A migrated and seeded database, default configuration.
    pub async fn spawn() -> TestApp {
        let db = TestDb::new().await;
        let mut app = TestApp::spawn_on(&db.url, &[]).await;
        app.db = Some(db);
        app
    }

    /// Serves against the database at `database_url`, with extra settings.
    pub async fn spawn_on(database_url: &str, settings: &[(&str, &str)]) -> TestApp {
        let mut env: HashMap<String, String> = settings.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        env.insert("DATABASE_URL".into(), database_url.into());
        let config = Config::from_lookup(|k| env.get(k).cloned()).expect("test configuration");
        let db = allmende_server::db::connect(database_url, 5, config.db_acquire_timeout)
            .await
            .unwrap();
        Migrator::up(&db, None).await.unwrap();
        allmende_server::seed::run(&db).await.unwrap();
        let state = AppState::new(config, db).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = allmende_server::http::router(state);
        let server = tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // A hung request fails its test instead of stalling the whole suite.
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .unwrap();
        TestApp {
            addr,
            client,
            db: None,
            server,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// A GET, with its status and its body as text.
    pub async fn html(&self, path: &str) -> (reqwest::StatusCode, String) {
        let response = self.get(path).await;
        (response.status(), response.text().await.unwrap())
    }

    /// A form POST as a browser without JavaScript sends it (no Origin header).
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client.post(self.url(path)).form(form).send().await.unwrap()
    }

    /// A GET as a German- or English-speaking browser would send it.
    pub async fn get_in(&self, path: &str, accept_language: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("accept-language", accept_language)
            .send()
            .await
            .unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}
