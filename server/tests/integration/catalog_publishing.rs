//! Publishing through the web form: validation line by line, the
//! organisation and fork checks, inactive entries, and nothing half-written.

use crate::support::TestApp;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

pub const VALID: &str = include_str!("../../../app/src/catalog/publiccode/testdata/valid.yml");
const PUBLISHER: (&str, &str) = ("pia.petersen@kiel.example", "Kiel-Publiziert-2026");

pub async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

/// The example file under another repository URL (a new entry).
pub fn file_at(repo: &str) -> String {
    VALID
        .replace("https://opencode.de/kiel/bauantrag-online.git", repo)
        .replace("name: Bauantrag Online", &format!("name: Bauantrag {}", repo.len()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_file_comes_back_with_its_errors_and_a_fixed_one_publishes() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    let client = app.new_client();
    app.log_in(&client, PUBLISHER.0, PUBLISHER.1).await;
    let before = count(&db, "SELECT count(*) FROM software").await;

    let broken =
        file_at("https://opencode.de/kiel/neu.git").replace("developmentStatus: stable", "developmentStatus: fertig");
    let response = app
        .post_multipart_as(
            &client,
            "/software/veroeffentlichen",
            &[
                ("organisation", "kiel"),
                ("publiccode", &broken),
                ("aktion", "veroeffentlichen"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Die Datei ist ungültig"), "{page}");
    assert!(page.contains("Zeile 18, Spalte 20"), "{page}");
    assert!(page.contains("Erlaubt sind: concept, development, beta, stable, obsolete."));
    // The text comes back in the editor, escaped.
    assert!(page.contains("developmentStatus: fertig"));
    assert_eq!(
        count(&db, "SELECT count(*) FROM software").await,
        before,
        "nothing stored"
    );

    let fixed = broken.replace("developmentStatus: fertig", "developmentStatus: stable");
    let response = app
        .post_multipart_as(
            &client,
            "/software/veroeffentlichen",
            &[
                ("organisation", "kiel"),
                ("publiccode", &fixed),
                ("aktion", "veroeffentlichen"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/software/bauantrag-"), "{location}");
    let (status, page) = app.html_as(&client, &location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Die Software ist veröffentlicht."), "{page}");
    assert!(
        page.contains("Importe dieses Eintrags"),
        "the publisher sees the import log"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM software").await, before + 1);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM software_imports WHERE outcome = 'refused' AND source = 'paste'"
        )
        .await,
        1
    );
    assert_eq!(count(&db, "SELECT count(*) FROM audit_events a JOIN local_logins l ON l.user_id = a.actor_id WHERE a.action = 'software_published' AND l.email = 'pia.petersen@kiel.example'").await, 1);

    // The same file again changes nothing; an upload works like a paste.
    let response = app
        .post_multipart_as(
            &client,
            "/software/veroeffentlichen",
            &[
                ("organisation", "kiel"),
                ("datei", &fixed),
                ("publiccode", ""),
                ("aktion", "veroeffentlichen"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM software_imports WHERE outcome = 'unchanged' AND source = 'upload'"
        )
        .await,
        1
    );

    // "Check only" stores nothing.
    let response = app
        .post_multipart_as(
            &client,
            "/software/veroeffentlichen",
            &[
                ("organisation", "kiel"),
                ("publiccode", &file_at("https://opencode.de/kiel/pruef.git")),
                ("aktion", "pruefen"),
            ],
        )
        .await;
    let page = response.text().await.unwrap();
    assert!(page.contains("Nur geprüft, nichts veröffentlicht."), "{page}");
    assert_eq!(count(&db, "SELECT count(*) FROM software").await, before + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_organisations_file_and_technical_forks_are_refused() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    let client = app.new_client();
    app.log_in(&client, PUBLISHER.0, PUBLISHER.1).await;
    let before = count(&db, "SELECT count(*) FROM software").await;

    // organisation.uri names Lübeck.
    let lubeck = file_at("https://opencode.de/kiel/fremd.git")
        .replace("uri: https://www.kiel.de", "uri: https://www.luebeck.de");
    let response = app
        .post_multipart_as(
            &client,
            "/software/veroeffentlichen",
            &[
                ("organisation", "kiel"),
                ("publiccode", &lubeck),
                ("aktion", "veroeffentlichen"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("gehört zu „Hansestadt Lübeck“"), "{page}");

    // The repository of Lübeck's demo entry, published again by Kiel.
    let fork = file_at("https://opencode.de/luebeck/ratsinformationssystem-open.git");
    let response = app
        .post_multipart_as(
            &client,
            "/software/veroeffentlichen",
            &[
                ("organisation", "kiel"),
                ("publiccode", &fork),
                ("aktion", "veroeffentlichen"),
            ],
        )
        .await;
    let page = response.text().await.unwrap();
    assert!(page.contains("schon von „Hansestadt Lübeck“ eingetragen"), "{page}");
    assert_eq!(count(&db, "SELECT count(*) FROM software").await, before);

    // Publishing for an organisation one is not a publisher of.
    let response = app
        .post_multipart_as(
            &client,
            "/software/veroeffentlichen",
            &[
                ("organisation", "luebeck"),
                ("publiccode", &file_at("https://x.example/a.git")),
                ("aktion", "veroeffentlichen"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&db, "SELECT count(*) FROM software").await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_whose_file_breaks_stays_for_its_maintainers_only() {
    let app = TestApp::spawn().await;
    let client = app.new_client();
    app.log_in(&client, PUBLISHER.0, PUBLISHER.1).await;
    // The seed's own Bauantrag Online belongs to Kiel; break it.
    let (_, before) = app.html("/api/v1/software/bauantrag-online").await;
    assert!(before.contains("\"slug\":\"bauantrag-online\""), "{before}");
    let seed_file = allmende_server::seed::software::render(
        &allmende_server::seed::software::SOFTWARE[0],
        "https://www.kiel.de",
        "Landeshauptstadt Kiel",
        &allmende_server::seed::software::repository("kiel", "Bauantrag Online"),
        None,
    );
    let invalid = seed_file.replace("softwareType: standalone/web", "softwareType: website");
    let response = app
        .post_multipart_as(
            &client,
            "/software/veroeffentlichen",
            &[
                ("organisation", "kiel"),
                ("publiccode", &invalid),
                ("aktion", "veroeffentlichen"),
            ],
        )
        .await;
    let page = response.text().await.unwrap();
    assert!(page.contains("Der bestehende Eintrag ist jetzt inaktiv"), "{page}");
    // Anonymous readers and the API no longer see it; its publisher does, with the errors.
    assert_eq!(
        app.get("/software/bauantrag-online").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/software/bauantrag-online").await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, own) = app.html_as(&client, "/software/bauantrag-online").await;
    assert_eq!(status, StatusCode::OK);
    assert!(own.contains("Inaktiv") && own.contains("softwareType"), "{own}");
    let (_, search) = app.html("/api/v1/software?q=Bauantrag").await;
    assert!(!search.contains("\"slug\":\"bauantrag-online\""), "{search}");
    // A valid file brings it back.
    let response = app
        .post_multipart_as(
            &client,
            "/software/veroeffentlichen",
            &[
                ("organisation", "kiel"),
                ("publiccode", &seed_file),
                ("aktion", "veroeffentlichen"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get("/software/bauantrag-online").await.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_and_non_utf8_uploads_are_refused_cleanly() {
    let app = TestApp::spawn().await;
    let client = app.new_client();
    app.log_in(&client, PUBLISHER.0, PUBLISHER.1).await;
    let big = "#".repeat(300 * 1024);
    let response = app
        .post_multipart_as(
            &client,
            "/software/veroeffentlichen",
            &[
                ("organisation", "kiel"),
                ("publiccode", &big),
                ("aktion", "veroeffentlichen"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("größer als 256 KiB"));
    // Latin-1 bytes in an upload.
    let form = reqwest::multipart::Form::new()
        .text("organisation", "kiel")
        .text("aktion", "veroeffentlichen")
        .part(
            "datei",
            reqwest::multipart::Part::bytes(b"name: M\xfcll\n".to_vec()).file_name("publiccode.yml"),
        );
    let response = client
        .post(app.url("/software/veroeffentlichen"))
        .header("origin", app.url(""))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("nicht in UTF-8 kodiert"));
}

/// The standard's own example publishes and its Italian section reads in
/// words on the software page: the platforms it uses and, where a file
/// says so, its conformity (in both languages). Its video is a placeholder
/// (`https://youtube.com/xxxxxxxx`) that no oEmbed provider serves: the
/// reference refuses it (`fields.go`, unconditionally), and so does the
/// server, with that one error; with a real video it publishes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_standards_example_publishes_and_shows_its_italian_facts() {
    let app = TestApp::spawn().await;
    crate::catalog_api::token(&app, crate::catalog_api::TOKEN, "'catalog:publish'").await;
    let example = include_str!("../../../app/tests/publiccode-standard/example.publiccode.yml")
        .replace("uri: urn:x-italian-pa:c_h501", "uri: https://www.kiel.de")
        .replace(
            "  countryExtensionVersion: \"1.0\"\n",
            "  countryExtensionVersion: \"1.0\"\n  conforme:\n    gdpr: true\n    lineeGuidaDesign: false\n",
        );
    let publish = |body: String| {
        app.client
            .post(app.url("/api/v1/software?lang=en"))
            .bearer_auth(crate::catalog_api::TOKEN)
            .header("content-type", "application/yaml")
            .body(body)
            .send()
    };
    let refused = publish(example.clone()).await.unwrap();
    assert_eq!(refused.status(), 422);
    let body: serde_json::Value = refused.json().await.unwrap();
    let errors: Vec<(&str, u64)> = body["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "error")
        .map(|i| (i["key"].as_str().unwrap(), i["line"].as_u64().unwrap()))
        .collect();
    let line = example
        .lines()
        .position(|l| l.contains("youtube.com/xxxxxxxx"))
        .unwrap() as u64
        + 1;
    assert_eq!(errors, vec![("description.en.videos[0]", line)], "{body}");
    assert!(
        body.to_string().contains("not a video URL of an oEmbed provider"),
        "{body}"
    );
    let response = publish(example.replace(
        "https://youtube.com/xxxxxxxx",
        "https://www.youtube.com/watch?v=RaHmGbBOP84",
    ))
    .await
    .unwrap();
    assert_eq!(response.status(), 201);
    let slug = response.json::<serde_json::Value>().await.unwrap()["slug"]
        .as_str()
        .unwrap()
        .to_string();
    let german = app
        .get_in(&format!("/software/{slug}"), "de")
        .await
        .text()
        .await
        .unwrap();
    assert!(german.contains("Italien: genutzte Plattformen"), "{german}");
    assert!(german.contains("SPID, pagoPA, CIE, ANPR"));
    assert!(german.contains("DSGVO: ja") && german.contains("Gestaltungsrichtlinien (Linee guida di design): nein"));
    let english = app
        .get_in(&format!("/software/{slug}"), "en")
        .await
        .text()
        .await
        .unwrap();
    assert!(english.contains("Italy: platforms used") && english.contains("GDPR: yes"));
}
