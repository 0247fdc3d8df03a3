use crate::support::TestApp;
use reqwest::StatusCode;

fn nonce_of(csp: &str) -> &str {
    csp.split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the CSP")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_a_fresh_script_nonce_and_no_unsafe_inline() {
    let app = TestApp::spawn().await;
    let first = app.get("/").await;
    let csp = first.headers()["content-security-policy"].to_str().unwrap().to_owned();
    let html = first.text().await.unwrap();
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = nonce_of(&csp).to_owned();
    assert!(nonce.len() >= 16);
    // Every inline script carries the nonce.
    for script in html.split("<script").skip(1) {
        assert!(
            script.starts_with(&format!(r#" type="module" nonce="{nonce}""#))
                || script.contains(&format!("nonce=\"{nonce}\"")),
            "script without nonce: {script:.80}"
        );
    }
    let second = app.get("/").await;
    let csp2 = second.headers()["content-security-policy"].to_str().unwrap();
    assert_ne!(nonce, nonce_of(csp2), "the nonce must change per response");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_has_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/", "/gibt-es-nicht", "/healthz", "/metrics"] {
        let response = app.get(path).await;
        let h = response.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert!(
            !h.contains_key("strict-transport-security"),
            "{path}: HSTS without https"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hsts_is_sent_when_the_site_is_served_over_https() {
    let db = crate::support::TestDb::new().await;
    let app = TestApp::spawn_on(&db.url, &[("ALLMENDE_PUBLIC_URL", "https://allmende.example")]).await;
    let response = app.get("/").await;
    assert!(response.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_writes_are_refused() {
    let app = TestApp::spawn().await;
    for (name, value) in [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")] {
        let response = app
            .client
            .post(app.url("/sprache"))
            .header(name, value)
            .form(&[("lang", "en")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}: {value}");
        assert!(
            !response.headers().contains_key("set-cookie"),
            "a refused request changed state"
        );
    }
    // Server functions are state changes too (POST): the same rule applies.
    let response = app
        .client
        .post(app.url("/api/fn/home_stats"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // The same origin passes.
    let response = app
        .client
        .post(app.url("/sprache"))
        .header("origin", format!("http://{}", app.addr))
        .header("sec-fetch-site", "same-origin")
        .form(&[("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

/// Server functions answer with the status their error stands for, not 500:
/// a client can tell "sign in first" from "not allowed" from "not there".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_functions_answer_with_their_errors_status() {
    let app = TestApp::spawn().await;
    let call = |client: &reqwest::Client, endpoint: &str, form: &'static [(&'static str, &'static str)]| {
        let request = client
            .post(app.url(&format!("/api/fn/{endpoint}")))
            .header("origin", format!("http://{}", app.addr))
            .header("sec-fetch-site", "same-origin")
            .form(form);
        async move { request.send().await.unwrap().status() }
    };
    let anonymous = app.new_client();
    assert_eq!(call(&anonymous, "admin", &[]).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        call(&anonymous, "software", &[("slug", "gibt-es-nicht")]).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(&anonymous, "software", &[("slug", "bauantrag-online")]).await,
        StatusCode::OK
    );
    let member = app.new_client();
    app.log_in(&member, "mira.moeller@im-mv.example", "Schwerin-Mitglied-2026")
        .await;
    assert_eq!(call(&member, "admin", &[]).await, StatusCode::FORBIDDEN);
    assert_eq!(call(&member, "sync_queue", &[]).await, StatusCode::FORBIDDEN);
}
