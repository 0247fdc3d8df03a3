//! Login with OpenID Connect against a real provider (npm oidc-provider on
//! loopback): the happy path and every refusal the issue names.

use crate::support::oidc::{self, authorize, query, sign_in, start_login, with_query, Person, Provider};
use crate::support::TestApp;
use allmende_server::accounts::oidc::{OidcClients, OidcError};
use allmende_server::config::OidcProviderConfig;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use sha2::{Digest, Sha256};

const ANNA: Person = Person {
    subject: "anna-1234",
    name: "Anna Schmidt",
    email: "anna.schmidt@stk.landsh.de",
    email_verified: true,
};

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("allmende_session="))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

async fn app_with_provider() -> (TestApp, Provider) {
    let mut provider = None;
    let app = TestApp::spawn_with(|base| {
        let p = futures_lite_block(Provider::start(base));
        let settings = p.settings();
        provider = Some(p);
        settings
    })
    .await;
    (app, provider.unwrap())
}

/// `spawn_with` takes a synchronous closure; the provider starts on the
/// current runtime (the tests use the multi-threaded one).
fn futures_lite_block<F: std::future::Future>(future: F) -> F::Output {
    tokio::task::block_in_place(|| tokio::runtime::Handle::current().block_on(future))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_signs_in_through_the_provider_with_a_new_session_id() {
    let (app, _provider) = app_with_provider().await;
    let (_, login_page) = app.html("/anmelden").await;
    assert!(login_page.contains("Anmelden mit Test-IdP"), "the provider is offered");

    let authorization = start_login(&app).await;
    // PKCE with S256, state and nonce are part of the request.
    assert_eq!(query(&authorization, "code_challenge_method"), "S256");
    assert!(query(&authorization, "state").len() >= 16 && query(&authorization, "nonce").len() >= 16);
    let callback = authorize(&app.client, &authorization, &ANNA).await;
    let response = app.client.get(callback).send().await.unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/konto");
    let (status, account) = app.html("/konto").await;
    assert_eq!(status, 200);
    assert!(
        account.contains("Anna Schmidt") && account.contains("Test-IdP"),
        "{account}"
    );

    app.post_form("/abmelden", &[]).await;
    let (status, _) = app.html("/konto").await;
    assert_eq!(status, 401, "signed out");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_id_changes_at_login() {
    let (app, _provider) = app_with_provider().await;
    let start = app.post_form("/anmelden/oidc/test", &[("zurueck", "/konto")]).await;
    let before = session_cookie(&start).expect("a session for the pending login");
    let authorization = url::Url::parse(start.headers()["location"].to_str().unwrap()).unwrap();
    let callback = authorize(&app.client, &authorization, &ANNA).await;
    let response = app.client.get(callback).send().await.unwrap();
    let after = session_cookie(&response).expect("a new session cookie at login");
    assert_ne!(before, after, "the session id must change at login (session fixation)");
    // The old id is worthless: a browser still holding it is not signed in.
    let old = app.new_client();
    let response = old
        .get(app.url("/konto"))
        .header("cookie", before)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

async fn refused_with(app: &TestApp, response: reqwest::Response, message: &str) {
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/anmelden");
    let (_, page) = app.html("/anmelden").await;
    assert!(page.contains(message), "expected {message:?} on the login page");
    let (status, _) = app.html("/konto").await;
    assert_eq!(status, 401, "nobody is signed in after a refused login");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_state_is_refused() {
    let (app, _provider) = app_with_provider().await;
    let authorization = start_login(&app).await;
    let callback = authorize(&app.client, &authorization, &ANNA).await;
    let forged = with_query(&callback, "state", "forged-by-an-attacker");
    let response = app.client.get(forged).send().await.unwrap();
    refused_with(&app, response, "ungültiger state-Parameter").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_authorisation_code_is_refused() {
    let (app, _provider) = app_with_provider().await;
    let callback = authorize(&app.client, &start_login(&app).await, &ANNA).await;
    let first = app.client.get(callback.clone()).send().await.unwrap();
    assert_eq!(first.headers()["location"], "/konto");
    app.post_form("/abmelden", &[]).await;
    // A new login in the same browser, answered with the old, used code.
    let fresh = start_login(&app).await;
    let replay = with_query(&callback, "state", &query(&fresh, "state"));
    let response = app.client.get(replay).send().await.unwrap();
    refused_with(&app, response, "Anmeldecode nicht angenommen").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_nonce_is_refused() {
    let (app, _provider) = app_with_provider().await;
    let authorization = start_login(&app).await;
    // The provider is asked for a token with another nonce than the one
    // Allmende remembered for this login.
    let tampered = with_query(&authorization, "nonce", "a-nonce-from-another-login");
    let callback = authorize(&app.client, &tampered, &ANNA).await;
    let response = app.client.get(callback).send().await.unwrap();
    refused_with(&app, response, "nonce stimmt nicht").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_id_token_for_another_audience_is_refused() {
    let provider = Provider::start("http://127.0.0.1:1").await;
    // A real ID token, issued by the provider to another application.
    let verifier = "a-pkce-verifier-of-enough-length-0123456789abcdef";
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let authorization = url::Url::parse_with_params(
        &format!("{}/auth", provider.issuer),
        [
            ("client_id", oidc::OTHER_CLIENT_ID),
            ("response_type", "code"),
            ("scope", "openid email"),
            ("redirect_uri", oidc::OTHER_REDIRECT),
            ("state", "other-state-value"),
            ("nonce", "other-nonce-value"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ],
    )
    .unwrap();
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap();
    let callback = authorize(&browser, &authorization, &ANNA).await;
    let token: serde_json::Value = browser
        .post(format!("{}/token", provider.issuer))
        .basic_auth(oidc::OTHER_CLIENT_ID, Some(oidc::OTHER_SECRET))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &query(&callback, "code")),
            ("redirect_uri", oidc::OTHER_REDIRECT),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id_token = token["id_token"].as_str().expect("an ID token");

    let clients_for = |client_id: &str, secret: &str| {
        OidcClients::new(
            vec![OidcProviderConfig {
                id: "test".into(),
                name: "Test-IdP".into(),
                issuer: provider.issuer.clone(),
                client_id: client_id.into(),
                client_secret: secrecy::SecretString::from(secret.to_owned()),
            }],
            url::Url::parse("http://127.0.0.1:1").unwrap(),
        )
        .unwrap()
    };
    // Verified as Allmende's: refused because of the audience, with its message.
    let result = clients_for(oidc::CLIENT_ID, oidc::CLIENT_SECRET)
        .verify_raw("test", id_token, "other-nonce-value")
        .await;
    assert_eq!(result.as_ref().unwrap_err(), &OidcError::Audience);
    assert_eq!(result.unwrap_err().message_key(), "oidc.error.audience");
    // The same token is valid for the application it was made for.
    let identity = clients_for(oidc::OTHER_CLIENT_ID, oidc::OTHER_SECRET)
        .verify_raw("test", id_token, "other-nonce-value")
        .await
        .expect("valid for its own audience");
    assert_eq!(identity.subject, ANNA.subject);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_are_matched_by_subject_never_by_e_mail() {
    let (app, _provider) = app_with_provider().await;
    // Someone at the provider claims the demo publisher's address, verified.
    let impostor = Person {
        subject: "someone-else",
        name: "Mallory",
        email: "pia.petersen@kiel.example",
        email_verified: true,
    };
    let response = sign_in(&app, &impostor).await;
    assert_eq!(response.headers()["location"], "/konto");
    let (_, account) = app.html("/konto").await;
    assert!(
        account.contains("Mallory") && !account.contains("Pia Petersen"),
        "a new account, not Pia's"
    );
    // The verified address in kiel.example (a domain Kiel registered) makes a
    // member of Kiel, never a publisher.
    assert!(account.contains("Landeshauptstadt Kiel") && account.contains("Mitglied"));
    assert!(!account.contains("Veröffentlicher/in"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unverified_address_joins_no_organisation() {
    let (app, _provider) = app_with_provider().await;
    let unverified = Person {
        subject: "unverified-1",
        name: "Uwe Unbestätigt",
        email: "uwe@kiel.example",
        email_verified: false,
    };
    sign_in(&app, &unverified).await;
    let (_, account) = app.html("/konto").await;
    assert!(account.contains("Uwe Unbestätigt"));
    assert!(account.contains("Sie gehören noch keiner Verwaltung an."), "{account}");
}
