//! Registering and editing administrations over HTTP.

use crate::support::TestApp;
use sea_orm::{ConnectionTrait, Statement};

async fn one_row(app: &TestApp, sql: &str) -> sea_orm::QueryResult {
    let db = app.db.as_ref().unwrap().connect().await;
    db.query_one(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_registers_an_administration_and_owns_it_unverified() {
    let app = TestApp::spawn().await;
    let mira = app.new_client();
    app.log_in(&mira, "mira.moeller@im-mv.example", "Schwerin-Mitglied-2026")
        .await;
    let (status, page) = app.html_as(&mira, "/verwaltungen/neu").await;
    assert_eq!(status, 200);
    assert!(page.contains("Verwaltung anlegen"));

    // Mistakes come back per field, with what was typed.
    let refused = app
        .post_form_as(
            &mira,
            "/verwaltungen",
            &[
                ("slug", "Amt Ostsee"),
                ("name_de", "Amt Ostsee"),
                ("kind", "gemeinde"),
                ("ars", "13-07"),
                ("parent", "gibt-es-nicht"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(refused.headers()["location"], "/verwaltungen/neu");
    let (_, page) = app.html_as(&mira, "/verwaltungen/neu").await;
    assert!(
        page.contains("Nur Kleinbuchstaben")
            && page.contains("2 bis 12 Ziffern")
            && page.contains(r#"value="Amt Ostsee""#)
    );
    let (_, page) = app.html_as(&mira, "/verwaltungen/neu").await;
    assert!(!page.contains("Nur Kleinbuchstaben"), "the errors are shown once");

    let created = app
        .post_form_as(
            &mira,
            "/verwaltungen",
            &[
                ("slug", "amt-ostsee"),
                ("name_de", "Amt Ostsee"),
                ("kind", "gemeinde"),
                ("land", "DE-MV"),
                ("parent", "landkreis-rostock"),
                ("ars", "130725"),
                ("leitweg_id", "130725-AMT-42"),
                ("uri", "https://www.amt-ostsee.example"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(created.headers()["location"], "/verwaltungen/amt-ostsee");
    let (_, page) = app.html_as(&mira, "/verwaltungen/amt-ostsee").await;
    assert!(page.contains("Amt Ostsee") && page.contains("Landkreis Rostock") && page.contains("Angaben bearbeiten"));
    assert!(!page.contains("kern-badge--success"), "not verified yet");
    let (_, account) = app.html_as(&mira, "/konto").await;
    assert!(account.contains("Amt Ostsee") && account.contains("Eigentümer/in"));

    // The slug and the publiccode.yml URI are taken now.
    let again = app
        .post_form_as(
            &mira,
            "/verwaltungen",
            &[
                ("slug", "amt-ostsee"),
                ("name_de", "Noch ein Amt"),
                ("kind", "gemeinde"),
                ("uri", "https://www.amt-ostsee.example"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(again.headers()["location"], "/verwaltungen/neu");
    let (_, page) = app.html_as(&mira, "/verwaltungen/neu").await;
    assert!(
        page.contains("Diese Kurzadresse ist schon vergeben") && page.contains("gehört schon einer anderen Verwaltung")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_edits_and_identifying_changes_withdraw_the_verification() {
    let app = TestApp::spawn().await;
    let olaf = app.new_client();
    app.log_in(&olaf, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let (status, page) = app.html_as(&olaf, "/verwaltungen/kiel/bearbeiten").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"value="Landeshauptstadt Kiel""#) && page.contains(r#"value="schleswig-holstein""#));
    let version = page
        .split(r#"name="version" value=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let base = [
        ("slug", "kiel"),
        ("name_de", "Landeshauptstadt Kiel"),
        ("kind", "gemeinde"),
        ("land", "DE-SH"),
        ("parent", "schleswig-holstein"),
        ("ars", "010020000000"),
        ("uri", "https://www.kiel.de"),
    ];

    // A new contact address: saved, still verified.
    let mut form = base.to_vec();
    form.extend([("contact_email", "digital@kiel.example"), ("version", version.as_str())]);
    let saved = app.post_form_as(&olaf, "/verwaltungen/kiel/bearbeiten", &form).await;
    assert_eq!(saved.headers()["location"], "/verwaltungen/kiel");
    let row = one_row(
        &app,
        "SELECT verified, contact_email, version FROM organisations WHERE slug = 'kiel'",
    )
    .await;
    assert!(row.try_get::<bool>("", "verified").unwrap());
    assert_eq!(
        row.try_get::<String>("", "contact_email").unwrap(),
        "digital@kiel.example"
    );

    // The form loaded before that save is stale now: refused, nothing lost silently.
    let stale = app.post_form_as(&olaf, "/verwaltungen/kiel/bearbeiten", &form).await;
    assert_eq!(stale.headers()["location"], "/verwaltungen/kiel/bearbeiten");
    let (_, page) = app.html_as(&olaf, "/verwaltungen/kiel/bearbeiten").await;
    assert!(page.contains("Jemand anderes hat die Angaben inzwischen geändert"));

    // A new name: saved, and the verification is withdrawn until checked again.
    let version = row.try_get::<i32>("", "version").unwrap().to_string();
    let mut form = base.to_vec();
    form[1] = ("name_de", "Kiel (Landeshauptstadt)");
    form.push(("version", version.as_str()));
    let renamed = app.post_form_as(&olaf, "/verwaltungen/kiel/bearbeiten", &form).await;
    assert_eq!(renamed.headers()["location"], "/verwaltungen/kiel");
    let (_, page) = app.html_as(&olaf, "/verwaltungen/kiel").await;
    assert!(page.contains("wird die Verwaltung erneut geprüft"));
    let row = one_row(&app, "SELECT verified FROM organisations WHERE slug = 'kiel'").await;
    assert!(!row.try_get::<bool>("", "verified").unwrap());

    // Kiel cannot sit below a part of itself.
    let row = one_row(&app, "SELECT version FROM organisations WHERE slug = 'kiel'").await;
    let version = row.try_get::<i32>("", "version").unwrap().to_string();
    sea_orm::ConnectionTrait::execute_unprepared(
        &app.db.as_ref().unwrap().connect().await,
        "INSERT INTO organisations (slug, name_de, kind, parent_id) SELECT 'ortsamt-mitte', 'Ortsamt Mitte', 'other', id FROM organisations WHERE slug = 'kiel'",
    )
    .await
    .unwrap();
    let mut form = base.to_vec();
    form[4] = ("parent", "ortsamt-mitte");
    form.push(("version", version.as_str()));
    app.post_form_as(&olaf, "/verwaltungen/kiel/bearbeiten", &form).await;
    let (_, page) = app.html_as(&olaf, "/verwaltungen/kiel/bearbeiten").await;
    assert!(page.contains("nicht unter sich selbst"));

    // Publishers see the details, not the form.
    let pia = app.new_client();
    app.log_in(&pia, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    assert_eq!(app.html_as(&pia, "/verwaltungen/kiel/bearbeiten").await.0, 403);
    let (_, page) = app.html_as(&pia, "/verwaltungen/kiel").await;
    assert!(!page.contains("Angaben bearbeiten"));
}

/// An organisation's URI is unique in its normal form: another spelling of
/// Kiel's (`https://WWW.KIEL.DE/`) can neither be registered beside it nor
/// publish as Kiel, while Kiel itself publishes with that spelling. (The
/// probe registered the other spelling and then published as Kiel, after
/// which Kiel's own publisher was refused.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uris_are_unique_in_their_normal_form() {
    let app = TestApp::spawn().await;
    let kiel_uri: String = one_row(&app, "SELECT uri FROM organisations WHERE slug = 'kiel'")
        .await
        .try_get("", "uri")
        .unwrap();
    let shouting = format!("{}/", kiel_uri.to_uppercase().replace("HTTPS://", "https://"));
    let mira = app.new_client();
    app.log_in(&mira, "mira.moeller@im-mv.example", "Schwerin-Mitglied-2026")
        .await;
    let refused = app
        .post_form_as(
            &mira,
            "/verwaltungen",
            &[
                ("slug", "kiel-kopie"),
                ("name_de", "Nicht Kiel"),
                ("kind", "gemeinde"),
                ("land", "DE-SH"),
                ("uri", &shouting),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(refused.headers()["location"], "/verwaltungen/neu");
    let (_, page) = app.html_as(&mira, "/verwaltungen/neu").await;
    assert!(page.contains("kiel-kopie"), "the typed values come back");
    let copies = one_row(
        &app,
        "SELECT count(*) AS n FROM organisations WHERE slug = 'kiel-kopie'",
    )
    .await;
    assert_eq!(copies.try_get::<i64>("", "n").unwrap(), 0);

    // Even written past the service's check, the index refuses it.
    let db = app.db.as_ref().unwrap().connect().await;
    let raced = db
        .execute_unprepared(&format!(
            "INSERT INTO organisations (slug, name_de, kind, uri) VALUES ('kiel-kopie', 'Nicht Kiel', 'gemeinde', '{shouting}')"
        ))
        .await;
    assert!(raced.is_err(), "the unique index on the normal form holds");

    // Kiel publishes with its URI spelled either way.
    crate::catalog_api::token(&app, crate::catalog_api::TOKEN, "'catalog:publish'").await;
    let file = crate::catalog_publishing::file_at("https://opencode.de/kiel/uri.git").replace(
        "organisation:\n  uri: https://www.kiel.de",
        &format!("organisation:\n  uri: {shouting}"),
    );
    assert!(file.contains("WWW.KIEL.DE"));
    let response = app
        .client
        .post(app.url("/api/v1/software"))
        .bearer_auth(crate::catalog_api::TOKEN)
        .header("content-type", "application/yaml")
        .body(file)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
}
