//! The kernel's job queue with mail as its first kind: a mail is queued in
//! the transaction of the change that asks for it and goes out after the
//! commit; an SMTP server that is down delays it, never loses it, never
//! sends it twice; a change that rolls back sends nothing.

use crate::support::mail::MailServer;
use crate::support::TestApp;
use allmende_server::kernel::jobs::{self, Job};
use allmende_server::mail::MailMessage;
use sea_orm::TransactionTrait;

/// A loopback port nobody listens on (yet).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let db = app.db.as_ref().unwrap().connect().await;
    crate::catalog_publishing::count(&db, sql).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_made_while_smtp_is_down_is_mailed_once_when_it_is_back() {
    let port = free_port();
    let app = TestApp::spawn_with(|_| {
        vec![
            ("ALLMENDE_SMTP_URL".into(), format!("smtp://127.0.0.1:{port}")),
            ("ALLMENDE_JOB_RETRY_BASE_MS".into(), "200".into()),
        ]
    })
    .await;
    let owner = app.new_client();
    app.log_in(&owner, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let invited = app
        .post_form_as(
            &owner,
            "/verwaltungen/kiel/einladungen",
            &[("email", "lena.lorenz@kiel.example"), ("role", "publisher")],
        )
        .await;
    assert_eq!(invited.status(), 303, "the invitation is made while SMTP is down");
    assert_eq!(invited.headers()["location"], "/verwaltungen/kiel/mitglieder");
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM invitations WHERE email = 'lena.lorenz@kiel.example'"
        )
        .await,
        1
    );

    // The worker tries, fails, and keeps the mail queued with the reason.
    crate::support::eventually("a failed attempt is recorded and retried", async || {
        let retried = "SELECT count(*) FROM jobs WHERE kind = 'send_mail' AND state = 'queued' AND attempts >= 1 AND error IS NOT NULL";
        (scalar(&app, retried).await == 1).then_some(())
    })
    .await;

    // The SMTP server comes up on the address the platform was given.
    let mail = MailServer::start_on(port).await;
    let link = mail.link_to("lena.lorenz@kiel.example", "/einladung").await;
    assert!(link.contains("token="), "{link}");
    app.jobs_settled().await;
    // Retries would show up now if there were any.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let mails = mail.mails_to("lena.lorenz@kiel.example").await;
    assert_eq!(mails.len(), 1, "delivered exactly once");
    assert!(
        mails[0].subject.contains("Landeshauptstadt Kiel"),
        "{}",
        mails[0].subject
    );
    // Done jobs keep no recipient or text (the link was a credential).
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM jobs WHERE state = 'done' AND payload = '{}'"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(&app, "SELECT count(*) FROM jobs WHERE payload::text LIKE '%lena%'").await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_that_rolls_back_sends_nothing() {
    let mail = MailServer::start().await;
    let settings = mail.settings();
    let app = TestApp::spawn_with(|_| settings).await;
    let db = app.db.as_ref().unwrap().connect().await;
    let message = |subject: &str| MailMessage {
        subject: subject.into(),
        body: "Text".into(),
    };
    let txn = db.begin().await.unwrap();
    jobs::enqueue(&txn, Job::mail("rollback@kiel.example", message("zurückgenommen")))
        .await
        .unwrap();
    txn.rollback().await.unwrap();
    let txn = db.begin().await.unwrap();
    jobs::enqueue(&txn, Job::mail("commit@kiel.example", message("übernommen")))
        .await
        .unwrap();
    txn.commit().await.unwrap();
    mail.wait_for("commit@kiel.example", 1).await;
    app.jobs_settled().await;
    assert!(mail.mails_to("rollback@kiel.example").await.is_empty());
    assert_eq!(
        scalar(&app, "SELECT count(*) FROM jobs").await,
        1,
        "the rolled-back job was never written"
    );
}

/// A permanent refusal (a recipient the SMTP server rejects with 5xx, here
/// an address it cannot parse) fails the job at once, with the reason, and
/// without the mail's text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_that_cannot_be_sent_fails_for_good_with_its_reason() {
    let mail = MailServer::start().await;
    let settings = mail.settings();
    let app = TestApp::spawn_with(|_| settings).await;
    let db = app.db.as_ref().unwrap().connect().await;
    jobs::enqueue(
        &db,
        Job::mail(
            "not an address",
            MailMessage {
                subject: "Betreff".into(),
                body: "geheimer Link".into(),
            },
        ),
    )
    .await
    .unwrap();
    app.jobs_settled().await;
    assert_eq!(
        scalar(&app, "SELECT count(*) FROM jobs WHERE state = 'failed' AND attempts = 1 AND error LIKE 'recipient address%' AND NOT payload ? 'body'").await,
        1
    );
}
