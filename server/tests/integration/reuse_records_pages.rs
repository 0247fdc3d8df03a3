//! An agreement's confidential records as people meet them over HTTP,
//! without JavaScript: filing a document by a plain multipart form, the
//! refusals a reader sees at the file field, the download with its
//! checksum, the contact person, and the parties' consent that makes all
//! of it public.

use crate::support::TestApp;
use allmende_server::db::sql;
use app::reuse::documents::{samples, MAX_BYTES};
use base64::Engine;
use sha2::{Digest, Sha256};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ministry_files_the_contract_and_both_sides_publish_it() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    sql::exec(
        &db,
        "UPDATE memberships SET role = 'owner' WHERE user_id = (SELECT id FROM users WHERE email = 'mira.moeller@im-mv.example')",
        [],
    )
    .await
    .unwrap();
    let entry: String = sql::value(
        &db,
        "SELECT s.slug AS value FROM software s JOIN organisations o ON o.id = s.organisation_id \
         WHERE o.slug = 'kiel' AND s.active ORDER BY s.slug LIMIT 1",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    let im_mv: String = sql::value(
        &db,
        "SELECT id::text AS value FROM organisations WHERE slug = 'im-mv'",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    let kiel: String = sql::value(
        &db,
        "SELECT id::text AS value FROM organisations WHERE slug = 'kiel'",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    let mira = app.new_client();
    app.log_in(&mira, "mira.moeller@im-mv.example", "Schwerin-Mitglied-2026")
        .await;
    let asked = app
        .post_form_as(
            &mira,
            &format!("/software/{entry}/nachnutzung-anfragen"),
            &[
                ("organisation", &im_mv),
                ("kind", "cooperation_agreement"),
                ("message", "Bitte um Nachnutzung."),
            ],
        )
        .await;
    let agreement = asked.headers()["location"].to_str().unwrap().to_owned();

    // The form is there for her party, with what it takes.
    let (_, page) = app.html_as(&mira, &agreement).await;
    assert!(page.contains(r#"enctype="multipart/form-data""#) && page.contains("Dokument ablegen"));
    assert!(
        page.contains("PDF oder OpenDocument (Text, Tabelle, Präsentation), höchstens 10 MB"),
        "{page}"
    );
    assert!(page.contains("Zu dieser Vereinbarung sind keine Dokumente abgelegt."));

    let path = format!("{agreement}/dokumente");
    let pdf = samples::pdf();
    let filed = app
        .post_file_as(
            &mira,
            &path,
            &[
                ("organisation", &im_mv),
                ("titel", "Kooperationsvereinbarung <unterzeichnet>"),
            ],
            "Vereinbarung.pdf",
            pdf.clone(),
        )
        .await;
    assert_eq!(filed.status(), 303);
    assert_eq!(
        filed.headers()["location"],
        format!("{agreement}#agreement-documents").as_str()
    );
    let checksum = hex::encode(Sha256::digest(&pdf));
    let (_, page) = app.html_as(&mira, &agreement).await;
    assert!(page.contains("Das Dokument ist abgelegt."));
    assert!(
        page.contains("Kooperationsvereinbarung &lt;unterzeichnet&gt;"),
        "the title, escaped"
    );
    assert!(page.contains("Vereinbarung.pdf") && page.contains(&checksum));
    assert!(page.contains(&format!("PDF, {} B", pdf.len())), "{page}");
    let link = page
        .split(&format!(r#"href="{path}/"#))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|id| format!("{path}/{id}"))
        .expect("a download link");

    // What the download carries.
    let download = app.send(mira.get(app.url(&link))).await;
    assert_eq!(download.status(), 200);
    let headers = download.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"Vereinbarung.pdf\"; filename*=UTF-8''Vereinbarung%2Epdf"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "private, no-store");
    let digest = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&pdf));
    assert_eq!(headers["repr-digest"], format!("sha-256=:{digest}:").as_str());
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf);

    // Refusals come back at the file field; nothing is stored.
    let documents = || async {
        sql::value::<i64>(&db, "SELECT count(*) AS value FROM agreement_documents", [])
            .await
            .unwrap()
            .unwrap()
    };
    let mut large = samples::pdf();
    large.resize(MAX_BYTES + 1, b' ');
    for (name, bytes, message) in [
        (
            "Vertrag.pdf",
            b"<html><body>kein PDF</body></html>".to_vec(),
            "Die Datei ist weder ein PDF noch ein OpenDocument",
        ),
        ("Anlage.pdf", large, "Die Datei ist größer als 10 MB."),
    ] {
        let refused = app
            .post_file_as(&mira, &path, &[("organisation", &im_mv)], name, bytes)
            .await;
        assert_eq!(
            refused.headers()["location"],
            format!("{agreement}#documents-add").as_str()
        );
        let (_, page) = app.html_as(&mira, &agreement).await;
        assert!(page.contains(message), "{name}: {page}");
        assert!(page.contains(r#"aria-invalid="true""#) && page.contains("agreement-documents-datei-error"));
    }
    assert_eq!(documents().await, 1);

    // Strangers neither see nor fetch it; the provider's publisher does.
    let stranger = app.new_client();
    let (_, public) = app.html_as(&stranger, &agreement).await;
    assert!(!public.contains("Vereinbarung.pdf") && !public.contains(&checksum));
    let fetched = app.send(stranger.get(app.url(&link))).await;
    assert_eq!(fetched.status(), 303, "anonymous readers are asked to sign in");
    let pia = app.new_client();
    app.log_in(&pia, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    assert_eq!(app.send(pia.get(app.url(&link))).await.status(), 200);

    // Mira names herself as her party's contact; Kiel sees her address.
    let mira_id: String = sql::value(
        &db,
        "SELECT id::text AS value FROM users WHERE email = 'mira.moeller@im-mv.example'",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    let named = app
        .post_form_as(
            &mira,
            &format!("{agreement}/kontakt"),
            &[("organisation", &im_mv), ("kontakt", &mira_id)],
        )
        .await;
    assert_eq!(named.status(), 303);
    let (_, seen) = app.html_as(&pia, &agreement).await;
    assert!(seen.contains("Ansprechperson") && seen.contains(r#"href="mailto:mira.moeller@im-mv.example""#));
    let (_, public) = app.html_as(&stranger, &agreement).await;
    assert!(!public.contains("mira.moeller@im-mv.example"));

    // Both owners consent: now everyone sees the records.
    let consent = app
        .post_form_as(
            &mira,
            &format!("{agreement}/veroeffentlichung"),
            &[("organisation", &im_mv), ("zustimmung", "ja")],
        )
        .await;
    assert_eq!(consent.status(), 303);
    let (_, public) = app.html_as(&stranger, &agreement).await;
    assert!(!public.contains(&checksum), "one party's consent is not enough");
    let olaf = app.new_client();
    app.log_in(&olaf, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let (_, page) = app.html_as(&olaf, &agreement).await;
    assert!(page.contains("Der Veröffentlichung zustimmen") && page.contains("Stimmt der Veröffentlichung zu"));
    app.post_form_as(
        &olaf,
        &format!("{agreement}/veroeffentlichung"),
        &[("organisation", &kiel), ("zustimmung", "ja")],
    )
    .await;
    let (_, public) = app.html_as(&stranger, &agreement).await;
    assert!(public.contains(&checksum) && public.contains("mira.moeller@im-mv.example"));
    assert!(public.contains("Alle Beteiligten haben zugestimmt"));
    assert!(!public.contains("Dokument ablegen"), "the public still cannot act");
    assert_eq!(app.send(stranger.get(app.url(&link))).await.status(), 200);
}
