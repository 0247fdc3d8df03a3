//! An agreement's confidential parts (its request text, its amounts, its
//! documents, its parties' contacts) reach nobody outside the parties, in
//! any channel: the pages and the reports, the API with and without a
//! token, the exports and the feed, the search, the notifications, and the
//! mail. Each channel is one test (pages and reports together), on the
//! seed's Bauantrag Online agreement
//! (in force between Kiel, Lübeck and Kreis Nordfriesland) with a document
//! and a contact added; the ministry of Mecklenburg-Vorpommern is the
//! outsider.

use crate::catalog_api::json;
use crate::support::mail::MailServer;
use crate::support::{factories, TestApp};
use allmende_server::db::sql;
use allmende_server::kernel::{AgreementId, OrganisationId, UserId};
use allmende_server::reuse::{Reuse, Upload};
use app::reuse::documents::samples;
use app::reuse::workflow::Action;
use sea_orm::DatabaseConnection;

/// What only the parties may see: the request's text, an amount of the
/// cost blocks (240,000 € in 2025), the document's title and file name, and
/// the contact's address.
const SECRETS: [&str; 6] = [
    "untere Bauaufsicht",
    "240.000,00",
    "Vertragsanlage Zebra",
    "zebra-anlage.pdf",
    "olaf.ohlsen@kiel.example",
    "24000000",
];

const OUTSIDER: (&str, &str) = ("mira.moeller@im-mv.example", "Schwerin-Mitglied-2026");
const PARTY: (&str, &str) = ("lea.lorenzen@luebeck.example", "Luebeck-Eigentum-2026");

struct Secret {
    id: AgreementId,
    db: DatabaseConnection,
}

async fn user(db: &DatabaseConnection, email: &str) -> UserId {
    sql::value(
        db,
        "SELECT user_id AS value FROM local_logins WHERE email = $1",
        [email.into()],
    )
    .await
    .unwrap()
    .unwrap()
}

async fn organisation(db: &DatabaseConnection, slug: &str) -> OrganisationId {
    sql::value(
        db,
        "SELECT id AS value FROM organisations WHERE slug = $1",
        [slug.into()],
    )
    .await
    .unwrap()
    .unwrap()
}

