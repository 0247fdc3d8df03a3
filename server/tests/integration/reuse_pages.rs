//! Reuse as people meet it over HTTP, without JavaScript: "Nachnutzung
//! anfragen" on a software page, the agreement's page for a party, for the
//! other party and for a stranger, and a step taken by a plain form post;
//! the German texts are asserted as a reader sees them.

use crate::support::TestApp;
use allmende_server::db::sql;

/// An active entry that Kiel provides.
async fn kiel_entry(app: &TestApp) -> String {
    let db = app.db.as_ref().unwrap().connect().await;
    sql::value::<String>(
        &db,
        "SELECT s.slug AS value FROM software s JOIN organisations o ON o.id = s.organisation_id \
         WHERE o.slug = 'kiel' AND s.active ORDER BY s.slug LIMIT 1",
        [],
    )
    .await
    .unwrap()
    .expect("the seed has an active Kiel entry")
}

/// The agreement's hidden version field, as the page rendered it.
fn version_on(page: &str) -> String {
    page.split(r#"name="version" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a step form with the version")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ministry_asks_kiel_for_reuse_and_kiel_accepts_on_the_agreements_page() {
    let app = TestApp::spawn().await;
    let entry = kiel_entry(&app).await;
    // Mira may commit her ministry once she publishes for it.
    let db = app.db.as_ref().unwrap().connect().await;
    sql::exec(
        &db,
        "UPDATE memberships SET role = 'publisher' WHERE user_id = (SELECT id FROM users WHERE email = 'mira.moeller@im-mv.example')",
        [],
    )
    .await
    .unwrap();
    let mira = app.new_client();
    app.log_in(&mira, "mira.moeller@im-mv.example", "Schwerin-Mitglied-2026")
        .await;

    // The software page leads to the request form.
    let (_, page) = app.html_as(&mira, &format!("/software/{entry}")).await;
    let form_path = format!("/software/{entry}/nachnutzung-anfragen");
    assert!(page.contains(&format!(r#"href="{form_path}""#)) && page.contains("Nachnutzung anfragen"));
    let (status, form) = app.html_as(&mira, &form_path).await;
    assert_eq!(status, 200);
    assert!(form.contains("Ihre Anfrage geht an Landeshauptstadt Kiel"), "{form}");
    assert!(form.contains("Ministerium für Inneres, Bau und Digitalisierung Mecklenburg-Vorpommern"));
    assert!(form.contains("Kooperationsvereinbarung") && form.contains("FIT-Store-Vertrag (FITKO)"));
    // Strangers are sent to sign in first.
    let stranger = app.new_client();
    let asked = app.send(stranger.get(app.url(&form_path))).await;
    assert_ne!(asked.status(), 200);

    let im_mv: String = sql::value(
        &db,
        "SELECT id::text AS value FROM organisations WHERE slug = 'im-mv'",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    // A kind outside the list goes back to the form, with the message kept.
    let message = "Wir möchten das Verfahren für die Landesverwaltung <b>MV</b> nachnutzen.";
    let refused = app
        .post_form_as(
            &mira,
            &form_path,
            &[("organisation", &im_mv), ("kind", "handshake"), ("message", message)],
        )
        .await;
    assert_eq!(refused.headers()["location"], form_path.as_str());
    let (_, form) = app.html_as(&mira, &form_path).await;
    assert!(
        form.contains("Art der Vereinbarung") && form.contains("kern-error"),
        "{form}"
    );
    assert!(form.contains("&lt;b&gt;MV&lt;/b&gt;"), "the message is kept, escaped");

    let asked = app
        .post_form_as(
            &mira,
            &form_path,
            &[
                ("organisation", &im_mv),
                ("kind", "cooperation_agreement"),
                ("message", message),
            ],
        )
        .await;
    assert_eq!(asked.status(), 303);
    let agreement = asked.headers()["location"].to_str().unwrap().to_owned();
    assert!(agreement.starts_with("/nachnutzung/vereinbarungen/"), "{agreement}");

    // Mira's page: the state, both parties, her request, and only her own step.
    let (status, page) = app.html_as(&mira, &agreement).await;
    assert_eq!(status, 200);
    assert!(page.contains("Ihre Anfrage ist gestellt"));
    assert!(page.contains("Interesse bekundet") && page.contains("Kooperationsvereinbarung"));
    assert!(page.contains("Bereitstellende Verwaltung") && page.contains("Nachnutzende Verwaltung"));
    assert!(page.contains("Landeshauptstadt Kiel") && page.contains("noch nicht unterzeichnet"));
    assert!(page.contains("&lt;b&gt;MV&lt;/b&gt;") && !page.contains("<b>MV</b>"));
    assert!(page.contains("Zurückziehen") && !page.contains("Anfrage annehmen"));
    assert!(
        page.contains("Mira Möller (Ministerium für Inneres"),
        "the history names her"
    );

    // A stranger sees the public summary: no request text, no steps.
    let (status, public) = app.html_as(&stranger, &agreement).await;
    assert_eq!(status, 200);
    assert!(public.contains("Interesse bekundet") && public.contains("Landeshauptstadt Kiel"));
    assert!(!public.contains("nachnutzen.") && !public.contains("Zurückziehen") && !public.contains("/schritt"));

    // Kiel's publisher accepts.
    let pia = app.new_client();
    app.log_in(&pia, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    let (_, page) = app.html_as(&pia, &agreement).await;
    assert!(page.contains("Für Landeshauptstadt Kiel handeln") && page.contains("Anfrage annehmen"));
    assert!(page.contains("Ablehnen") && !page.contains("Zurückziehen"));
    let version = version_on(&page);
    let kiel: String = sql::value(
        &db,
        "SELECT id::text AS value FROM organisations WHERE slug = 'kiel'",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    let step = format!("{agreement}/schritt");
    let accepted = app
        .post_form_as(
            &pia,
            &step,
            &[("organisation", &kiel), ("aktion", "accept"), ("version", &version)],
        )
        .await;
    assert_eq!(accepted.headers()["location"], agreement.as_str());
    let (_, page) = app.html_as(&pia, &agreement).await;
    assert!(page.contains("Der Schritt ist vollzogen") && page.contains("In Abstimmung"));
    assert!(page.contains("Pia Petersen (Landeshauptstadt Kiel)"));

    // The same step from the page read before it: refused with the reason.
    let stale = app
        .post_form_as(
            &pia,
            &step,
            &[("organisation", &kiel), ("aktion", "decline"), ("version", &version)],
        )
        .await;
    assert_eq!(stale.headers()["location"], agreement.as_str());
    let (_, page) = app.html_as(&pia, &agreement).await;
    assert!(page.contains("Die Vereinbarung wurde inzwischen geändert"), "{page}");
    assert!(page.contains("In Abstimmung"), "nothing changed");

    // Mira cannot act for Kiel, whatever the form says; a made-up step is an input error.
    let (_, page) = app.html_as(&mira, &agreement).await;
    let version = version_on(&page);
    let forged = app
        .post_form_as(
            &mira,
            &step,
            &[("organisation", &kiel), ("aktion", "decline"), ("version", &version)],
        )
        .await;
    assert_eq!(forged.status(), 403);
    let nonsense = app
        .post_form_as(
            &mira,
            &step,
            &[("organisation", &im_mv), ("aktion", "shred"), ("version", &version)],
        )
        .await;
    assert_ne!(nonsense.status(), 500);
    let id = agreement.rsplit('/').next().unwrap().to_owned();
    let status: String = sql::value(
        &db,
        "SELECT status AS value FROM reuse_agreements WHERE id::text = $1",
        [id.into()],
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(status, "coordination");
    // An agreement that does not exist is a 404 page, not an error.
    assert_eq!(
        app.html_as(
            &mira,
            "/nachnutzung/vereinbarungen/00000000-0000-0000-0000-000000000000"
        )
        .await
        .0,
        404
    );
    assert_eq!(app.html_as(&mira, "/nachnutzung/vereinbarungen/kein-uuid").await.0, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_of_agreements_filters_by_status_kind_and_land_and_shows_no_confidential_part() {
    let app = TestApp::spawn().await;
    let (status, page) = app.html("/nachnutzung").await;
    assert_eq!(status, 200);
    // The seed's demo agreements, one or more in every state.
    assert!(page.contains("Gefundene Vereinbarungen: 10"), "{page}");
    assert!(
        page.contains(r#"aria-current="page" href="/nachnutzung" class="kern-link">Alle (10)"#),
        "{page}"
    );
    for tab in [
        "In Kraft (2)",
        "Interesse bekundet (2)",
        "In Abstimmung (1)",
        "Bedingungen vorgeschlagen (1)",
        "Gekündigt (1)",
        "Beendet (1)",
        "Zurückgezogen (1)",
        "Abgelehnt (1)",
    ] {
        assert!(page.contains(tab), "{tab} in {page}");
    }
    assert!(
        page.contains("Bauantrag Online") && page.contains("Hansestadt Lübeck") && page.contains("Kreis Nordfriesland")
    );
    // Requests' own words are for the parties.
    assert!(!page.contains("untere Bauaufsicht übernehmen"));

    let (_, active) = app.html("/nachnutzung?stand=active").await;
    assert!(active.contains("Gefundene Vereinbarungen: 2"), "{active}");
    assert!(active.contains("Bauantrag Online") && active.contains("Formularserver Nord"));
    assert!(!active.contains("Terminvergabe Bürgeramt"));

    let (_, fit) = app.html("/nachnutzung?art=fit_store").await;
    assert!(
        fit.contains("Gefundene Vereinbarungen: 1") && fit.contains("Vergabeplattform Kommunal"),
        "{fit}"
    );
    assert!(fit.contains("Bedingungen vorgeschlagen (1)") && fit.contains("Alle (1)"));

    let (_, bremen) = app.html("/nachnutzung?land=DE-HB").await;
    assert!(
        bremen.contains("Open Data Portal Kit") && bremen.contains("Zurückgezogen"),
        "{bremen}"
    );
    assert!(bremen.contains("Gefundene Vereinbarungen: 1"));

    // Nonsense filters filter nothing; an empty selection says so.
    let (status, wild) = app.html("/nachnutzung?stand=bogus&land=XX&seite=-3").await;
    assert_eq!(status, 200);
    assert!(wild.contains("Gefundene Vereinbarungen: 10"));
    let (_, none) = app.html("/nachnutzung?stand=active&land=DE-HB").await;
    assert!(none.contains("Keine Vereinbarung passt zu dieser Auswahl"), "{none}");

    // The software page: agreements in force with their parties, and the
    // maintainer's own list of users marked as unconfirmed.
    let db = app.db.as_ref().unwrap().connect().await;
    let slug: String = sql::value(
        &db,
        "SELECT slug AS value FROM software WHERE name = 'Bauantrag Online'",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    let (_, entry) = app.html(&format!("/software/{slug}")).await;
    assert!(
        entry.contains("Vereinbarungen in Kraft: 1. In Vorbereitung: 0."),
        "{entry}"
    );
    assert!(entry.contains("Hansestadt Lübeck") && entry.contains("Kooperationsvereinbarung"));
    assert!(entry.contains("Von den Betreuenden genannte Nutzer (nicht bestätigt)"));
    let english = app
        .get_in("/nachnutzung?stand=active", "en")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        english.contains("Agreements found: 2") && english.contains("In force (2)"),
        "{english}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_save_of_the_terms_shows_what_the_other_party_changed() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    // The seed's request from Rostock to Kiel, taken up by Kiel's publisher.
    let id: String = sql::value(
        &db,
        "SELECT a.id::text AS value FROM reuse_agreements a JOIN agreement_parties p ON p.agreement_id = a.id \
         JOIN organisations o ON o.id = p.organisation_id WHERE o.slug = 'rostock' AND a.status = 'interest_expressed'",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    let agreement = format!("/nachnutzung/vereinbarungen/{id}");
    let pia = app.new_client();
    app.log_in(&pia, "pia.petersen@kiel.example", "Kiel-Publiziert-2026")
        .await;
    let (_, page) = app.html_as(&pia, &agreement).await;
    assert!(
        !page.contains("Bedingungen bearbeiten"),
        "not before the request is taken up"
    );
    let kiel: String = sql::value(
        &db,
        "SELECT id::text AS value FROM organisations WHERE slug = 'kiel'",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    app.post_form_as(
        &pia,
        &format!("{agreement}/schritt"),
        &[
            ("organisation", &kiel),
            ("aktion", "accept"),
            ("version", &version_on(&page)),
        ],
    )
    .await;
    let (_, page) = app.html_as(&pia, &agreement).await;
    assert!(page.contains("Bedingungen bearbeiten") && page.contains("Kündigungsfrist in Monaten"));

    // Pia and Olaf open the form at the same version.
    let olaf = app.new_client();
    app.log_in(&olaf, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let form_path = format!("{agreement}/bedingungen");
    let (status, form) = app.html_as(&pia, &form_path).await;
    assert_eq!(status, 200);
    assert!(
        form.contains("Rechtsgrundlage") && form.contains("§ 108 Abs. 6 GWB"),
        "{form}"
    );
    let version = version_on(&form);
    let (_, olafs_form) = app.html_as(&olaf, &form_path).await;
    assert_eq!(version_on(&olafs_form), version);

    let saved = app
        .post_form_as(
            &pia,
            &form_path,
            &[
                ("organisation", &kiel),
                ("version", &version),
                ("kind", "licence_only"),
                ("support", "Einführung per Videokonferenz, zwei Termine"),
                ("notice_months", "3"),
            ],
        )
        .await;
    assert_eq!(saved.headers()["location"], agreement.as_str());
    let (_, page) = app.html_as(&pia, &agreement).await;
    assert!(page.contains("Die Bedingungen sind gespeichert"));
    assert!(page.contains("Einführung per Videokonferenz, zwei Termine"));
    assert!(
        page.contains(
            "Bedingungen geändert (Unterstützung durch die bereitstellende Verwaltung, Kündigungsfrist in Monaten)"
        ),
        "{page}"
    );

    // Olaf's save on the old version comes back with his input and Pia's values.
    let late = app
        .post_form_as(
            &olaf,
            &form_path,
            &[
                ("organisation", &kiel),
                ("version", &version),
                ("kind", "licence_only"),
                ("notice_months", "12"),
                ("starts_on", "1.7.2027"),
            ],
        )
        .await;
    assert_eq!(late.headers()["location"], form_path.as_str());
    let (_, form) = app.html_as(&olaf, &form_path).await;
    assert!(form.contains("Inzwischen geändert"), "{form}");
    assert!(
        form.contains("Einführung per Videokonferenz, zwei Termine"),
        "the saved value is shown"
    );
    assert!(form.contains(r#"value="12""#), "his input is kept");
    assert!(form.contains("Dieses Feld hat inzwischen jemand anderes geändert"));
    let stored: i32 = sql::value(
        &db,
        "SELECT notice_months AS value FROM reuse_agreements WHERE id::text = $1",
        [id.clone().into()],
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(stored, 3, "Pia's save stands");

    // A wrong date is an error at its field; nothing is saved.
    let wrong = app
        .post_form_as(
            &olaf,
            &form_path,
            &[
                ("organisation", &kiel),
                ("version", &version_on(&form)),
                ("kind", "licence_only"),
                ("ends_on", "31.02.2028"),
            ],
        )
        .await;
    assert_eq!(wrong.headers()["location"], form_path.as_str());
    let (_, form) = app.html_as(&olaf, &form_path).await;
    assert!(form.contains("Bitte geben Sie ein gültiges Datum an"), "{form}");
    assert!(form.contains(r##"href="#agreement-terms-ends_on""##));

    // A cost block, split by the IT-Planungsrat's key: the page shows each
    // payer's share to the cent, in German figures, to the parties only.
    let (_, page) = app.html_as(&olaf, &agreement).await;
    let added = app
        .post_form_as(
            &olaf,
            &format!("{agreement}/kosten"),
            &[
                ("organisation", &kiel),
                ("version", &version_on(&page)),
                ("kind", "initial_development"),
                ("period", "2027"),
                ("amount", "200.000,00"),
                ("split", "it_planungsrat"),
            ],
        )
        .await;
    assert_eq!(added.headers()["location"], agreement.as_str());
    let (_, page) = app.html_as(&olaf, &agreement).await;
    assert!(page.contains("Der Kostenblock ist erfasst"), "{page}");
    assert!(page.contains("Erstentwicklung, 2027: 200.000,00 €"));
    assert!(
        page.contains("Hanse- und Universitätsstadt Rostock</td><td class=\"kern-table__cell amount\">100.000,00 €"),
        "{page}"
    );
    assert!(page.contains("Bund</td><td class=\"kern-table__cell amount\">50.000,00 €"));
    assert!(page.contains("(2019)") && page.contains("Nordrhein-Westfalen"));
    assert!(page.contains("Bedingungen geändert (Kosten)"));
    // Nonsense comes back to the form with its errors.
    let bad = app
        .post_form_as(
            &olaf,
            &format!("{agreement}/kosten"),
            &[
                ("organisation", &kiel),
                ("version", &version_on(&page)),
                ("kind", "operation"),
                ("period", ""),
                ("amount", "viel"),
                ("split", "equal_all"),
            ],
        )
        .await;
    assert_eq!(bad.headers()["location"], format!("{agreement}#costs-add").as_str());
    let (_, page) = app.html_as(&olaf, &agreement).await;
    assert!(page.contains("Bitte nennen Sie den Zeitraum") && page.contains("Bitte geben Sie einen Betrag in Euro an"));
    assert!(page.contains(r#"value="viel""#), "the input is kept");

    // A stranger's post is refused; the public page shows the terms.
    let stranger = app.new_client();
    let refused = app
        .post_form_as(
            &stranger,
            &form_path,
            &[("organisation", &kiel), ("version", "1"), ("kind", "licence_only")],
        )
        .await;
    assert!(refused.headers()["location"].to_str().unwrap().starts_with("/anmelden"));
    let (_, public) = app.html_as(&stranger, &agreement).await;
    assert!(public.contains("Einführung per Videokonferenz") && !public.contains("Bedingungen bearbeiten"));
    assert!(
        !public.contains("200.000,00") && !public.contains("Erstentwicklung"),
        "costs are for the parties"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_and_the_feed_carry_the_public_summaries_only() {
    let app = TestApp::spawn().await;
    let csv = app.get("/nachnutzung/export.csv?stand=active").await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = csv.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "id,url,software,softwareUrl,provider,reusers,kind,status,openedAt,changedAt"
    );
    assert_eq!(lines.len(), 3, "the two agreements in force: {csv}");
    assert!(
        csv.contains("Bauantrag Online") && csv.contains("luebeck;kreis-nordfriesland")
            || csv.contains("kreis-nordfriesland;luebeck")
    );

    let json: serde_json::Value = app.get("/nachnutzung/export.json").await.json().await.unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 10);
    let bauantrag = items
        .iter()
        .find(|i| i["software"]["name"] == "Bauantrag Online")
        .unwrap();
    assert_eq!(bauantrag["status"], "active");
    assert_eq!(bauantrag["provider"]["slug"], "kiel");
    assert!(bauantrag["url"]
        .as_str()
        .unwrap()
        .contains("/nachnutzung/vereinbarungen/"));
    let all = serde_json::to_string(&json).unwrap();
    assert!(!all.contains("untere Bauaufsicht"), "no request text");

    let feed = app.get_in("/nachnutzung/feed.atom?land=DE-HB", "en").await;
    assert!(feed.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let feed = feed.text().await.unwrap();
    assert!(feed.contains("<title>Allmende – Reuse agreements</title>"), "{feed}");
    assert!(feed.contains("<title>Open Data Portal Kit: Withdrawn</title>"));
    assert_eq!(feed.matches("<entry>").count(), 1);
    // The list page links to them with its filters.
    let (_, page) = app.html("/nachnutzung?stand=active").await;
    assert!(page.contains(r#"href="/nachnutzung/export.csv?stand=active""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_agreements_carry_costs_split_by_fixed_shares_and_by_koenigstein() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    let agreement_of = |software: &'static str| {
        let db = db.clone();
        async move {
            let id: String = sql::value(
                &db,
                "SELECT a.id::text AS value FROM reuse_agreements a JOIN software s ON s.id = a.software_id WHERE s.name = $1",
                [software.into()],
            )
            .await
            .unwrap()
            .unwrap();
            format!("/nachnutzung/vereinbarungen/{id}")
        }
    };
    let olaf = app.new_client();
    app.log_in(&olaf, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let (_, page) = app.html_as(&olaf, &agreement_of("Bauantrag Online").await).await;
    assert!(page.contains("Erstentwicklung, 2025: 240.000,00 €"), "{page}");
    assert!(page.contains("Landeshauptstadt Kiel</td><td class=\"kern-table__cell amount\">120.000,00 €"));
    assert!(page.contains("Kreis Nordfriesland</td><td class=\"kern-table__cell amount\">48.000,00 €"));
    assert!(page.contains("Summe aller Kostenblöcke: 276.000,00 €"));
    // Kiel is no party to the Länder's agreement: no costs for Olaf there.
    let formularserver = agreement_of("Formularserver Nord").await;
    let (_, page) = app.html_as(&olaf, &formularserver).await;
    assert!(!page.contains("180.000,00"));
    let admin = app.new_client();
    app.log_in(&admin, "admin@allmende.example", "Allmende-Admin-2026")
        .await;
    let (_, page) = app.html_as(&admin, &formularserver).await;
    assert!(
        page.contains("Betrieb, 2025: 180.000,00 €")
            && page.contains("Nach dem Königsteiner Schlüssel unter den Beteiligten (2019)"),
        "{page}"
    );
}
