use crate::support::TestApp;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_remembers_the_choice_and_returns() {
    let app = TestApp::spawn().await;
    let response = app
        .post_form("/sprache", &[("lang", "en"), ("back", "/impressum")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/impressum");
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with("allmende_lang=en;") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    // The cookie beats the browser's Accept-Language.
    let html = app
        .client
        .get(app.url("/impressum"))
        .header("cookie", "allmende_lang=en")
        .header("accept-language", "de")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"<html lang="en">"#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_refuses_foreign_targets_and_languages() {
    let app = TestApp::spawn().await;
    let response = app
        .post_form("/sprache", &[("lang", "de"), ("back", "https://evil.example/")])
        .await;
    assert_eq!(response.headers()["location"], "/");
    let response = app.post_form("/sprache", &[("lang", "xx")]).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.text().await.unwrap().contains("lang"));
}
