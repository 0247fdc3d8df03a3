//! Joining an organisation: by invitation (mailed, bound to the address), by
//! a request the owner approves; roles and the last owner.

use crate::support::mail::MailServer;
use crate::support::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invited_person_registers_with_the_address_and_accepts() {
    let mail = MailServer::start().await;
    let settings = mail.settings();
    let app = TestApp::spawn_with(|_| settings).await;
    let owner = app.new_client();
    app.log_in(&owner, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let invited = app
        .post_form_as(
            &owner,
            "/verwaltungen/kiel/einladungen",
            &[("email", "Lena.Lorenz@Kiel.example"), ("role", "publisher")],
        )
        .await;
    assert_eq!(invited.headers()["location"], "/verwaltungen/kiel/mitglieder");
    let again = app
        .post_form_as(
            &owner,
            "/verwaltungen/kiel/einladungen",
            &[("email", "lena.lorenz@kiel.example"), ("role", "member")],
        )
        .await;
    assert_eq!(again.status(), 303);
    let (_, page) = app.html_as(&owner, "/verwaltungen/kiel/mitglieder").await;
    assert!(
        page.contains("An diese Adresse ist schon eine Einladung unterwegs"),
        "one open invitation per address"
    );

    let link = mail.link_to("lena.lorenz@kiel.example", "/einladung").await;
    let token = url::Url::parse(&link)
        .unwrap()
        .query_pairs()
        .next()
        .unwrap()
        .1
        .into_owned();
    let lena = app.new_client();
    let (status, page) = app.html_as(&lena, &format!("/einladung?token={token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Landeshauptstadt Kiel") && page.contains("Veröffentlicher/in"));

    // Someone else who got hold of the link cannot use it.
    let mira = app.new_client();
    app.log_in(&mira, "mira.moeller@im-mv.example", "Schwerin-Mitglied-2026")
        .await;
    assert_eq!(
        app.post_form_as(&mira, "/einladung", &[("token", &token)])
            .await
            .status(),
        403
    );

    // Lena registers with the invited address, confirms it and accepts.
    app.post_form_as(
        &lena,
        "/registrieren",
        &[
            ("display_name", "Lena Lorenz"),
            ("email", "lena.lorenz@kiel.example"),
            ("password", "Förde-Kiel-Segeln-1"),
            ("password_repeat", "Förde-Kiel-Segeln-1"),
        ],
    )
    .await;
    let verify = mail.link_to("lena.lorenz@kiel.example", "/bestaetigen").await;
    let verify_token = url::Url::parse(&verify)
        .unwrap()
        .query_pairs()
        .next()
        .unwrap()
        .1
        .into_owned();
    app.post_form_as(&lena, "/bestaetigen", &[("token", &verify_token)])
        .await;
    app.log_in(&lena, "lena.lorenz@kiel.example", "Förde-Kiel-Segeln-1")
        .await;
    let accepted = app.post_form_as(&lena, "/einladung", &[("token", &token)]).await;
    assert_eq!(accepted.headers()["location"], "/verwaltungen/kiel");
    let (_, account) = app.html_as(&lena, "/konto").await;
    assert!(account.contains("Landeshauptstadt Kiel") && account.contains("Veröffentlicher/in"));
    // Used once.
    assert_eq!(app.html_as(&lena, &format!("/einladung?token={token}")).await.0, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_to_join_is_approved_by_the_owner() {
    let app = TestApp::spawn().await;
    let mira = app.new_client();
    app.log_in(&mira, "mira.moeller@im-mv.example", "Schwerin-Mitglied-2026")
        .await;
    let (_, page) = app.html_as(&mira, "/verwaltungen/kiel").await;
    assert!(page.contains("Beitritt beantragen"));
    let requested = app
        .post_form_as(
            &mira,
            "/verwaltungen/kiel/beitreten",
            &[("message", "Ich betreue das Fundbüro-Verfahren.")],
        )
        .await;
    assert_eq!(requested.headers()["location"], "/verwaltungen/kiel");
    let twice = app
        .post_form_as(&mira, "/verwaltungen/kiel/beitreten", &[("message", "")])
        .await;
    assert_eq!(twice.status(), 303);
    let (_, page) = app.html_as(&mira, "/verwaltungen/kiel").await;
    assert!(page.contains("Ihr Antrag liegt bereits vor"));

    let owner = app.new_client();
    app.log_in(&owner, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let (_, members) = app.html_as(&owner, "/verwaltungen/kiel/mitglieder").await;
    assert!(members.contains("Ich betreue das Fundbüro-Verfahren."));
    let action = members
        .split("action=\"/verwaltungen/kiel/antraege/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let approved = app
        .post_form_as(
            &owner,
            &format!("/verwaltungen/kiel/antraege/{action}"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(approved.headers()["location"], "/verwaltungen/kiel/mitglieder");
    let (_, page) = app.html_as(&mira, "/verwaltungen/kiel").await;
    assert!(page.contains("Sie sind hier Mitglied."), "Mira is a member of Kiel now");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_always_keeps_an_owner() {
    let app = TestApp::spawn().await;
    let owner = app.new_client();
    app.log_in(&owner, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let (_, members) = app.html_as(&owner, "/verwaltungen/kiel/mitglieder").await;
    let olaf = members
        .split("/mitglieder/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    for (path, form) in [
        (
            format!("/verwaltungen/kiel/mitglieder/{olaf}/rolle"),
            vec![("role", "member")],
        ),
        (format!("/verwaltungen/kiel/mitglieder/{olaf}/entfernen"), vec![]),
    ] {
        let response = app.post_form_as(&owner, &path, &form).await;
        assert_eq!(response.status(), 303);
        let (_, page) = app.html_as(&owner, "/verwaltungen/kiel/mitglieder").await;
        assert!(page.contains("mindestens eine Eigentümerin"), "{path}");
    }
    let (_, account) = app.html_as(&owner, "/konto").await;
    assert!(account.contains("Eigentümer/in"), "still the owner");
}
