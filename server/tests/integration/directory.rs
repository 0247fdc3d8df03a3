use crate::support::TestApp;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_lists_all_and_pages_through_them() {
    let app = TestApp::spawn().await;
    let (status, page1) = app.html("/verwaltungen").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page1.contains("Gefundene Verwaltungen: 47"), "{page1}");
    assert!(page1.contains("Seite 1 von 2") && page1.contains(r#"href="/verwaltungen?seite=2""#));
    let (_, page2) = app.html("/verwaltungen?seite=2").await;
    assert!(page2.contains("Seite 2 von 2") && page2.contains(r#"rel="prev""#));
    assert_eq!(page2.matches(r#"<tr class="kern-table__row">"#).count(), 1 + 47 - 25);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_ignores_case_and_accents_and_filters_combine() {
    let app = TestApp::spawn().await;
    let (_, found) = app.html("/verwaltungen?q=LUBECK").await;
    assert!(
        found.contains("Hansestadt Lübeck") && found.contains("Gefundene Verwaltungen: 1"),
        "{found}"
    );
    let (_, mv) = app.html("/verwaltungen?land=DE-MV&art=gemeinde").await;
    assert!(mv.contains("Landeshauptstadt Schwerin") && mv.contains("Hanse- und Universitätsstadt Rostock"));
    assert!(mv.contains("Gefundene Verwaltungen: 2"), "{mv}");
    // The form shows the active filters.
    assert!(mv.contains(r#"<option value="DE-MV" selected"#), "{mv}");
    // Wildcards are literal; unknown filters are ignored rather than failing.
    let (status, wild) = app.html("/verwaltungen?q=%25&land=XX&art=nonsense&seite=abc").await;
    assert_eq!(status, StatusCode::OK);
    assert!(wild.contains("Gefundene Verwaltungen: 0"), "{wild}");
    // Markup in the search text comes back escaped.
    let (_, escaped) = app.html("/verwaltungen?q=%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert!(!escaped.contains("<script>alert(1)"), "{escaped}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_page_shows_its_place_in_the_hierarchy() {
    let app = TestApp::spawn().await;
    let (status, kiel) = app.html("/verwaltungen/kiel").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        kiel.contains("<title>Landeshauptstadt Kiel – Allmende</title>"),
        "{kiel}"
    );
    assert!(kiel.contains(r#"href="/verwaltungen/schleswig-holstein""#) && kiel.contains("010020000000"));
    let (_, land) = app.html("/verwaltungen/schleswig-holstein").await;
    assert!(
        land.contains(r#"href="/verwaltungen/kiel""#),
        "the Land lists its members"
    );
    let en = app.get_in("/verwaltungen/bayern", "en").await.text().await.unwrap();
    assert!(
        en.contains("Free State of Bavaria") && en.contains("Freistaat Bayern"),
        "{en}"
    );
    let (status, missing) = app.html("/verwaltungen/gibt-es-nicht").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(missing.contains("Verwaltung nicht gefunden"));
}
