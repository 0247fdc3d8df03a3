use crate::support::TestApp;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_speaks_german_by_default_and_english_on_request() {
    let app = TestApp::spawn().await;
    let (status, html) = app.html("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<html lang="de">"#), "{html}");
    assert!(html.contains("Zum Inhalt springen") && html.contains("Nachnutzung"));
    // The figures come from the seeded database.
    assert!(html.contains("Verwaltungen aus 16 Ländern"), "{html}");

    let en = app.get_in("/", "en-GB,en;q=0.9,de;q=0.5").await.text().await.unwrap();
    assert!(en.contains(r#"<html lang="en">"#) && en.contains("Skip to content"));
    assert!(en.contains("from 16 federal states"), "{en}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_urls_get_a_404_page() {
    let app = TestApp::spawn().await;
    let (status, html) = app.html("/gibt-es-nicht").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Seite nicht gefunden"), "{html}");
    assert!(html.contains(r#"<main id="inhalt""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn legal_pages_render_in_both_languages() {
    let app = TestApp::spawn().await;
    for (path, de_title, en_title) in [
        ("/impressum", "Impressum", "Legal notice"),
        ("/datenschutz", "Datenschutzerklärung", "Privacy policy"),
        (
            "/barrierefreiheit",
            "Erklärung zur Barrierefreiheit",
            "Accessibility statement",
        ),
    ] {
        let (status, de) = app.html(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(de.contains(&format!("<title>{de_title} – Allmende</title>")), "{de}");
        assert!(de.contains("<h2>"), "{path}: the Markdown text is missing");
        let en = app.get_in(path, "en").await.text().await.unwrap();
        assert!(en.contains(&format!("<title>{en_title} – Allmende</title>")), "{en}");
    }
}

/// Files are answered before the session and viewer layers: a signed-in
/// reader's asset costs no database query, so it is served even with the
/// database gone (while a page then answers 503).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assets_need_no_database_even_for_a_signed_in_reader() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/allmende.css"), "body { margin: 0 }").unwrap();
    let root = site.path().to_string_lossy().into_owned();
    let app = TestApp::spawn_with(|_| vec![("LEPTOS_SITE_ROOT".into(), root)]).await;
    let reader = app.new_client();
    app.log_in(&reader, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let css = reader.get(app.url("/pkg/allmende.css")).send().await.unwrap();
    assert_eq!(css.status(), StatusCode::OK);
    assert_eq!(css.headers()["cache-control"], "no-cache");

    app.db.as_ref().unwrap().cut_off().await;
    let css = reader.get(app.url("/pkg/allmende.css")).send().await.unwrap();
    assert_eq!(css.status(), StatusCode::OK);
    assert_eq!(css.text().await.unwrap(), "body { margin: 0 }");
    let page = reader.get(app.url("/software")).send().await.unwrap();
    assert!(
        page.status().is_server_error(),
        "the database is really gone: {}",
        page.status()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_assets_are_served_and_missing_ones_are_404() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/pkg/does-not-exist.js").await.status(), StatusCode::NOT_FOUND);
}

/// Building a router renders the app once with resource loading switched
/// off for the whole process (leptos-rs/leptos#4773): a page rendered in
/// that moment waited for good. That was the rare 30 s hang of this suite,
/// where every test builds a router while others serve. The route list is
/// now generated once per process, so building routers stalls nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn building_routers_while_pages_render_stalls_none_of_them() {
    let app = std::sync::Arc::new(TestApp::spawn().await);
    let builder = {
        let app = app.clone();
        tokio::task::spawn_blocking(move || {
            for _ in 0..200 {
                app.build_another_router();
            }
        })
    };
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap();
    for round in 0..60 {
        for path in ["/", "/software", "/verwaltungen"] {
            let response = client
                .get(app.url(path))
                .send()
                .await
                .unwrap_or_else(|e| panic!("round {round}, {path}: {e:?}"));
            assert_eq!(response.status(), 200, "{path}");
            assert!(response.text().await.unwrap().contains("</html>"), "{path}");
        }
    }
    builder.await.unwrap();
}
