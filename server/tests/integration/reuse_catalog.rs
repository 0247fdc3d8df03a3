//! Reuse as a catalog signal, against the seed: the "reuse" facet counts
//! and filters entries in use (verified declarations) and under an
//! agreement in force, browsing by relevance puts the most used first, the cards say
//! how many use an entry, and the counts follow an organisation losing its
//! verification and regaining it.

use crate::catalog_api::json;
use crate::support::TestApp;
use allmende_server::db::sql;
use serde_json::Value;

fn slugs(results: &Value) -> Vec<String> {
    results["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap().to_owned())
        .collect()
}

fn facet(results: &Value, value: &str) -> u64 {
    results["facets"]["reuse"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|v| v["value"] == value)
        .map_or(0, |v| v["count"].as_u64().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn use_is_a_facet_and_lifts_an_entry() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    // The seed: Mängelmelder, Terminvergabe and the portal kit are declared
    // (the E-Akte's declaration lapsed); Bauantrag Online and others are
    // reused under agreements in force.
    let (_, _, all) = json(app.get("/api/v1/software?limit=100&sort=relevance").await).await;
    assert_eq!(facet(&all, "used"), 3, "{}", all["facets"]);
    let agreements: i64 = sql::value(
        &db,
        "SELECT count(DISTINCT software_id) AS value FROM reuse_agreements WHERE status IN ('signed', 'active', 'notice_given')",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(facet(&all, "agreement") as i64, agreements);
    let (_, _, used) = json(app.get("/api/v1/software?reuse=used").await).await;
    let mut found = slugs(&used);
    found.sort();
    assert_eq!(
        found,
        ["maengelmelder", "open-data-portal-kit", "terminvergabe-buergeramt"]
    );
    assert!(used["items"][0]["reuseCount"].as_u64().unwrap() >= 1);

    // Browsing by relevance: the most used first.
    let most: String = sql::value(
        &db,
        "SELECT slug AS value FROM software WHERE active ORDER BY reuse_count DESC, id DESC LIMIT 1",
        [],
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(slugs(&all)[0], most);
    let counts: Vec<u64> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reuseCount"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    // The page: the facet by its label, the count on the cards.
    let (_, page) = app.html("/software?nachnutzung=used").await;
    assert!(
        page.contains("Von Verwaltungen genutzt (bestätigt)"),
        "the facet's label"
    );
    assert!(page.contains("genutzt von 1 Verwaltungen") || page.contains("genutzt von 2 Verwaltungen"));

    // Unverified, the ministry's declaration no longer counts; verified
    // again, it does.
    let admin = app.new_client();
    app.log_in(&admin, "admin@allmende.example", "Allmende-Admin-2026")
        .await;
    let unverified = app
        .post_form_as(&admin, "/admin/verwaltungen/im-mv/pruefung", &[("verified", "false")])
        .await;
    assert_eq!(unverified.status(), 303);
    let (_, _, used) = json(app.get("/api/v1/software?reuse=used").await).await;
    assert!(!slugs(&used).contains(&"open-data-portal-kit".to_owned()), "{used}");
    app.post_form_as(&admin, "/admin/verwaltungen/im-mv/pruefung", &[("verified", "true")])
        .await;
    let (_, _, used) = json(app.get("/api/v1/software?reuse=used").await).await;
    assert!(slugs(&used).contains(&"open-data-portal-kit".to_owned()));
}
