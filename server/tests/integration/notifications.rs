//! Notifications through the real stack: a join request reaches the owner's
//! badge and page; a daily digest goes to the SMTP server on loopback with
//! a one-click unsubscribe that works without a session; "at once" mails a
//! publisher when a new file deactivates an entry; nobody marks another's
//! notifications; the closed sets match the schema's CHECKs.

use crate::support::mail::MailServer;
use crate::support::TestApp;
use allmende_server::seed::software;

const OWNER: (&str, &str) = ("olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026");
const MEMBER: (&str, &str) = ("mira.moeller@im-mv.example", "Schwerin-Mitglied-2026");
const PUBLISHER: (&str, &str) = ("pia.petersen@kiel.example", "Kiel-Publiziert-2026");

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let db = app.db.as_ref().unwrap().connect().await;
    crate::catalog_publishing::count(&db, sql).await
}

/// The ids in the page's "mark as read" forms, in the page's order.
fn mark_read_ids(page: &str) -> Vec<String> {
    page.split("action=\"/benachrichtigungen/")
        .skip(1)
        .filter_map(|rest| rest.split_once("/gelesen\"").map(|(id, _)| id.to_owned()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_join_request_reaches_the_owner_and_a_digest_unsubscribes_in_one_click() {
    let mail = MailServer::start().await;
    let app = TestApp::spawn_with(|_| mail.settings()).await;
    let owner = app.new_client();
    app.log_in(&owner, OWNER.0, OWNER.1).await;
    let (status, page) = app.html_as(&owner, "/benachrichtigungen").await;
    assert_eq!(status, 200);
    assert!(page.contains("Keine ungelesenen Benachrichtigungen."), "{page}");
    assert!(!page.contains("ungelesen)"), "no badge yet");
    // Opt in: join requests in the daily digest.
    let saved = app
        .post_form_as(
            &owner,
            "/benachrichtigungen/einstellungen",
            &[("join_request", "daily")],
        )
        .await;
    assert_eq!(saved.headers()["location"], "/benachrichtigungen#einstellungen");
    let (_, page) = app.html_as(&owner, "/benachrichtigungen").await;
    assert!(
        page.contains(r#"<option value="daily" selected"#),
        "the choice shows as made: {page}"
    );

    let member = app.new_client();
    app.log_in(&member, MEMBER.0, MEMBER.1).await;
    let asked = app
        .post_form_as(&member, "/verwaltungen/kiel/beitreten", &[("message", "Fundbüro")])
        .await;
    assert_eq!(asked.status(), 303);

    // The badge on every page, with its words for screen readers.
    let (_, home) = app.html_as(&owner, "/").await;
    assert!(home.contains("notification-badge"), "{home}");
    assert!(home.contains("(1 ungelesen)"), "{home}");
    let (_, page) = app.html_as(&owner, "/benachrichtigungen").await;
    assert!(
        page.contains("Mira Möller möchte Landeshauptstadt Kiel beitreten."),
        "{page}"
    );
    assert!(page.contains(r#"href="/verwaltungen/kiel/mitglieder""#), "{page}");
    // The member who asked is not told of her own request.
    let (_, hers) = app.html_as(&member, "/benachrichtigungen").await;
    assert!(hers.contains("Noch keine Benachrichtigungen"), "{hers}");

    // The digest waits for its slot: nothing is mailed yet.
    app.jobs_settled().await;
    assert!(mail.mails_to(OWNER.0).await.is_empty());
    let db = app.db.as_ref().unwrap().connect().await;
    assert_eq!(allmende_server::notifications::send_due_digests(&db).await.unwrap(), 1);
    let mails = mail.wait_for(OWNER.0, 1).await;
    let digest = &mails[0];
    assert_eq!(digest.subject, "Allmende: Ihre tägliche Zusammenfassung (1)");
    assert!(
        digest
            .text
            .contains("Mira Möller möchte Landeshauptstadt Kiel beitreten."),
        "{}",
        digest.text
    );
    assert!(digest.text.contains("/verwaltungen/kiel/mitglieder"), "{}", digest.text);
    let header = &digest.headers["list-unsubscribe"];
    assert_eq!(digest.headers["list-unsubscribe-post"], "List-Unsubscribe=One-Click");
    let link = header.trim_start_matches('<').trim_end_matches('>').to_owned();
    assert!(
        link.starts_with(&app.url("/benachrichtigungen/abbestellen?key=")),
        "{link}"
    );
    assert!(digest.text.contains(&link), "the link is in the text too");

    // Following the link changes nothing (mail scanners follow links) ...
    let (status, confirm) = app.html(&link.replacen(&app.url(""), "", 1)).await;
    assert_eq!(status, 200);
    assert!(confirm.contains("Abbestellen"), "{confirm}");
    let delivery = "SELECT count(*) FROM notification_settings WHERE kind = 'join_request' AND delivery = 'daily'";
    assert_eq!(scalar(&app, delivery).await, 1);
    // ... the mail program's one-click POST does, with no session at all.
    let clicked = reqwest::Client::new()
        .post(&link)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(clicked.status(), 200);
    assert_eq!(scalar(&app, delivery).await, 0);
    let (_, page) = app.html_as(&owner, "/benachrichtigungen").await;
    assert!(page.contains(r#"<option value="none" selected"#), "{page}");
    let unknown = reqwest::Client::new()
        .post(app.url(&format!("/benachrichtigungen/abbestellen?key={}", "0".repeat(64))))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);

    // Unsubscribed: the next request is shown, not mailed.
    let (_, members) = app.html_as(&owner, "/verwaltungen/kiel/mitglieder").await;
    let request = members
        .split("action=\"/verwaltungen/kiel/antraege/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let declined = app
        .post_form_as(
            &owner,
            &format!("/verwaltungen/kiel/antraege/{request}"),
            &[("decision", "decline")],
        )
        .await;
    assert_eq!(declined.status(), 303);
    app.post_form_as(&member, "/verwaltungen/kiel/beitreten", &[("message", "Noch einmal")])
        .await;
    let (_, home) = app.html_as(&owner, "/").await;
    assert!(home.contains("(2 ungelesen)"), "{home}");
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM jobs WHERE kind = 'send_digest' AND state = 'queued'"
        )
        .await,
        0
    );

    // Someone else cannot mark them; the owner marks one, then all.
    let (_, page) = app.html_as(&owner, "/benachrichtigungen").await;
    let ids = mark_read_ids(&page);
    assert_eq!(ids.len(), 2, "{page}");
    let theirs = app
        .post_form_as(&member, &format!("/benachrichtigungen/{}/gelesen", ids[0]), &[])
        .await;
    assert_eq!(theirs.status(), 404);
    let marked = app
        .post_form_as(&owner, &format!("/benachrichtigungen/{}/gelesen", ids[0]), &[])
        .await;
    assert_eq!(marked.headers()["location"], "/benachrichtigungen");
    let (_, home) = app.html_as(&owner, "/").await;
    assert!(home.contains("(1 ungelesen)"), "{home}");
    let all = app.post_form_as(&owner, "/benachrichtigungen/gelesen", &[]).await;
    assert_eq!(all.headers()["location"], "/benachrichtigungen");
    let (_, page) = app.html_as(&owner, "/benachrichtigungen").await;
    assert!(page.contains("Keine ungelesenen Benachrichtigungen."), "{page}");
    assert!(!page.contains("notification-badge"), "{page}");
    assert!(
        page.contains("Mira Möller möchte Landeshauptstadt Kiel beitreten."),
        "still listed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deactivated_entry_is_mailed_at_once_in_english_to_its_other_publishers() {
    let mail = MailServer::start().await;
    let app = TestApp::spawn_with(|_| mail.settings()).await;
    let owner = app.new_client();
    app.log_in(&owner, OWNER.0, OWNER.1).await;
    let profile = app
        .post_form_as(
            &owner,
            "/konto/profil",
            &[("display_name", "Olaf Ohlsen"), ("locale", "en")],
        )
        .await;
    assert_eq!(profile.status(), 303);
    app.post_form_as(
        &owner,
        "/benachrichtigungen/einstellungen",
        &[("entry_deactivated", "immediately"), ("join_request", "none")],
    )
    .await;

    let publisher = app.new_client();
    app.log_in(&publisher, PUBLISHER.0, PUBLISHER.1).await;
    let file = software::render(
        &software::SOFTWARE[0],
        "https://www.kiel.de",
        "Landeshauptstadt Kiel",
        &software::repository("kiel", "Bauantrag Online"),
        None,
    )
    .replace("softwareType: standalone/web", "softwareType: website");
    let response = app
        .post_multipart_as(
            &publisher,
            "/software/veroeffentlichen",
            &[
                ("organisation", "kiel"),
                ("publiccode", &file),
                ("aktion", "veroeffentlichen"),
            ],
        )
        .await;
    assert!(response.text().await.unwrap().contains("jetzt inaktiv"));

    let mails = mail.wait_for(OWNER.0, 1).await;
    assert_eq!(
        mails[0].subject,
        "A newly published publiccode.yml made the entry “bauantrag-online” inactive."
    );
    assert!(
        mails[0].text.contains("/software/bauantrag-online"),
        "{}",
        mails[0].text
    );
    assert!(mails[0].headers.contains_key("list-unsubscribe"));
    // The publisher who published is told on the page, not by notification.
    app.jobs_settled().await;
    assert!(mail.mails_to(PUBLISHER.0).await.is_empty());
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = 'pia.petersen@kiel.example'"
        )
        .await,
        0
    );
}
