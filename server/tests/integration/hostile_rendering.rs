//! Every page kind that shows user- or repository-supplied text, rendered
//! with hostile names, descriptions, comments and figures, then parsed as a
//! browser parses it: no element and no attribute that the template did not
//! write may appear. The probe found two holes where Leptos writes text
//! without escaping (the `<title>` and a `<textarea>`'s content).

use crate::catalog_api::{json, token, TOKEN};
use crate::catalog_publishing::file_at;
use crate::support::TestApp;
use app::mirror::dto::{Contributor, Facts, Language, Release};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;

/// Closes every RCDATA element and attribute quote it might land in, then
/// writes markup that no template of ours has: an `evil-tag` element,
/// `data-evil` attributes and a refreshing `<meta>`.
pub const HOSTILE: &str = r#"PT </title></textarea><evil-tag data-evil="1"></evil-tag>" data-evil="2" '<meta http-equiv="refresh" content="0">"#;
const SHORT_HOSTILE: &str = r#"<evil-tag data-evil="3">"#;

/// What the browser would build from `html` that none of our templates
/// writes; empty when the page is clean.
pub fn injected(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    for node in document.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        if name == "evil-tag" || (name == "meta" && element.attr("http-equiv").is_some()) {
            found.push(format!("<{name}>"));
        }
        for (attribute, _) in element.attrs() {
            if attribute.contains("evil") {
                found.push(format!("<{name} {attribute}>"));
            }
        }
    }
    found
}

