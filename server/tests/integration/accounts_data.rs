//! Sessions' lifetimes and cookie, API tokens, the audit log's readers, and a
//! person's own data: export and deletion.

use crate::support::TestApp;
use sea_orm::{ConnectionTrait, DatabaseConnection};

async fn exec(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_httponly_lax_and_host_prefixed_over_https() {
    let app = TestApp::spawn().await;
    let response = app
        .post_form(
            "/anmelden",
            &[
                ("email", "pia.petersen@kiel.example"),
                ("password", "Kiel-Publiziert-2026"),
            ],
        )
        .await;
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("allmende_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    assert!(!cookie.contains("Secure") && !cookie.contains("Domain"), "{cookie}");

    let db = crate::support::TestDb::new().await;
    let https = TestApp::spawn_on(&db.url, &[("ALLMENDE_PUBLIC_URL", "https://allmende.example")]).await;
    // Behind the TLS proxy the browser's origin is https (and the CSRF check
    // compares the whole origin).
    let response = https
        .client
        .post(https.url("/anmelden"))
        .header("origin", format!("https://{}", https.addr))
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("email", "pia.petersen@kiel.example"),
            ("password", "Kiel-Publiziert-2026"),
        ])
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-allmende_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly") && !cookie.contains("Domain"),
        "{cookie}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_when_idle_and_after_their_absolute_lifetime() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    let (idle, old) = (app.new_client(), app.new_client());
    app.log_in(&idle, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    app.log_in(&old, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026").await;
    assert_eq!(app.html_as(&idle, "/konto").await.0, 200);
    assert_eq!(app.html_as(&old, "/konto").await.0, 200);

    // Activity moves the idle expiry on (at most once a minute, to save writes).
    exec(&db, "UPDATE sessions SET expires_at = now() + interval '5 minutes', data = data - 'seen_at' WHERE user_id IS NOT NULL").await;
    assert_eq!(app.html_as(&idle, "/konto").await.0, 200);
    let extended: bool = db
        .query_one(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT bool_and(expires_at > now() + interval '1 hour') FROM sessions WHERE user_id = (SELECT user_id FROM local_logins WHERE email = 'pia.petersen@kiel.example')",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    assert!(extended, "a request moved the idle expiry on by the idle timeout");

    // Idle: the stored expiry has passed.
    exec(&db, "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT user_id FROM local_logins WHERE email = 'pia.petersen@kiel.example')").await;
    assert_eq!(app.html_as(&idle, "/konto").await.0, 401);

    // Absolute: signed in 13 hours ago (the default lifetime is 12), though active since.
    exec(&db, "UPDATE sessions SET data = jsonb_set(data, '{signed_in_at}', to_jsonb(extract(epoch FROM now() - interval '13 hours')::bigint)) WHERE user_id = (SELECT user_id FROM local_logins WHERE email = 'olaf.ohlsen@kiel.example')").await;
    assert_eq!(app.html_as(&old, "/konto").await.0, 401);
    let left: i64 = db
        .query_one(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT count(*) FROM sessions WHERE user_id IS NOT NULL AND expires_at > now()",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    assert_eq!(left, 0, "the expired session was ended, not just ignored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_tokens_work_until_revoked_and_follow_the_role() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    let pia = app.new_client();
    app.log_in(&pia, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    let created = app
        .post_form_as(
            &pia,
            "/konto/token",
            &[
                ("organisation", "kiel"),
                ("name", "GitLab-CI"),
                ("scopes", "catalog:publish"),
                ("scopes", "organisation:read"),
                ("days", "30"),
            ],
        )
        .await;
    assert_eq!(created.headers()["location"], "/konto#tokens");
    let (_, page) = app.html_as(&pia, "/konto").await;
    let after = page.split("id=\"new-token\"").nth(1).expect("the new token is shown");
    let token = after.split('>').nth(1).unwrap().split('<').next().unwrap().to_owned();
    assert!(token.starts_with("alm_") && token.len() == 47, "{token}");
    let (_, again) = app.html_as(&pia, "/konto").await;
    assert!(!again.contains(&token), "shown once");
    let stored: String = db
        .query_one(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT encode(token_hash, 'hex') FROM api_tokens",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    assert!(
        !stored.contains(&token) && stored.len() == 64,
        "only a SHA-256 hash is stored"
    );

    let whoami = |t: String| {
        let client = app.new_client();
        let url = app.url("/api/v1/whoami");
        async move { client.get(url).bearer_auth(t).send().await.unwrap() }
    };
    let response = whoami(token.clone()).await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["organisation"], "kiel");
    assert_eq!(
        body["scopes"],
        serde_json::json!(["catalog:publish", "organisation:read"])
    );
    let last_used: bool = db
        .query_one(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT last_used_at IS NOT NULL FROM api_tokens",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    assert!(last_used);

    // Demoted to member: the token keeps only what a member may do.
    exec(&db, "UPDATE memberships SET role = 'member' WHERE user_id = (SELECT user_id FROM local_logins WHERE email = 'pia.petersen@kiel.example')").await;
    let body: serde_json::Value = whoami(token.clone()).await.json().await.unwrap();
    assert_eq!(body["scopes"], serde_json::json!(["organisation:read"]));

    let bad = whoami("alm_not-a-token".into()).await;
    assert_eq!(bad.status(), 401);
    assert_eq!(bad.headers()["content-type"], "application/problem+json");

    let id: String = db
        .query_one(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT id::text FROM api_tokens",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    let revoked = app
        .post_form_as(&pia, &format!("/konto/token/{id}/widerrufen"), &[])
        .await;
    assert_eq!(revoked.headers()["location"], "/konto#tokens");
    assert_eq!(whoami(token.clone()).await.status(), 401);

    // Expired tokens stop working as well.
    exec(
        &db,
        "UPDATE api_tokens SET revoked_at = NULL, expires_at = now() - interval '1 minute'",
    )
    .await;
    assert_eq!(whoami(token).await.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_is_for_administrators_and_each_organisations_owners() {
    let app = TestApp::spawn().await;
    let (owner, publisher, admin) = (app.new_client(), app.new_client(), app.new_client());
    app.log_in(&owner, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    app.log_in(&publisher, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    app.log_in(&admin, "admin@allmende.example", "Allmende-Admin-2026")
        .await;
    let invited = app
        .post_form_as(
            &owner,
            "/verwaltungen/kiel/einladungen",
            &[("email", "neu@kiel.example"), ("role", "publisher")],
        )
        .await;
    assert_eq!(invited.status(), 303);

    let (status, log) = app.html_as(&owner, "/verwaltungen/kiel/protokoll").await;
    assert_eq!(status, 200);
    assert!(log.contains("Einladung verschickt") && log.contains("neu@kiel.example"));
    assert!(
        !log.contains("IP-Adresse"),
        "addresses are for site administrators only"
    );
    assert_eq!(app.html_as(&owner, "/verwaltungen/luebeck/protokoll").await.0, 403);
    assert_eq!(app.html_as(&owner, "/admin/protokoll").await.0, 403);
    assert_eq!(app.html_as(&publisher, "/verwaltungen/kiel/protokoll").await.0, 403);
    assert_eq!(app.html_as(&app.new_client(), "/admin/protokoll").await.0, 401);

    let (status, log) = app.html_as(&admin, "/admin/protokoll").await;
    assert_eq!(status, 200);
    assert!(log.contains("Anmeldung") && log.contains("Einladung verschickt") && log.contains("IP-Adresse"));
    assert_eq!(app.html_as(&admin, "/admin").await.0, 200);
    assert_eq!(app.html_as(&owner, "/admin").await.0, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_downloads_their_data_and_deletes_their_account() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    let pia = app.new_client();
    app.log_in(&pia, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    let export = pia.get(app.url("/konto/daten.json")).send().await.unwrap();
    assert_eq!(export.status(), 200);
    assert!(export.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let text = export.text().await.unwrap();
    let data: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(data["account"][0]["display_name"], "Pia Petersen");
    assert_eq!(data["memberships"][0]["organisation"], "kiel");
    assert_eq!(data["memberships"][0]["role"], "publisher");
    assert!(data["audit_events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "login"));
    assert!(
        !text.contains("argon2") && !text.contains("password_hash"),
        "no secrets in the export"
    );
    assert_eq!(
        app.html("/konto/daten.json").await.0,
        303,
        "anonymous readers are sent to the login"
    );

    let wrong = app.post_form_as(&pia, "/konto/loeschen", &[("confirm", "ja")]).await;
    assert_eq!(wrong.headers()["location"], "/konto#loeschen");
    assert_eq!(
        app.html_as(&pia, "/konto").await.0,
        200,
        "nothing deleted without the confirmation"
    );

    let deleted = app
        .post_form_as(&pia, "/konto/loeschen", &[("confirm", "LÖSCHEN")])
        .await;
    assert_eq!(deleted.headers()["location"], "/");
    assert_eq!(app.html_as(&pia, "/konto").await.0, 401);
    let again = app.new_client();
    let login = app
        .post_form_as(
            &again,
            "/anmelden",
            &[
                ("email", "pia.petersen@kiel.example"),
                ("password", "Kiel-Publiziert-2026"),
            ],
        )
        .await;
    assert_ne!(login.headers()["location"], "/konto", "the login is gone");
    let row = db
        .query_one(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT display_name, email IS NULL AS no_email, deleted_at IS NOT NULL AS deleted, \
                    (SELECT count(*) FROM memberships m WHERE m.user_id = u.id) AS memberships, \
                    (SELECT count(*) FROM audit_events e WHERE e.actor_id = u.id) AS events \
             FROM users u WHERE pseudonym = display_name",
        ))
        .await
        .unwrap()
        .expect("the account stays as its pseudonym");
    assert!(row.try_get::<String>("", "display_name").unwrap().starts_with("Konto "));
    assert!(row.try_get::<bool>("", "no_email").unwrap() && row.try_get::<bool>("", "deleted").unwrap());
    assert_eq!(row.try_get::<i64>("", "memberships").unwrap(), 0);
    assert!(
        row.try_get::<i64>("", "events").unwrap() > 0,
        "the log keeps its entries, under the pseudonym"
    );

    // The last owner cannot leave an organisation ownerless by deleting the account.
    let olaf = app.new_client();
    app.log_in(&olaf, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let refused = app
        .post_form_as(&olaf, "/konto/loeschen", &[("confirm", "LÖSCHEN")])
        .await;
    assert_eq!(refused.headers()["location"], "/konto#loeschen");
    let (_, page) = app.html_as(&olaf, "/konto").await;
    assert!(page.contains("letzte Eigentümerin oder der letzte Eigentümer"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_the_forwarded_client_is_recorded() {
    for (trusted, expected) in [(None, "127.0.0.1"), (Some("127.0.0.1"), "198.51.100.4")] {
        let db = crate::support::TestDb::new().await;
        let settings: Vec<(&str, &str)> = trusted
            .map(|t| vec![("ALLMENDE_TRUSTED_PROXIES", t)])
            .unwrap_or_default();
        let app = TestApp::spawn_on(&db.url, &settings).await;
        let response = app
            .client
            .post(app.url("/anmelden"))
            .header("origin", format!("http://{}", app.addr))
            .header("x-forwarded-for", "203.0.113.66, 198.51.100.4")
            .form(&[
                ("email", "pia.petersen@kiel.example"),
                ("password", "Kiel-Publiziert-2026"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        let conn = db.connect().await;
        let ip: String = conn
            .query_one(sea_orm::Statement::from_string(
                conn.get_database_backend(),
                "SELECT ip FROM audit_events WHERE action = 'login' ORDER BY id DESC LIMIT 1",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get_by_index(0)
            .unwrap();
        assert_eq!(ip, expected, "trusted proxies: {trusted:?}");
    }
}

/// Every column that refers to a person is either erased with the account
/// or kept for a stated reason: a new table with a `users` reference fails
/// here until someone decides.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_reference_to_a_person_is_erased_or_kept_for_a_reason() {
    use allmende_server::accounts::personal_data::{ERASED, KEPT};
    #[derive(sea_orm::FromQueryResult)]
    struct Reference {
        table_name: String,
        column_name: String,
    }
    let db = crate::support::TestDb::new().await;
    let references = allmende_server::db::sql::all::<Reference>(
        &db.connect().await,
        "SELECT c.conrelid::regclass::text AS table_name, a.attname::text AS column_name FROM pg_constraint c \
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) \
         WHERE c.contype = 'f' AND c.confrelid = 'users'::regclass ORDER BY 1, 2",
        [],
    )
    .await
    .unwrap();
    let mut undecided = Vec::new();
    for r in &references {
        let erased = r.column_name == "user_id" && ERASED.contains(&r.table_name.as_str());
        let kept = KEPT.iter().any(|(t, c, _)| *t == r.table_name && *c == r.column_name);
        if erased == kept {
            undecided.push(format!(
                "{}.{} (erased: {erased}, kept: {kept})",
                r.table_name, r.column_name
            ));
        }
    }
    assert!(undecided.is_empty(), "decide for each: {undecided:?}");
    for table in ERASED {
        assert!(
            references
                .iter()
                .any(|r| r.table_name == table && r.column_name == "user_id"),
            "{table} is erased but has no user_id reference"
        );
    }
}
