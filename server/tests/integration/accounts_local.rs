//! Local accounts end to end over HTTP, with a real SMTP server on loopback:
//! registration, verification, login, throttling, password reset, sessions.

use crate::support::mail::MailServer;
use crate::support::TestApp;

async fn app_with_mail() -> (TestApp, MailServer) {
    let mail = MailServer::start().await;
    let settings = mail.settings();
    let app = TestApp::spawn_with(|_| settings).await;
    (app, mail)
}

fn path_of(link: &str) -> String {
    let url = url::Url::parse(link).unwrap();
    format!("{}?{}", url.path(), url.query().unwrap_or(""))
}

fn token_of(link: &str) -> String {
    let url = url::Url::parse(link).unwrap();
    url.query_pairs().find(|(k, _)| k == "token").unwrap().1.into_owned()
}

async fn register(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post_form(
        "/registrieren",
        &[
            ("display_name", "Jana Jensen"),
            ("email", email),
            ("password", password),
            ("password_repeat", password),
        ],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_confirm_by_mail_and_sign_in() {
    let (app, mail) = app_with_mail().await;
    let response = register(&app, "Jana.Jensen@Luebeck.example", "Holstentor-1464-Backstein").await;
    assert_eq!(response.headers()["location"], "/anmelden");
    let (_, page) = app.html("/anmelden").await;
    assert!(page.contains("Bitte öffnen Sie den Link in der E-Mail"));

    // Before confirming, the password is right but the login waits for it.
    let client = app.new_client();
    let refused = app
        .post_form_as(
            &client,
            "/anmelden",
            &[
                ("email", "jana.jensen@luebeck.example"),
                ("password", "Holstentor-1464-Backstein"),
            ],
        )
        .await;
    assert_ne!(refused.headers()["location"], "/konto");

    let link = mail.link_to("jana.jensen@luebeck.example", "/bestaetigen").await;
    // Opening the link changes nothing (mail scanners open links); the button does.
    let (status, page) = app.html(&path_of(&link)).await;
    assert_eq!(status, 200);
    assert!(page.contains("E-Mail-Adresse bestätigen"));
    let confirmed = app.post_form("/bestaetigen", &[("token", &token_of(&link))]).await;
    assert_eq!(confirmed.headers()["location"], "/anmelden");
    let (_, page) = app.html("/anmelden").await;
    assert!(page.contains("Ihre E-Mail-Adresse ist bestätigt"));
    // A link works once.
    let again = app.post_form("/bestaetigen", &[("token", &token_of(&link))]).await;
    assert!(again.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/bestaetigen"));

    app.log_in(&client, "jana.jensen@luebeck.example", "Holstentor-1464-Backstein")
        .await;
    let (status, account) = app.html_as(&client, "/konto").await;
    assert_eq!(status, 200);
    assert!(account.contains("Jana Jensen") && account.contains("jana.jensen@luebeck.example"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_errors_name_their_fields_and_keep_the_input() {
    let (app, mail) = app_with_mail().await;
    let response = app
        .post_form(
            "/registrieren",
            &[
                ("display_name", "Jana"),
                ("email", "not-an-address"),
                ("password", "kurz"),
                ("password_repeat", "anders"),
            ],
        )
        .await;
    assert_eq!(response.headers()["location"], "/registrieren");
    let (_, page) = app.html("/registrieren").await;
    assert!(page.contains("Bitte korrigieren Sie die folgenden Angaben"));
    assert!(page.contains(r##"href="#register-email""##) && page.contains("gültige E-Mail-Adresse"));
    assert!(page.contains("mindestens 12 Zeichen") && page.contains("stimmen nicht überein"));
    assert!(
        page.contains(r#"value="Jana""#) && page.contains(r#"value="not-an-address""#),
        "input kept"
    );
    assert!(!page.contains("kurz"), "passwords are never sent back");
    assert!(page.contains(r#"aria-invalid="true""#));
    // Shown once: the next visit is a clean form.
    let (_, page) = app.html("/registrieren").await;
    assert!(!page.contains("Bitte korrigieren"));
    app.jobs_settled().await;
    assert!(mail.mails_to("not-an-address").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_a_taken_address_reveals_nothing_and_tells_its_owner() {
    let (app, mail) = app_with_mail().await;
    let response = register(&app, "pia.petersen@kiel.example", "Ein-ganz-neues-Passwort").await;
    assert_eq!(
        response.headers()["location"],
        "/anmelden",
        "same answer as for a new address"
    );
    app.jobs_settled().await;
    let mails = mail.mails_to("pia.petersen@kiel.example").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.contains("bereits ein Konto"));
    // Pia's password still works.
    app.log_in(&app.new_client(), "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
}

/// A login form post from a client behind the trusted proxy at `address`.
async fn login_from(app: &TestApp, client: &reqwest::Client, address: &str, email: &str, password: &str) -> String {
    let response = client
        .post(app.url("/anmelden"))
        .header("origin", format!("http://{}", app.addr))
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", address)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    let status = response.status();
    let Some(location) = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
    else {
        panic!("{email}: {status} {}", response.text().await.unwrap());
    };
    if location == "/konto" {
        return "signed in".into();
    }
    let (_, page) = app.html_as(client, "/anmelden").await;
    ["nicht richtig", "Zu viele erfolglose"]
        .iter()
        .find(|text| page.contains(*text))
        .map(|text| text.to_string())
        .unwrap_or(page)
}

/// Wrong passwords slow the guesser down; they never lock the owner out,
/// and an unknown address is answered exactly like a known one. (Before,
/// five failures locked the account against its owner too.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_throttle_the_guesser_not_the_owner() {
    let app = TestApp::spawn_with(|_| vec![("ALLMENDE_TRUSTED_PROXIES".into(), "127.0.0.1".into())]).await;
    let guesser = "203.0.113.7";
    for email in ["mira.moeller@im-mv.example", "niemand@nirgendwo.example"] {
        let client = app.new_client();
        for attempt in 1..=6 {
            let answer = login_from(&app, &client, guesser, email, "falsch-falsch-falsch").await;
            assert_eq!(answer, "nicht richtig", "{email}, attempt {attempt}");
        }
        // The sixth failure costs the guesser a delay, whatever they type.
        let answer = login_from(&app, &client, guesser, email, "Schwerin-Mitglied-2026").await;
        assert_eq!(answer, "Zu viele erfolglose", "{email}");
    }
    // Mira, from her own office, signs in at once.
    let answer = login_from(
        &app,
        &app.new_client(),
        "198.51.100.9",
        "mira.moeller@im-mv.example",
        "Schwerin-Mitglied-2026",
    )
    .await;
    assert_eq!(answer, "signed in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_reset_by_mail_ends_every_session() {
    let (app, mail) = app_with_mail().await;
    let laptop = app.new_client();
    app.log_in(&laptop, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;

    let response = app
        .post_form("/passwort-vergessen", &[("email", "olaf.ohlsen@kiel.example")])
        .await;
    assert_eq!(response.headers()["location"], "/anmelden");
    // An unknown address gets the same answer and no mail.
    let unknown = app
        .post_form("/passwort-vergessen", &[("email", "niemand@kiel.example")])
        .await;
    assert_eq!(unknown.headers()["location"], "/anmelden");
    app.jobs_settled().await;
    assert!(mail.mails_to("niemand@kiel.example").await.is_empty());

    let link = mail.link_to("olaf.ohlsen@kiel.example", "/passwort-neu").await;
    let token = token_of(&link);
    let mismatch = app
        .post_form(
            "/passwort-neu",
            &[
                ("token", &token),
                ("password", "Neues-Passwort-2027"),
                ("password_repeat", "Anderes-2027-xx"),
            ],
        )
        .await;
    assert!(mismatch.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/passwort-neu?token="));
    let done = app
        .post_form(
            "/passwort-neu",
            &[
                ("token", &token),
                ("password", "Neues-Passwort-2027"),
                ("password_repeat", "Neues-Passwort-2027"),
            ],
        )
        .await;
    assert_eq!(done.headers()["location"], "/anmelden");

    let (status, _) = app.html_as(&laptop, "/konto").await;
    assert_eq!(status, 401, "the session on the laptop ended with the reset");
    let phone = app.new_client();
    let old = app
        .post_form_as(
            &phone,
            "/anmelden",
            &[
                ("email", "olaf.ohlsen@kiel.example"),
                ("password", "Kiel-Eigentum-2026"),
            ],
        )
        .await;
    assert_ne!(old.headers()["location"], "/konto", "the old password is gone");
    app.log_in(&phone, "olaf.ohlsen@kiel.example", "Neues-Passwort-2027")
        .await;
    // The link was used up.
    let reuse = app
        .post_form(
            "/passwort-neu",
            &[
                ("token", &token),
                ("password", "Noch-ein-Passwort-1"),
                ("password_repeat", "Noch-ein-Passwort-1"),
            ],
        )
        .await;
    assert_ne!(reuse.headers()["location"], "/anmelden");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_reset_requests_are_rate_limited() {
    let (app, _mail) = app_with_mail().await;
    for _ in 0..3 {
        let response = app
            .post_form("/passwort-vergessen", &[("email", "pia.petersen@kiel.example")])
            .await;
        assert_eq!(response.status(), 303);
    }
    let response = app
        .post_form("/passwort-vergessen", &[("email", "pia.petersen@kiel.example")])
        .await;
    assert_eq!(response.status(), 429);
    assert!(response.text().await.unwrap().contains("Zu viele Versuche"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_everywhere_ends_the_other_sessions() {
    let app = TestApp::spawn().await;
    let (office, home) = (app.new_client(), app.new_client());
    app.log_in(&office, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    app.log_in(&home, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    let (_, account) = app.html_as(&home, "/konto").await;
    assert!(
        account.matches("<td class=\"kern-table__cell\">").count() >= 4,
        "two sessions listed"
    );

    let response = app.post_form_as(&home, "/abmelden/ueberall", &[]).await;
    assert_eq!(response.headers()["location"], "/anmelden");
    assert_eq!(app.html_as(&office, "/konto").await.0, 401);
    assert_eq!(app.html_as(&home, "/konto").await.0, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_foreign_origin_cannot_change_state_even_when_signed_in() {
    let app = TestApp::spawn().await;
    let client = app.new_client();
    app.log_in(&client, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    for (origin, site) in [("https://evil.example", "cross-site"), ("null", "cross-site")] {
        let response = client
            .post(app.url("/abmelden/ueberall"))
            .header("origin", origin)
            .header("sec-fetch-site", site)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
    }
    // A script replaying the browser's cookie without Origin is refused too.
    let response = client
        .post(app.url("/konto/profil"))
        .form(&[("display_name", "X"), ("locale", "de")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let (status, account) = app.html_as(&client, "/konto").await;
    assert_eq!(status, 200, "still signed in: nothing changed");
    assert!(account.contains("Pia Petersen"));
}
