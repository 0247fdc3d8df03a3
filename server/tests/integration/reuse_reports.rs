//! Reports on reuse in force over HTTP, against the seeded demo agreements:
//! the graph with its table, a Land's report, an organisation's, and cost
//! shares only for readers who may see an agreement's costs.

use crate::support::TestApp;
use allmende_server::db::sql;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_show_reuse_in_force_and_costs_only_to_those_who_see_them() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    let in_force: i64 = sql::value(
        &db,
        "SELECT count(*) AS value FROM reuse_agreements WHERE status IN ('signed', 'active', 'notice_given')",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    assert!(in_force >= 3, "the seed has agreements in force");

    // The graph: an image with its name, and the table with every figure.
    let (status, page) = app.html("/nachnutzung/berichte").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"role="img""#) && page.contains(r#"aria-labelledby="reuse-graph-title reuse-graph-desc""#));
    assert!(page.contains("Nachnutzung zwischen den Ländern") && page.contains("Nachnutzung je Land"));
    assert_eq!(
        page.matches(r#"class="reuse-graph__node""#).count(),
        17,
        "16 Länder and the federation"
    );
    assert!(page.contains(r#"href="/nachnutzung/berichte/DE-SH""#));
    // Every agreement in force between two Länder is one arrow's worth.
    let between: i64 = sql::value(
        &db,
        "SELECT count(*) AS value FROM (SELECT DISTINCT a.id, coalesce(po.land, 'DE'), coalesce(ro.land, 'DE') FROM reuse_agreements a \
         JOIN agreement_parties pp ON pp.agreement_id = a.id AND pp.role = 'provider' JOIN organisations po ON po.id = pp.organisation_id \
         JOIN agreement_parties rp ON rp.agreement_id = a.id AND rp.role = 'reuser' JOIN organisations ro ON ro.id = rp.organisation_id \
         WHERE a.status IN ('signed', 'active', 'notice_given') AND coalesce(po.land, 'DE') <> coalesce(ro.land, 'DE')) x",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    assert!(between > 0);
    assert!(page.matches(r#"class="reuse-graph__edge""#).count() > 0);

    // Schleswig-Holstein's report: Kiel's Bauantrag Online with its reusers.
    let (status, report) = app.html("/nachnutzung/berichte/DE-SH").await;
    assert_eq!(status, 200);
    assert!(report.contains("Nachnutzung: Schleswig-Holstein"), "{report}");
    assert!(
        report.contains("Was Schleswig-Holstein bereitstellt") && report.contains("Was Schleswig-Holstein nachnutzt")
    );
    assert!(report.contains("Partner") && report.contains("Kostenanteile von Schleswig-Holstein"));
    // Anonymous readers see no amounts, and are told how many are left out.
    assert!(
        report.contains("Keine Kostenanteile, die Sie sehen dürfen."),
        "{report}"
    );
    assert!(report.contains("Vereinbarungen sind nicht eingerechnet"));
    assert!(!report.contains(" €"), "no amount reaches a stranger");
    assert_eq!(app.html("/nachnutzung/berichte/DE-XX").await.0, 404);
    // What Lübeck declares it uses, and the ministry in its Land's report.
    let (_, luebeck) = app.html("/verwaltungen/luebeck/nachnutzung").await;
    let declared = luebeck.split("id=\"report-declared\"").nth(1).unwrap();
    let declared = declared.split("</section>").next().unwrap();
    assert!(
        declared.contains("Mängelmelder") && declared.contains("2.4"),
        "{declared}"
    );
    let (_, mv) = app.html("/nachnutzung/berichte/DE-MV").await;
    assert!(mv.contains("Open Data Portal Kit") && mv.contains("1.8"), "{mv}");
    // Kiel's lapsed E-Akte declaration is not counted.
    let (_, kiel) = app.html("/verwaltungen/kiel/nachnutzung").await;
    let declared = kiel.split("id=\"report-declared\"").nth(1).unwrap();
    let declared = declared.split("</section>").next().unwrap();
    assert!(
        declared.contains("Terminvergabe Bürgeramt") && !declared.contains("E-Akte Kommunal"),
        "{declared}"
    );

    // Kiel's owner sees Kiel's shares in its own report.
    let olaf = app.new_client();
    app.log_in(&olaf, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let (status, kiel) = app.html_as(&olaf, "/verwaltungen/kiel/nachnutzung").await;
    assert_eq!(status, 200);
    assert!(kiel.contains("Nachnutzung: Landeshauptstadt Kiel"));
    assert!(kiel.contains("Kostenanteile je Zeitraum"), "{kiel}");
    // Bauantrag Online: Kiel pays 50 % of 240,000 € (2025) and 40 % of
    // 36,000 € (2026) by the fixed shares.
    assert!(kiel.contains("120.000,00 €") && kiel.contains("14.400,00 €"), "{kiel}");
    assert!(
        kiel.contains("Ratsinformationssystem Open"),
        "what Kiel reuses from Lübeck"
    );
    let (_, public) = app.html("/verwaltungen/kiel/nachnutzung").await;
    assert!(!public.contains(" €") && public.contains("Was Landeshauptstadt Kiel bereitstellt"));
    // The organisation page links to it.
    let (_, organisation) = app.html("/verwaltungen/kiel").await;
    assert!(organisation.contains(r#"href="/verwaltungen/kiel/nachnutzung""#));
}
