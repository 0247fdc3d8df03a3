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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_assets_are_served_and_missing_ones_are_404() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/pkg/does-not-exist.js").await.status(), StatusCode::NOT_FOUND);
}
