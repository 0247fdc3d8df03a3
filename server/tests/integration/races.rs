//! Two requests racing on one unique value (a repository's address, an
//! organisation's slug, a registration's e-mail address): one wins, the
//! other gets a clear answer (409 for the API, the form back with its
//! message, the same "check your mail" for a registration), never a 500.
//! The forced cases hold the winner's transaction open while the other
//! request runs, so the loser passes the service's own check and meets the
//! unique index: the path a real race takes.

use crate::catalog_api::{token, TOKEN};
use crate::support::mail::MailServer;
use crate::support::TestApp;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};
use std::time::Duration;

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    crate::catalog_publishing::count(db, sql).await
}

async fn register_repository(app: &TestApp, url: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/organisations/kiel/repositories"))
        .bearer_auth(TOKEN)
        .header("content-type", "application/json")
        .body(serde_json::json!({ "url": url }).to_string())
        .send()
        .await
        .unwrap()
}

/// Runs `sql` in a transaction, starts `request`, lets it run into the
/// uncommitted row, then commits: the request must now lose the race.
async fn hold_then_commit<F, T>(db: &DatabaseConnection, sql: &str, values: Vec<sea_orm::Value>, request: F) -> T
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let txn = db.begin().await.unwrap();
    txn.execute(Statement::from_sql_and_values(txn.get_database_backend(), sql, values))
        .await
        .unwrap();
    let running = tokio::spawn(request);
    // Long enough for the request to pass its own check and block on the index.
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(!running.is_finished(), "the request waits for the held row");
    txn.commit().await.unwrap();
    running.await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_pipelines_registering_one_repository_get_one_201_and_seven_409() {
    let app = std::sync::Arc::new(TestApp::spawn().await);
    token(&app, TOKEN, "'catalog:publish'").await;
    let url = "https://8.8.8.8/kiel/gleichzeitig.git";
    let attempts = (0..8).map(|_| {
        let app = app.clone();
        tokio::spawn(async move { register_repository(&app, url).await.status() })
    });
    let mut statuses: Vec<StatusCode> = Vec::new();
    for attempt in attempts {
        statuses.push(attempt.await.unwrap());
    }
    statuses.sort();
    let mut expected = vec![StatusCode::CREATED];
    expected.extend([StatusCode::CONFLICT; 7]);
    assert_eq!(statuses, expected);
    let db = app.db.as_ref().unwrap().connect().await;
    assert_eq!(
        count(&db, "SELECT count(*) FROM repositories WHERE url LIKE '%gleichzeitig%'").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repository_registered_in_the_same_moment_answers_409() {
    let app = std::sync::Arc::new(TestApp::spawn().await);
    token(&app, TOKEN, "'catalog:publish'").await;
    let db = app.db.as_ref().unwrap().connect().await;
    let url = "https://8.8.8.8/kiel/zugleich.git";
    let key = allmende_server::catalog::url_key(url);
    let response = hold_then_commit(
        &db,
        "INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret, created_by) \
         SELECT o.id, $1, $2, '8.8.8.8', 'x', u.id FROM organisations o, users u \
         WHERE o.slug = 'kiel' AND u.email = 'olaf.ohlsen@kiel.example'",
        vec![url.into(), key.into()],
        {
            let app = app.clone();
            async move { register_repository(&app, url).await }
        },
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let problem: serde_json::Value = response.json().await.unwrap();
    assert_eq!(problem["status"], 409, "{problem}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_slug_taken_in_the_same_moment_sends_the_form_back_with_why() {
    let app = std::sync::Arc::new(TestApp::spawn().await);
    let mira = app.new_client();
    app.log_in(&mira, "mira.moeller@im-mv.example", "Schwerin-Mitglied-2026")
        .await;
    let db = app.db.as_ref().unwrap().connect().await;
    let response = hold_then_commit(
        &db,
        "INSERT INTO organisations (slug, name_de, kind) VALUES ('amt-zugleich', 'Amt Zugleich (erster)', 'gemeinde')",
        vec![],
        {
            let (app, mira) = (app.clone(), mira.clone());
            async move {
                app.post_form_as(
                    &mira,
                    "/verwaltungen",
                    &[
                        ("slug", "amt-zugleich"),
                        ("name_de", "Amt Zugleich"),
                        ("kind", "gemeinde"),
                        ("version", "0"),
                    ],
                )
                .await
            }
        },
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/verwaltungen/neu");
    let (_, page) = app.html_as(&mira, "/verwaltungen/neu").await;
    assert!(
        page.contains("Diesen Wert hat gerade jemand anderes vergeben"),
        "{page}"
    );
    assert!(page.contains(r#"value="Amt Zugleich""#), "the input is kept");
    assert_eq!(
        count(&db, "SELECT count(*) FROM organisations WHERE slug = 'amt-zugleich'").await,
        1
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE o.slug = 'amt-zugleich'").await,
        0,
        "nothing of the losing request is kept"
    );
}

/// A registration that loses the race on its address answers as every
/// taken address does (no account is revealed) and the address's owner
/// gets the "already registered" mail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registration_racing_on_its_address_reveals_nothing() {
    let mail = MailServer::start().await;
    let settings = mail.settings();
    let app = std::sync::Arc::new(TestApp::spawn_with(|_| settings).await);
    let db = app.db.as_ref().unwrap().connect().await;
    let email = "zugleich@kiel.example";
    let response = hold_then_commit(
        &db,
        "WITH u AS (INSERT INTO users (display_name, email, pseudonym) VALUES ('Erste', $1, 'Person-zugleich') RETURNING id) \
         INSERT INTO local_logins (user_id, email, password_hash) SELECT id, $1, 'x' FROM u",
        vec![email.into()],
        {
            let app = app.clone();
            async move {
                app.post_form(
                    "/registrieren",
                    &[
                        ("display_name", "Zweite"),
                        ("email", email),
                        ("password", "Holstentor-1464-Backstein"),
                        ("password_repeat", "Holstentor-1464-Backstein"),
                    ],
                )
                .await
            }
        },
    )
    .await;
    assert_eq!(
        response.headers()["location"],
        "/anmelden",
        "the answer of a new address"
    );
    app.jobs_settled().await;
    let mails = mail.mails_to(email).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].subject.contains("bereits ein Konto"), "{}", mails[0].subject);
    assert_eq!(
        count(&db, &format!("SELECT count(*) FROM users WHERE email = '{email}'")).await,
        1
    );
}
