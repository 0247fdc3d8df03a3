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

/// The account page speaks the reader's language down to the names of the
/// organisations it lists (a pending request to join was always German).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_page_names_organisations_in_the_readers_language() {
    let app = TestApp::spawn().await;
    let mira = app.new_client();
    app.log_in(&mira, "mira.moeller@im-mv.example", "Schwerin-Mitglied-2026")
        .await;
    let requested = app
        .post_form_as(&mira, "/verwaltungen/bayern/beitreten", &[("message", "")])
        .await;
    assert_eq!(requested.status(), 303);
    let page = |language: &'static str| {
        let (app, mira) = (&app, &mira);
        async move {
            mira.get(app.url("/konto"))
                .header("accept-language", language)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let english = page("en").await;
    assert!(english.contains("Free State of Bavaria"), "{english}");
    let german = page("de").await;
    assert!(german.contains("Freistaat Bayern"), "{german}");
}