/// The example file with hostile text in every field a page shows, and a
/// comment that tries to close the editor's textarea.
fn hostile_file(repository: &str) -> String {
    let quoted = format!("'{}'", HOSTILE.replace('\'', "''"));
    let text = file_at(repository)
        .replacen("name: Bauantrag", &format!("name: {quoted} #"), 1)
        .replace("localisedName: Bauantrag Online", &format!("localisedName: {quoted}"))
        .replace(
            "applicationSuite: Digitale Baugenehmigung",
            &format!("applicationSuite: {quoted}"),
        )
        .replace(
            "shortDescription: Digitale Bauanträge für untere Bauaufsichtsbehörden, vom Antrag bis zum Bescheid.",
            &format!("shortDescription: {quoted}"),
        )
        .replace("- Antragstellung über XBau", &format!("- {quoted}"))
        .replace("- Landeshauptstadt Kiel", &format!("- {quoted}"))
        .replace("name: Olaf Ohlsen", &format!("name: {quoted}"))
        .replace("name: Dataport AöR", &format!("name: {quoted}"))
        .replace("name: PostgreSQL", &format!("name: {quoted}"))
        .replace(
            "      Bauantrag Online nimmt",
            &format!("      {HOSTILE}\n\n      Bauantrag Online nimmt"),
        );
    format!("# </textarea><evil-tag data-evil=\"comment\">\n{text}")
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let (status, html) = app.html_as(client, path).await;
    assert!(status.is_success(), "{path}: {status}");
    html
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_text_never_becomes_markup_on_any_page() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    token(&app, TOKEN, "'catalog:publish'").await;

    // Hostile names of an administration and a person, as stored text.
    let quoted = HOSTILE.replace('\'', "''");
    db.execute_unprepared(&format!(
        "UPDATE organisations SET name_de = '{quoted}', name_en = '{quoted}', short_name = '{SHORT_HOSTILE}' WHERE slug = 'kiel'; \
         UPDATE users SET display_name = '{quoted}' WHERE id = (SELECT user_id FROM local_logins WHERE email = 'pia.petersen@kiel.example')"
    ))
    .await
    .unwrap();

    // A hostile publiccode.yml, published as a pipeline would.
    let file = hostile_file("https://opencode.de/kiel/feindlich.git");
    let response = app
        .client
        .post(app.url("/api/v1/software"))
        .bearer_auth(TOKEN)
        .header("content-type", "application/yaml")
        .body(file.clone())
        .send()
        .await
        .unwrap();
    let (status, _, published) = json(response).await;
    assert_eq!(status, StatusCode::CREATED, "{published}");
    let slug = published["slug"].as_str().unwrap().to_string();

    // A mirrored repository whose figures carry hostile names and messages.
    let facts = Facts {
        default_branch: HOSTILE.into(),
        commit_count: 3,
        weeks: vec![1; 52],
        contributor_count: 1,
        top_contributors: vec![Contributor {
            name: HOSTILE.into(),
            commits: 3,
        }],
        tag_count: 1,
        releases: vec![Release {
            tag: HOSTILE.into(),
            version: Some(HOSTILE.into()),
            date: Some(1_700_000_000),
            message: Some(HOSTILE.into()),
        }],
        languages: vec![Language {
            name: HOSTILE.into(),
            bytes: 100,
        }],
        ..Facts::default()
    };
    let facts = serde_json::to_string(&facts).unwrap().replace('\'', "''");
    db.execute_unprepared(&format!(
        "INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret, status, status_detail, last_success_at, software_id, facts) \
         SELECT o.id, 'https://opencode.de/kiel/feindlich.git', 'opencode.de/kiel/feindlich', 'opencode.de', 'geheim', 'network', '{quoted}', now(), s.id, '{facts}' \
         FROM organisations o, software s WHERE o.slug = 'kiel' AND s.slug = '{slug}'"
    ))
    .await
    .unwrap();
    db.execute_unprepared(
        "INSERT INTO jobs (kind, payload, max_attempts, unique_key, state, error) \
         SELECT 'sync_repository', jsonb_build_object('repository_id', id, 'reason', 'webhook'), 5, 'sync:' || id, 'failed', status_detail \
         FROM repositories \
         WHERE url_key = 'opencode.de/kiel/feindlich'",
    )
    .await
    .unwrap();

    let anonymous = app.new_client();
    let publisher = app.new_client();
    app.log_in(&publisher, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    let owner = app.new_client();
    app.log_in(&owner, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let admin = app.new_client();
    app.log_in(&admin, "admin@allmende.example", "Allmende-Admin-2026")
        .await;
    // A request to join, with a hostile message for the owners to read.
    let stranger = app.new_client();
    app.log_in(&stranger, "mira.moeller@im-mv.example", "Schwerin-Mitglied-2026")
        .await;
    let response = app
        .post_form_as(&stranger, "/verwaltungen/kiel/beitreten", &[("message", HOSTILE)])
        .await;
    assert_eq!(response.status(), 303);

    // A reuse agreement with Kiel (hostile name) whose texts are hostile too:
    // the request, the terms, a cost block's period.
    let agreement: String = allmende_server::db::sql::value(
        &db,
        &format!(
            "UPDATE reuse_agreements SET status = 'coordination', request_message = '{quoted}', legal_basis_note = '{quoted}', support = '{quoted}', versions = '{SHORT_HOSTILE}' \
             WHERE id = (SELECT a.id FROM reuse_agreements a JOIN agreement_parties p ON p.agreement_id = a.id JOIN organisations o ON o.id = p.organisation_id \
                         WHERE o.slug = 'im-mv' AND a.status = 'interest_expressed' LIMIT 1) RETURNING id::text AS value"
        ),
        [],
    )
    .await
    .unwrap()
    .unwrap();
    db.execute_unprepared(&format!(
        "INSERT INTO agreement_cost_blocks (agreement_id, kind, period, amount_cents, split) VALUES ('{agreement}', 'operation', '{SHORT_HOSTILE}', 100000, '{{\"type\": \"equal_all\"}}')"
    ))
    .await
    .unwrap();
    // A document whose title and file name are hostile, and Kiel's
    // publisher (her name is hostile) as its contact.
    db.execute_unprepared(&format!(
        "INSERT INTO agreement_documents (agreement_id, title, file_name, media_type, size_bytes, sha256, content) \
         VALUES ('{agreement}', '{SHORT_HOSTILE}', '{SHORT_HOSTILE}', 'pdf', 4, sha256('%PDF'), '%PDF'); \
         UPDATE agreement_parties SET contact_id = (SELECT m.user_id FROM memberships m JOIN organisations o ON o.id = m.organisation_id \
                                                    WHERE o.slug = 'kiel' AND m.role = 'publisher' LIMIT 1) \
          WHERE agreement_id = '{agreement}' AND organisation_id = (SELECT id FROM organisations WHERE slug = 'kiel')"
    ))
    .await
    .unwrap();
    let agreement = format!("/nachnutzung/vereinbarungen/{agreement}");
    let terms = format!("{agreement}/bedingungen");
    // A usage declaration of the entry whose texts and public instance are
    // hostile, with Kiel's publisher (hostile name) as the contact.
    db.execute_unprepared(&format!(
        "INSERT INTO usage_declarations (software_id, organisation_id, author_id, contact_id, version, use_case, instance_url, instance_public, expires_at) \
         SELECT s.id, o.id, m.user_id, m.user_id, '{SHORT_HOSTILE}', '{quoted}', 'https://x.example/\"><evil-tag data-evil=\"5\">', true, now() + interval '1 year' \
           FROM software s, organisations o JOIN memberships m ON m.organisation_id = o.id AND m.role = 'publisher' \
          WHERE s.slug = '{slug}' AND o.slug = 'kiel' LIMIT 1"
    ))
    .await
    .unwrap();
    let usage_form = format!("/software/{slug}/nutzung");

    let software = format!("/software/{slug}");
    let editor = format!("/software/veroeffentlichen?software={slug}");
    let visits: Vec<(&reqwest::Client, String)> = vec![
        (&anonymous, "/".into()),
        (&anonymous, "/software".into()),
        (&anonymous, "/software?q=PT".into()),
        (&anonymous, software.clone()),
        (&anonymous, "/verwaltungen".into()),
        (&anonymous, "/verwaltungen?q=PT".into()),
        (&anonymous, "/verwaltungen/kiel".into()),
        (&anonymous, "/verwaltungen/kiel/repositorien".into()),
        (&publisher, software.clone()),
        (&publisher, editor.clone()),
        (&publisher, "/konto".into()),
        (&publisher, "/verwaltungen/kiel/repositorien".into()),
        (&owner, "/verwaltungen/kiel/mitglieder".into()),
        (&owner, "/verwaltungen/kiel/bearbeiten".into()),
        (&owner, "/verwaltungen/kiel/protokoll".into()),
        (&admin, "/admin".into()),
        (&admin, "/admin/protokoll".into()),
        (&admin, "/admin/synchronisation".into()),
        (&admin, software.clone()),
        (&anonymous, "/nachnutzung".into()),
        (&anonymous, agreement.clone()),
        (&owner, agreement.clone()),
        (&owner, terms.clone()),
        (&publisher, usage_form.clone()),
    ];
    let mut dirty = Vec::new();
    for (client, path) in &visits {
        let html = page(&app, client, path).await;
        let found = injected(&html);
        if !found.is_empty() {
            dirty.push(format!("{path}: {found:?}"));
        }
    }
    // The agreement's hostile texts are there, as text, for its party.
    let html = page(&app, &owner, &agreement).await;
    assert!(
        html.matches("&lt;evil-tag").count() >= 4,
        "request, terms, cost block: {html}"
    );
    // The hostile text is there, as text: the test is not passing on empty pages.
    let html = page(&app, &anonymous, &software).await;
    assert!(
        html.contains(r#"&lt;evil-tag data-evil="5"&gt;"#),
        "the declaration's instance, as text: {html}"
    );
    let document = scraper::Html::parse_document(&html);
    let title: String = document
        .select(&scraper::Selector::parse("title").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(title.starts_with("PT </title></textarea>"), "{title}");
    let html = page(&app, &publisher, &editor).await;
    let document = scraper::Html::parse_document(&html);
    let textarea: String = document
        .select(&scraper::Selector::parse("textarea#publish-text").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(
        textarea, file,
        "the editor holds the stored file, character for character"
    );

    // The publish form's 422 answer reflects the posted file the same way.
    let broken = file.replace("developmentStatus: stable", "developmentStatus: fertig");
    let response = app
        .post_multipart_as(
            &publisher,
            "/software/veroeffentlichen",
            &[("organisation", "kiel"), ("publiccode", &broken), ("aktion", "pruefen")],
        )
        .await;
    let html = response.text().await.unwrap();
    let found = injected(&html);
    if !found.is_empty() {
        dirty.push(format!("POST /software/veroeffentlichen: {found:?}"));
    }
    // A form that comes back with its typed values (the flash).
    let response = app
        .post_form_as(
            &owner,
            "/verwaltungen/kiel/bearbeiten",
            &[
                ("name_de", HOSTILE),
                ("description", HOSTILE),
                ("website", HOSTILE),
                ("version", "0"),
            ],
        )
        .await;
    let back = response.headers()["location"].to_str().unwrap().to_string();
    let html = page(&app, &owner, &back).await;
    let found = injected(&html);
    if !found.is_empty() {
        dirty.push(format!("{back} after a refused save: {found:?}"));
    }
    assert!(dirty.is_empty(), "markup injected:\n{}", dirty.join("\n"));
}

#[test]
fn the_detector_finds_what_it_looks_for() {
    assert!(injected("<html><head><title>x</title></head><body><p>ok</p></body></html>").is_empty());
    let raw = format!("<html><head><title>{HOSTILE}</title></head><body></body></html>");
    assert!(!injected(&raw).is_empty());
    let textarea = format!("<textarea>{HOSTILE}</textarea>");
    assert!(!injected(&textarea).is_empty());
}
