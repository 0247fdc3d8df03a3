//! The embedded default as `make run` uses it: no DATABASE_URL, a private
//! cluster under the data folder, demo data, graceful stop on SIGTERM.

use allmende_server::embedded_pg::EmbeddedPostgres;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::git_servers::free_port;

/// The platform under test; stopped (and its cluster with it) even when an
/// assertion fails half-way, so no run leaves a server behind.
struct Serving(std::process::Child);

impl Drop for Serving {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let pid = nix::unistd::Pid::from_raw(self.0.id() as i32);
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
            let _ = self.0.wait();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_runs_its_own_postgres_and_stops_it_on_sigterm() {
    let data = tempfile::Builder::new()
        .prefix("allmende-embedded-")
        .tempdir_in("/tmp")
        .unwrap();
    // The postgres user (when we are root) must be able to enter the folder.
    std::fs::set_permissions(data.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let port = free_port();
    let stdout_path = data.path().join("stdout.txt");
    let mut serving = Serving(
        Command::new(env!("CARGO_BIN_EXE_allmende"))
            .arg("serve")
            .env_remove("DATABASE_URL")
            .env("ALLMENDE_DATA_DIR", data.path())
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("ALLMENDE_LOG", "info")
            .env_remove("NO_COLOR")
            .stdout(Stdio::from(std::fs::File::create(&stdout_path).unwrap()))
            .spawn()
            .unwrap(),
    );
    let child = &mut serving.0;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let start = Instant::now();
    let ready = loop {
        if let Ok(response) = client.get(format!("http://127.0.0.1:{port}/readyz")).send().await {
            if response.status().is_success() {
                break true;
            }
        }
        if start.elapsed() > Duration::from_secs(90) || child.try_wait().unwrap().is_some() {
            break false;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    assert!(ready, "allmende serve did not become ready on the embedded default");
    let home = client
        .get(format!("http://127.0.0.1:{port}/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        home.contains("Verwaltungen aus 16 Ländern"),
        "the demo data is missing: {home}"
    );
    // The built-in worker mirrors the seed's demo repositories: their
    // entries get activity charts without any other process.
    let start = Instant::now();
    let mut page;
    let charted = loop {
        page = client
            .get(format!("http://127.0.0.1:{port}/software/bauantrag-online"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if page.contains("Aktivität der letzten 52 Wochen") && page.contains("Vitalitätsindex") {
            break true;
        }
        if start.elapsed() > Duration::from_secs(60) {
            break false;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    assert!(charted, "the demo repository was not mirrored by the built-in worker");
    // The mirror reads a local path of the server; the page names the
    // entry's public address instead, never the server's file system.
    assert!(
        !page.contains("file://") && !page.contains("demo-repositories"),
        "{page}"
    );
    let cluster = EmbeddedPostgres::new(&data.path().join("postgres")).unwrap();
    assert!(cluster.is_running());

    // The run command prints the demo accounts, and each of them can sign in.
    let printed = std::fs::read_to_string(&stdout_path).unwrap();
    // Written to a file, the log is plain text: no colour codes.
    assert!(printed.contains(" INFO "), "{printed}");
    assert!(
        !printed.contains('\u{1b}'),
        "ANSI escape codes in a log file: {printed:?}"
    );
    for user in &allmende_server::seed::DEMO_USERS {
        assert!(
            printed.contains(user.email) && printed.contains(user.password),
            "{printed}"
        );
        let browser = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let response = browser
            .post(format!("http://127.0.0.1:{port}/anmelden"))
            .header("origin", format!("http://127.0.0.1:{port}"))
            .form(&[
                ("email", user.email),
                ("password", user.password),
                ("zurueck", "/konto"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.headers()["location"],
            "/konto",
            "{} could not sign in",
            user.email
        );
        let account = browser
            .get(format!("http://127.0.0.1:{port}/konto"))
            .send()
            .await
            .unwrap();
        assert_eq!(account.status(), 200);
        assert!(account.text().await.unwrap().contains(user.name));
    }

    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "allmende did not stop within 30 s of SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "exit status {status}");
    assert!(
        !cluster.is_running(),
        "the private cluster still runs after the platform stopped"
    );
}