/// The seed's agreement with Kiel's document and contact added by Kiel's
/// owner.
async fn secret(app: &TestApp) -> Secret {
    let db = app.db.as_ref().unwrap().connect().await;
    let id: AgreementId = sql::value(
        &db,
        "SELECT a.id AS value FROM reuse_agreements a JOIN software s ON s.id = a.software_id \
         WHERE s.name = 'Bauantrag Online' AND a.status = 'active'",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    let olaf = factories::actor(&db, user(&db, "olaf.ohlsen@kiel.example").await).await;
    let kiel = organisation(&db, "kiel").await;
    let reuse = Reuse {
        db: db.clone(),
        usage: Default::default(),
    };
    reuse
        .add_document(
            &olaf,
            None,
            id,
            kiel,
            Upload {
                title: "Vertragsanlage Zebra".into(),
                file_name: "zebra-anlage.pdf".into(),
                bytes: samples::pdf(),
            },
        )
        .await
        .unwrap();
    reuse
        .set_contact(&olaf, None, id, kiel, Some(olaf.user_id))
        .await
        .unwrap();
    Secret { id, db }
}

fn leaks(text: &str) -> Vec<&'static str> {
    SECRETS.iter().copied().filter(|s| text.contains(s)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_reports_show_the_confidential_parts_to_the_parties_only() {
    let app = TestApp::spawn().await;
    let s = secret(&app).await;
    let page = format!("/nachnutzung/vereinbarungen/{}", s.id);
    let outsider = app.new_client();
    app.log_in(&outsider, OUTSIDER.0, OUTSIDER.1).await;
    let party = app.new_client();
    app.log_in(&party, PARTY.0, PARTY.1).await;

    let (status, anonymous) = app.html(&page).await;
    assert_eq!(status, 200);
    assert!(anonymous.contains("Bauantrag Online"), "the public summary is there");
    assert_eq!(leaks(&anonymous), Vec::<&str>::new(), "anonymous");
    let (_, seen) = app.html_as(&outsider, &page).await;
    assert!(seen.contains("Bauantrag Online"));
    assert_eq!(leaks(&seen), Vec::<&str>::new(), "outsider");
    let (_, theirs) = app.html_as(&party, &page).await;
    for secret in [
        "untere Bauaufsicht",
        "240.000,00",
        "Vertragsanlage Zebra",
        "zebra-anlage.pdf",
    ] {
        assert!(theirs.contains(secret), "a party sees {secret}");
    }
    // The document itself: the outsider learns nothing of it.
    let document = theirs
        .split("/dokumente/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let download = format!("{page}/dokumente/{document}");
    assert_eq!(app.send(outsider.get(app.url(&download))).await.status(), 404);
    assert_eq!(app.send(party.get(app.url(&download))).await.status(), 200);

    // Reports: no amount of it for the outsider, Lübeck's share for Lübeck.
    for path in [
        "/nachnutzung/berichte/DE-SH",
        "/verwaltungen/kiel/nachnutzung",
        "/nachnutzung/berichte",
    ] {
        let (_, report) = app.html_as(&outsider, path).await;
        assert_eq!(leaks(&report), Vec::<&str>::new(), "{path}");
    }
    let (_, luebeck) = app.html_as(&party, "/verwaltungen/luebeck/nachnutzung").await;
    assert!(luebeck.contains(" €"), "{luebeck}");
    // The list of agreements is public summaries only.
    let (_, list) = app.html_as(&outsider, "/nachnutzung").await;
    assert_eq!(leaks(&list), Vec::<&str>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_gives_the_confidential_parts_to_a_partys_token_only() {
    let app = TestApp::spawn().await;
    let s = secret(&app).await;
    let mut tokens = Vec::new();
    for (email, slug, plain) in [
        (
            OUTSIDER.0,
            "im-mv",
            "alm_confidential-outsider-0123456789abcdef0123456789abcdef",
        ),
        (
            PARTY.0,
            "luebeck",
            "alm_confidential-party-0123456789abcdef0123456789abcdef0123",
        ),
    ] {
        sql::exec(
            &s.db,
            "INSERT INTO api_tokens (user_id, organisation_id, name, prefix, token_hash, scopes, expires_at) \
             SELECT l.user_id, o.id, 'Test', left($3, 8), sha256(convert_to($3, 'UTF8')), ARRAY['reuse:read'], now() + interval '1 day' \
             FROM local_logins l, organisations o WHERE l.email = $1 AND o.slug = $2",
            [email.into(), slug.into(), plain.into()],
        )
        .await
        .unwrap();
        tokens.push(plain);
    }
    let path = format!("/api/v1/agreements/{}", s.id);
    let get = |token: Option<&'static str>| {
        let mut request = app.client.get(app.url(&path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request
    };
    for (who, token) in [("anonymous", None), ("outsider", Some(tokens[0]))] {
        let (status, _, body) = json(app.send(get(token)).await).await;
        assert_eq!(status, 200, "{who}");
        assert_eq!(body["software_name"], "Bauantrag Online");
        for part in ["request_message", "costs", "documents"] {
            assert!(body[part].is_null(), "{who}: {part} is {}", body[part]);
        }
        assert_eq!(leaks(&body.to_string()), Vec::<&str>::new(), "{who}");
    }
    let (_, _, party) = json(app.send(get(Some(tokens[1]))).await).await;
    assert!(party["request_message"]
        .as_str()
        .unwrap()
        .contains("untere Bauaufsicht"));
    assert!(!party["costs"].as_array().unwrap().is_empty());
    assert_eq!(party["documents"][0]["title"], "Vertragsanlage Zebra");
    // The reports through the API: no amounts for the outsider's token.
    let request = app
        .client
        .get(app.url("/api/v1/organisations/kiel/reuse"))
        .bearer_auth(tokens[0]);
    let (_, _, report) = json(app.send(request).await).await;
    assert!(report["costs_hidden"].as_u64().unwrap() > 0);
    assert_eq!(leaks(&report.to_string()), Vec::<&str>::new());
    assert!(report["costs"].as_array().unwrap().is_empty(), "{report}");
}

/// The public paths of one channel carry the summary and none of the secrets.
async fn public_channel(paths: &[&str]) {
    let app = TestApp::spawn().await;
    let _s = secret(&app).await;
    for path in paths {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let body = response.text().await.unwrap();
        assert!(body.contains("Bauantrag Online"), "{path} lists it");
        assert_eq!(leaks(&body), Vec::<&str>::new(), "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exports_carry_nothing_confidential() {
    public_channel(&[
        "/nachnutzung/export.csv",
        "/nachnutzung/export.json",
        "/api/v1/agreements",
    ])
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feed_carries_nothing_confidential() {
    public_channel(&["/nachnutzung/feed.atom", "/nachnutzung/feed.atom?land=DE-SH"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_finds_nothing_confidential() {
    let app = TestApp::spawn().await;
    let _s = secret(&app).await;
    // The search knows the entry, not the agreement's words.
    for q in [
        "Zebra",
        "Vertragsanlage",
        "untere%20Bauaufsicht%20Nachnutzung%20Kooperation",
    ] {
        let (_, _, results) = json(app.get(&format!("/api/v1/software?q={q}")).await).await;
        assert_eq!(leaks(&results.to_string()), Vec::<&str>::new(), "{q}");
    }
    let (_, _, zebra) = json(app.get("/api/v1/software?q=Zebra").await).await;
    assert_eq!(zebra["total"], 0, "a document's title is not searchable");
    let (_, page) = app.html("/software?q=Zebra").await;
    assert!(page.contains("Zebra"), "the query itself is shown");
    assert_eq!(leaks(&page), Vec::<&str>::new());
    let (_, _, bau) = json(app.get("/api/v1/software?q=Bauantrag").await).await;
    assert!(bau["total"].as_u64().unwrap() >= 1, "the entry itself is found");
    assert_eq!(leaks(&bau.to_string()), Vec::<&str>::new());
}

/// Lübeck gives notice on the agreement: a step every party hears of.
async fn give_notice(s: &Secret) {
    let lea = factories::actor(&s.db, user(&s.db, PARTY.0).await).await;
    let luebeck = organisation(&s.db, "luebeck").await;
    let reuse = Reuse {
        db: s.db.clone(),
        usage: Default::default(),
    };
    let version = reuse.agreement(Some(&lea), s.id).await.unwrap().version;
    reuse
        .act(&lea, None, s.id, luebeck, Action::GiveNotice, version)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_tell_the_parties_without_the_confidential_parts() {
    let app = TestApp::spawn().await;
    let s = secret(&app).await;
    give_notice(&s).await;
    let outsider = user(&s.db, OUTSIDER.0).await;
    let told: i64 = sql::value(
        &s.db,
        "SELECT count(*) AS value FROM notifications WHERE user_id = $1",
        [outsider.into()],
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(told, 0, "the outsider is told nothing");
    let stored: Vec<String> = sql::values(
        &s.db,
        "SELECT subject || ' ' || link AS value FROM notifications WHERE kind = 'agreement_step'",
        [],
    )
    .await
    .unwrap();
    assert!(!stored.is_empty());
    for row in &stored {
        assert_eq!(leaks(row), Vec::<&str>::new(), "{row}");
    }
    // The parties' notification pages: the step, nothing confidential.
    let olaf = app.new_client();
    app.log_in(&olaf, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let (_, page) = app.html_as(&olaf, "/benachrichtigungen").await;
    assert!(
        page.contains("Lea Lorenzen") && page.contains("Bauantrag Online"),
        "{page}"
    );
    // (The page names Olaf's own address for his mail settings.)
    for secret in &SECRETS[..4] {
        assert!(!page.contains(secret), "{secret}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_tells_the_parties_without_the_confidential_parts() {
    let mail = MailServer::start().await;
    let app = TestApp::spawn_with(|_| mail.settings()).await;
    let s = secret(&app).await;
    // Kiel's owner and the outsider both want every step at once.
    for (who, password) in [("olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026"), OUTSIDER] {
        let client = app.new_client();
        app.log_in(&client, who, password).await;
        let saved = app
            .post_form_as(
                &client,
                "/benachrichtigungen/einstellungen",
                &[("agreement_step", "immediately")],
            )
            .await;
        assert_eq!(saved.status(), 303);
    }
    give_notice(&s).await;
    let mails = mail.wait_for("olaf.ohlsen@kiel.example", 1).await;
    assert!(mails[0].text.contains("Bauantrag Online"), "{}", mails[0].text);
    assert!(mails[0].text.contains("Lea Lorenzen"), "{}", mails[0].text);
    assert_eq!(
        leaks(&format!("{} {}", mails[0].subject, mails[0].text)),
        Vec::<&str>::new(),
        "a mail leaves the platform: it says what happened, not what is confidential"
    );
    app.jobs_settled().await;
    assert!(
        mail.mails_to(OUTSIDER.0).await.is_empty(),
        "the outsider is mailed nothing"
    );
}
