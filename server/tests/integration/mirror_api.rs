//! Repositories through the JSON API and the queue's rules: registration
//! with a token, problem documents for bad input, the host limit, retries
//! with backoff and lost workers.

use crate::catalog_api::{json, token, TOKEN};
use crate::mirror_sync::scalar;
use crate::support::{TestApp, TestDb};
use allmende_server::kernel::jobs::{self, queue::Failed, Failure, Pool};
use allmende_server::mirror::queue::{self, SyncReason};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use std::time::Duration;
use uuid::Uuid;

async fn post_json(app: &TestApp, path: &str, token: Option<&str>, body: &str) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(path))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pipeline_registers_a_repository_with_a_token() {
    let app = TestApp::spawn().await;
    token(&app, TOKEN, "'catalog:publish'").await;
    let path = "/api/v1/organisations/kiel/repositories";
    let body = r#"{"url": "https://8.8.8.8/kiel/fachverfahren.git"}"#;

    let (status, kind, _) = json(post_json(&app, path, None, body).await).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::UNAUTHORIZED, "application/problem+json")
    );

    let response = post_json(&app, path, Some(TOKEN), body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let (_, _, created) = json(response).await;
    assert_eq!(created["status"], "pending");
    assert_eq!(created["sync_pending"], true);
    assert!(created["webhook"]["url"].as_str().unwrap().len() > 20);
    assert!(location.ends_with(created["id"].as_str().unwrap()));

    // The same again: a conflict, nothing doubled.
    let (status, _, problem) = json(post_json(&app, path, Some(TOKEN), body).await).await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    // Internal addresses and malformed bodies are refused with what is wrong.
    let (status, _, problem) =
        json(post_json(&app, path, Some(TOKEN), r#"{"url": "https://10.0.0.8/x.git"}"#).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["invalidParams"][0]["name"], "url", "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("internal network"),
        "{problem}"
    );
    let (status, _, _) = json(post_json(&app, path, Some(TOKEN), "not json").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // A token speaks for its own organisation only.
    let (status, _, _) =
        json(post_json(&app, "/api/v1/organisations/luebeck/repositories", Some(TOKEN), body).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, _, list) = json(app.get(path).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["repositories"].as_array().unwrap().len(), 1);
    assert!(
        list["repositories"][0].get("webhook").is_none(),
        "the public list shows no secret"
    );
    let page = app.html("/verwaltungen/kiel/repositorien").await.1;
    assert!(page.contains("https://8.8.8.8/kiel/fachverfahren.git"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claims_respect_the_host_limit_and_failures_back_off() {
    let test_db = TestDb::new().await;
    let db = test_db.connect_pool(4).await;
    db.execute_unprepared("INSERT INTO organisations (slug, name_de, kind) VALUES ('kiel', 'Kiel', 'gemeinde')")
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (i, host) in ["a.example", "a.example", "a.example", "b.example"].iter().enumerate() {
        let id: allmende_server::kernel::RepositoryId = scalar(
            &db,
            &format!(
                "INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret) \
                 SELECT id, 'https://{host}/r{i}', '{host}/r{i}', '{host}', 's' FROM organisations RETURNING id"
            ),
        )
        .await;
        queue::enqueue(&db, id, SyncReason::Registered).await.unwrap();
        // Queued twice: still one waiting job per repository.
        queue::enqueue(&db, id, SyncReason::Webhook).await.unwrap();
        ids.push(id);
    }
    assert_eq!(
        scalar::<i64>(&db, "SELECT count(*) FROM jobs WHERE kind = 'sync_repository'").await,
        4
    );
    let pool = |host_limit: i64| Pool {
        kinds: queue::KINDS,
        slots: 4,
        lane_limit: Some(host_limit),
    };
    let repository_of = |c: &jobs::Claimed| {
        allmende_server::kernel::RepositoryId::parse(c.payload["repository_id"].as_str().unwrap()).unwrap()
    };

    // Four workers claim at once; host a may run two at a time.
    let claims = futures_util::future::join_all((0..4).map(|w| {
        let (db, pool) = (db.clone(), pool(2));
        async move { jobs::queue::claim(&db, &format!("w{w}"), &pool).await.unwrap() }
    }))
    .await;
    let claimed: Vec<_> = claims.into_iter().flatten().collect();
    assert_eq!(claimed.len(), 3, "{claimed:?}");
    let running_a: i64 = scalar(
        &db,
        "SELECT count(*) FROM jobs WHERE state = 'running' AND lane = 'a.example'",
    )
    .await;
    assert_eq!(running_a, 2);
    // The quick pool (mail) never takes a sync.
    assert!(jobs::queue::claim(&db, "mail", &jobs::quick_pool())
        .await
        .unwrap()
        .is_none());

    // A transient failure goes back with a delay; the attempt is counted.
    let first = claimed.iter().find(|c| repository_of(c) != ids[3]).unwrap().clone();
    let network = Failure {
        error: "network".into(),
        outcome: Some("network"),
        retryable: true,
    };
    let retried = jobs::queue::fail(&db, &first, &network, 2, Duration::from_secs(60))
        .await
        .unwrap();
    assert_eq!(retried, Failed::Retried);
    let delay: f64 = scalar(
        &db,
        &format!(
            "SELECT extract(epoch FROM run_at - now())::float8 FROM jobs WHERE id = {}",
            first.id
        ),
    )
    .await;
    assert!((55.0..67.0).contains(&delay), "{delay}");
    // Not due yet, and host a's third repository may run now.
    let next = jobs::queue::claim(&db, "w5", &pool(2)).await.unwrap().unwrap();
    assert_eq!(repository_of(&next), ids[2]);
    // The last attempt fails for good.
    db.execute_unprepared(&format!("UPDATE jobs SET run_at = now() WHERE id = {}", first.id))
        .await
        .unwrap();
    let again = jobs::queue::claim(&db, "w6", &pool(3)).await.unwrap().unwrap();
    assert_eq!((again.id, again.attempts), (first.id, 2));
    assert_eq!(
        jobs::queue::fail(&db, &again, &network, 2, Duration::from_secs(60))
            .await
            .unwrap(),
        Failed::ForGood
    );
    assert_eq!(
        scalar::<String>(
            &db,
            &format!("SELECT state || ' ' || outcome FROM jobs WHERE id = {}", first.id)
        )
        .await,
        "failed network"
    );

    // A sync queued while its repository's sync runs waits for it; when the
    // running one fails, the waiting one stands in (no second retry).
    let running = claimed.iter().find(|c| repository_of(c) == ids[3]).unwrap().clone();
    queue::enqueue(&db, ids[3], SyncReason::Manual).await.unwrap();
    assert!(
        jobs::queue::claim(&db, "w7", &pool(9)).await.unwrap().is_none(),
        "one sync per repository at a time"
    );
    assert_eq!(
        jobs::queue::fail(&db, &running, &network, 5, Duration::from_secs(60))
            .await
            .unwrap(),
        Failed::Superseded
    );
    let waiting = jobs::queue::claim(&db, "w7", &pool(9)).await.unwrap().unwrap();
    assert_eq!(repository_of(&waiting), ids[3]);

    // A worker that stopped sending heartbeats loses its job to the queue.
    db.execute_unprepared("UPDATE jobs SET heartbeat_at = now() - interval '10 minutes' WHERE state = 'running'")
        .await
        .unwrap();
    let reaped = jobs::queue::maintain(&db, Duration::from_secs(120)).await.unwrap();
    assert_eq!(reaped, 3);
    assert_eq!(
        scalar::<i64>(&db, "SELECT count(*) FROM jobs WHERE state = 'running'").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scheduler_queues_due_repositories_once() {
    let test_db = TestDb::new().await;
    let db = test_db.connect_pool(2).await;
    db.execute_unprepared(
        "INSERT INTO organisations (slug, name_de, kind) VALUES ('kiel', 'Kiel', 'gemeinde'); \
         INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret, next_sync_at) \
         SELECT o.id, 'https://h.example/r' || i, 'h.example/r' || i, 'h.example', 's', \
                now() + CASE WHEN i < 3 THEN interval '-1 minute' ELSE interval '1 hour' END \
         FROM organisations o, generate_series(1, 5) AS i",
    )
    .await
    .unwrap();
    // A repository with a sync already waiting is not queued twice.
    let busy: allmende_server::kernel::RepositoryId =
        scalar(&db, "SELECT id FROM repositories WHERE url_key = 'h.example/r3'").await;
    db.execute_unprepared(
        "UPDATE repositories SET next_sync_at = now() - interval '1 minute' WHERE url_key = 'h.example/r3'",
    )
    .await
    .unwrap();
    queue::enqueue(&db, busy, SyncReason::Webhook).await.unwrap();
    let interval = Duration::from_secs(3600);
    assert_eq!(queue::schedule_due(&db, interval).await.unwrap(), 2);
    assert_eq!(
        queue::schedule_due(&db, interval).await.unwrap(),
        0,
        "not due again before the interval"
    );
    let scheduled: i64 = scalar(
        &db,
        "SELECT count(*) FROM jobs WHERE payload->>'reason' = 'scheduled' AND state = 'queued'",
    )
    .await;
    assert_eq!(scheduled, 2);
    let next: f64 = scalar(
        &db,
        "SELECT min(extract(epoch FROM next_sync_at - now()))::float8 FROM repositories WHERE url_key IN ('h.example/r1', 'h.example/r2')",
    )
    .await;
    assert!((3590.0..3610.0).contains(&next), "{next}");
}

/// A token made for Kiel acts for Kiel only, even when its owner also holds
/// a role in Lübeck and is a site administrator: each endpoint that takes a
/// token refuses Lübeck's repository and Lübeck's catalog, and never shows
/// Lübeck's webhook secret. (The probe read another organisation's secret
/// and queued its sync with such a token.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_acts_for_its_own_organisation_only() {
    let app = TestApp::spawn().await;
    token(&app, TOKEN, "'catalog:publish'").await;
    let db = app.db.as_ref().unwrap().connect().await;
    db.execute_unprepared(
        "INSERT INTO memberships (organisation_id, user_id, role) \
         SELECT o.id, l.user_id, 'owner' FROM organisations o, local_logins l \
         WHERE o.slug = 'luebeck' AND l.email = 'pia.petersen@kiel.example'; \
         UPDATE users SET is_site_admin = true WHERE id = (SELECT user_id FROM local_logins WHERE email = 'pia.petersen@kiel.example'); \
         INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret) \
         SELECT id, 'https://8.8.8.8/luebeck/a.git', '8.8.8.8/luebeck/a', '8.8.8.8', 'luebecks-geheimnis' FROM organisations WHERE slug = 'luebeck'; \
         INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret) \
         SELECT id, 'https://8.8.8.8/kiel/b.git', '8.8.8.8/kiel/b', '8.8.8.8', 'kiels-geheimnis' FROM organisations WHERE slug = 'kiel';",
    )
    .await
    .unwrap();
    let id_of = |key: &'static str| {
        let db = db.clone();
        async move { scalar::<Uuid>(&db, &format!("SELECT id FROM repositories WHERE url_key = '{key}'")).await }
    };
    let (luebeck, kiel) = (id_of("8.8.8.8/luebeck/a").await, id_of("8.8.8.8/kiel/b").await);
    let get = |path: String| {
        let request = app.client.get(app.url(&path)).bearer_auth(TOKEN);
        async move { request.send().await.unwrap() }
    };

    // Lübeck's repository: no secret, no sync, no registration, no publishing.
    let response = get(format!("/api/v1/repositories/{luebeck}")).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(!response.text().await.unwrap().contains("luebecks-geheimnis"));
    let (status, _, _) =
        json(post_json(&app, &format!("/api/v1/repositories/{luebeck}/sync"), Some(TOKEN), "").await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let body = r#"{"url": "https://8.8.8.8/luebeck/c.git"}"#;
    let (status, _, _) =
        json(post_json(&app, "/api/v1/organisations/luebeck/repositories", Some(TOKEN), body).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let publish = app
        .client
        .post(app.url("/api/v1/software?organisation=luebeck"))
        .bearer_auth(TOKEN)
        .header("content-type", "application/yaml")
        .body(crate::catalog_publishing::file_at("https://opencode.de/luebeck/x.git"))
        .send()
        .await
        .unwrap();
    assert_eq!(publish.status(), StatusCode::FORBIDDEN);
    let pending: i64 = scalar(
        &db,
        &format!("SELECT count(*) FROM jobs WHERE unique_key = 'sync:{luebeck}'"),
    )
    .await;
    assert_eq!(pending, 0, "nothing was queued for Lübeck");

    // Kiel's own repository: everything the token's scope allows.
    let (status, _, own) = json(get(format!("/api/v1/repositories/{kiel}")).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(own["webhook"]["secret"], "kiels-geheimnis");
    let (status, _, _) =
        json(post_json(&app, &format!("/api/v1/repositories/{kiel}/sync"), Some(TOKEN), "").await).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let (status, _, who) = json(get("/api/v1/whoami".into()).await).await;
    assert_eq!((status, who["organisation"].as_str()), (StatusCode::OK, Some("kiel")));
}
