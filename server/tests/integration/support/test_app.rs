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
    /// The job worker runs while this lives.
    _stop_jobs: tokio::sync::watch::Sender<bool>,
    connection: sea_orm::DatabaseConnection,
    database_url: String,
    state: AppState,
}

impl TestApp {
    /// A migrated and seeded database, default configuration.
    pub async fn spawn() -> TestApp {
        let db = TestDb::seeded().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut app = TestApp::serve(listener, &db.url, &[], false).await;
        app.db = Some(db);
        app
    }

    /// A migrated and seeded database, with settings that may depend on the
    /// app's own base URL (an OpenID provider's redirect URI).
    pub async fn spawn_with(settings: impl FnOnce(&str) -> Vec<(String, String)>) -> TestApp {
        let db = TestDb::seeded().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let settings = settings(&base);
        let settings: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut app = TestApp::serve(listener, &db.url, &settings, false).await;
        app.db = Some(db);
        app
    }

    /// Serves against the database at `database_url` (migrated and seeded
    /// first, as `serve` does), with extra settings.
    pub async fn spawn_on(database_url: &str, settings: &[(&str, &str)]) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        TestApp::serve(listener, database_url, settings, true).await
    }

    async fn serve(
        listener: tokio::net::TcpListener,
        database_url: &str,
        settings: &[(&str, &str)],
        prepare: bool,
    ) -> TestApp {
        // `ALLMENDE_TEST_LOG=debug cargo test …` shows the server's log.
        if let Ok(filter) = std::env::var("ALLMENDE_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
        let addr = listener.local_addr().unwrap();
        let mut env: HashMap<String, String> = settings.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        env.insert("DATABASE_URL".into(), database_url.into());
        env.entry("ALLMENDE_PUBLIC_URL".into())
            .or_insert(format!("http://{addr}"));
        // Local accounts on (as in the embedded default); mail into a folder
        // unless a test brings its SMTP server.
        env.entry("ALLMENDE_LOCAL_ACCOUNTS".into()).or_insert("true".into());
        let outbox = std::env::temp_dir().join(format!("allmende-test-mail-{}", addr.port()));
        env.entry("ALLMENDE_DATA_DIR".into())
            .or_insert(outbox.to_string_lossy().into_owned());
        let config = Config::from_lookup(|k| env.get(k).cloned()).expect("test configuration");
        let db = allmende_server::db::connect(database_url, 5, config.db_acquire_timeout)
            .await
            .unwrap();
        if prepare {
            Migrator::up(&db, None).await.unwrap();
            allmende_server::seed::run(&db).await.unwrap();
        }
        let connection = db.clone();
        let state = AppState::new(config, db).unwrap();
        // Queued mail goes out as in `serve`; the worker ends with the test's runtime.
        let (stop_jobs, stopped) = tokio::sync::watch::channel(false);
        tokio::spawn(allmende_server::kernel::jobs::run(state.jobs.clone(), stopped));
        let router = allmende_server::http::router(state.clone());
        let server = tokio::spawn(async move {
            let service = router.into_make_service_with_connect_info::<SocketAddr>();
            axum::serve(listener, service).await.unwrap();
        });
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            // A hung request fails its test instead of stalling the whole suite.
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .unwrap();
        TestApp {
            addr,
            client,
            db: None,
            server,
            _stop_jobs: stop_jobs,
            connection,
            database_url: database_url.to_owned(),
            state,
        }
    }

    /// Waits until every queued job (mail) has run, so that a test can say
    /// what was *not* sent.
    pub async fn jobs_settled(&self) {
        super::eventually("every queued job has run", async || {
            allmende_server::kernel::jobs::drained(&self.connection, &allmende_server::kernel::jobs::quick_pool())
                .await
                .unwrap()
                .then_some(())
        })
        .await
    }

    /// Builds another router over this app's state and drops it, as a
    /// second app in the same process (another test) does.
    pub fn build_another_router(&self) {
        drop(allmende_server::http::router(self.state.clone()));
    }

    /// Another browser: its own cookies, no redirects followed.
    pub fn new_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .unwrap()
    }

    /// A form POST from `client`, as a browser sends it.
    pub async fn post_form_as(&self, client: &reqwest::Client, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let request = client
            .post(self.url(path))
            .header("origin", format!("http://{}", self.addr))
            .header("sec-fetch-site", "same-origin")
            .form(form);
        self.send(request).await
    }

    /// A multipart form POST from `client` (the publish form), as a browser
    /// sends it; a field named `datei` goes as a file.
    pub async fn post_multipart_as(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = if *name == "datei" {
                form.part(
                    "datei",
                    reqwest::multipart::Part::bytes(value.as_bytes().to_vec()).file_name("publiccode.yml"),
                )
            } else {
                form.text(name.to_string(), value.to_string())
            };
        }
        let request = client
            .post(self.url(path))
            .header("origin", format!("http://{}", self.addr))
            .header("sec-fetch-site", "same-origin")
            .multipart(form);
        self.send(request).await
    }

    /// A multipart form POST with one file, `datei`, named `file_name`.
    pub async fn post_file_as(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
        file_name: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let mut form = reqwest::multipart::Form::new().part(
            "datei",
            reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
        );
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        let request = client
            .post(self.url(path))
            .header("origin", format!("http://{}", self.addr))
            .header("sec-fetch-site", "same-origin")
            .multipart(form);
        self.send(request).await
    }

    /// Signs `client` in with e-mail and password; panics unless it worked.
    pub async fn log_in(&self, client: &reqwest::Client, email: &str, password: &str) {
        let response = self
            .post_form_as(
                client,
                "/anmelden",
                &[("email", email), ("password", password), ("zurueck", "/konto")],
            )
            .await;
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/konto", "login of {email} failed");
    }

    /// A GET from `client`: status and body.
    pub async fn html_as(&self, client: &reqwest::Client, path: &str) -> (reqwest::StatusCode, String) {
        let response = self.send(client.get(self.url(path))).await;
        (response.status(), response.text().await.unwrap())
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.send(self.client.get(self.url(path))).await
    }

    /// Sends `request`; when it fails, panics with the error's causes and
    /// what the database's sessions were doing at that moment.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> reqwest::Response {
        match request.send().await {
            Ok(response) => response,
            Err(error) => panic!("{error:?}\n{}", self.database_activity().await),
        }
    }

    async fn database_activity(&self) -> String {
        use sea_orm::ConnectionTrait;
        let db = match allmende_server::db::connect(&self.database_url, 1, std::time::Duration::from_secs(5)).await {
            Ok(db) => db,
            Err(e) => return format!("(no connection for the diagnosis: {e})"),
        };
        let rows = db
            .query_all(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "SELECT concat_ws(' | ', pid, state, wait_event_type, wait_event, \
                        round(extract(epoch FROM now() - query_start)::numeric, 1) || ' s', left(query, 300)) \
                 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            ))
            .await;
        match rows {
            Ok(rows) => {
                let lines: Vec<String> = rows
                    .iter()
                    .filter_map(|r| r.try_get_by_index::<String>(0).ok())
                    .collect();
                format!(
                    "the database's other sessions (pid | state | wait | for | query):\n{}",
                    lines.join("\n")
                )
            }
            Err(e) => format!("(pg_stat_activity unreadable: {e})"),
        }
    }

    /// A GET, with its status and its body as text.
    pub async fn html(&self, path: &str) -> (reqwest::StatusCode, String) {
        let response = self.get(path).await;
        (response.status(), response.text().await.unwrap())
    }

    /// A form POST as a browser sends it, JavaScript or not: with the
    /// page's own Origin.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.post_form_as(&self.client, path, form).await
    }

    /// A GET as a German- or English-speaking browser would send it.
    pub async fn get_in(&self, path: &str, accept_language: &str) -> reqwest::Response {
        self.send(
            self.client
                .get(self.url(path))
                .header("accept-language", accept_language),
        )
        .await
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}
