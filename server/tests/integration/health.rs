use crate::support::TestApp;
use allmende_server::embedded_pg::EmbeddedPostgres;
use reqwest::StatusCode;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_and_metrics_count_requests_per_route() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    app.get("/impressum").await;
    app.get("/gibt-es-nicht").await;
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains(r#"http_requests_total{method="GET",route="/impressum",status="200"}"#),
        "{metrics}"
    );
    assert!(metrics.contains(r#"route="fallback",status="404""#), "{metrics}");
    assert!(metrics.contains("http_request_duration_seconds_bucket"), "{metrics}");
    assert!(metrics.contains("db_pool_connections"), "{metrics}");
}

async fn wait_for(app: &TestApp, expected: StatusCode, limit: Duration) -> StatusCode {
    let start = Instant::now();
    loop {
        let status = app.get("/readyz").await.status();
        if status == expected || start.elapsed() > limit {
            return status;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// `/readyz` follows the database: unready while PostgreSQL is stopped, ready
/// again once it is back, with the same running server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_follows_the_database_without_a_restart() {
    // A cluster of its own, since this test stops it.
    let dir = tempfile::Builder::new()
        .prefix("allmende-readyz-")
        .tempdir_in("/tmp")
        .unwrap();
    let cluster = EmbeddedPostgres::new(dir.path()).unwrap();
    cluster.start().unwrap();
    allmende_server::db::ensure_database_exists(&cluster.url("postgres"), "allmende")
        .await
        .unwrap();
    let app = TestApp::spawn_on(&cluster.url("allmende"), &[("ALLMENDE_DB_ACQUIRE_TIMEOUT_MS", "1000")]).await;

    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
    cluster.stop().unwrap();
    let while_down = wait_for(&app, StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(10)).await;
    assert_eq!(while_down, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        app.get("/healthz").await.status(),
        StatusCode::OK,
        "the process itself lives on"
    );
    // Pages say the data is unavailable, with 503, instead of failing.
    let home = app.get("/").await;
    assert_eq!(home.status(), StatusCode::SERVICE_UNAVAILABLE);

    cluster.start().unwrap();
    let after = wait_for(&app, StatusCode::OK, Duration::from_secs(20)).await;
    assert_eq!(after, StatusCode::OK);
    cluster.stop().unwrap();
}

/// `/metrics` is for the operator: without a token only clients on this
/// machine read it (a client behind a trusted proxy is not one), with
/// `ALLMENDE_METRICS_TOKEN` whoever sends the token. (It was public.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_for_the_operator_only() {
    let app = TestApp::spawn_with(|_| vec![("ALLMENDE_TRUSTED_PROXIES".into(), "127.0.0.1".into())]).await;
    assert_eq!(app.get("/metrics").await.status(), StatusCode::OK, "loopback reads");
    let through_proxy = app
        .client
        .get(app.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await
        .unwrap();
    assert_eq!(through_proxy.status(), StatusCode::FORBIDDEN);

    let app = TestApp::spawn_with(|_| vec![("ALLMENDE_METRICS_TOKEN".into(), "metriken-geheim".into())]).await;
    assert_eq!(
        app.get("/metrics").await.status(),
        StatusCode::FORBIDDEN,
        "the token is needed"
    );
    let wrong = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("falsch")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let right = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("metriken-geheim")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), StatusCode::OK);
    assert!(right.text().await.unwrap().contains("http_requests_total"));
}
