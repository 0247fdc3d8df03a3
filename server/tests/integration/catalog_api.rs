//! The catalog API: search with facets and cursors, publishing with a token
//! (what a CI pipeline does), the validator, OpenAPI, feed and exports.

use crate::catalog_publishing::{count, file_at};
use crate::support::TestApp;
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::Value;

pub const TOKEN: &str = "alm_integration-test-token-0123456789abcdef0123456789abcdef";

/// A token for Pia (publisher of Kiel) with `scopes`, stored as the app stores one.
pub async fn token(app: &TestApp, plain: &str, scopes: &str) {
    let db = app.db.as_ref().unwrap().connect().await;
    db.execute_unprepared(&format!(
        "INSERT INTO api_tokens (user_id, organisation_id, name, prefix, token_hash, scopes, expires_at) \
         SELECT l.user_id, o.id, 'CI', left('{plain}', 8), sha256(convert_to('{plain}', 'UTF8')), ARRAY[{scopes}], now() + interval '30 days' \
         FROM local_logins l, organisations o WHERE l.email = 'pia.petersen@kiel.example' AND o.slug = 'kiel'"
    ))
    .await
    .unwrap();
}

async fn post_yaml(app: &TestApp, path: &str, token: Option<&str>, body: &str) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(path))
        .header("content-type", "application/yaml")
        .body(body.to_string());
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

pub async fn json(response: reqwest::Response) -> (StatusCode, String, Value) {
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, kind, response.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ci_pipeline_publishes_with_a_token() {
    let app = TestApp::spawn().await;
    token(&app, TOKEN, "'catalog:publish'").await;
    let file = file_at("https://opencode.de/kiel/ci-app.git");

    let (status, kind, body) = json(post_yaml(&app, "/api/v1/software", None, &file).await).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::UNAUTHORIZED, "application/problem+json"),
        "{body}"
    );

    let response = post_yaml(&app, "/api/v1/software", Some(TOKEN), &file).await;
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let (status, _, body) = json(response).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["outcome"], "created");
    let slug = body["slug"].as_str().unwrap().to_string();
    assert!(location.ends_with(&format!("/api/v1/software/{slug}")));
    let (status, _, again) = json(post_yaml(&app, "/api/v1/software", Some(TOKEN), &file).await).await;
    assert_eq!((status, again["outcome"].as_str()), (StatusCode::OK, Some("unchanged")));
    let (status, _, updated) =
        json(post_yaml(&app, "/api/v1/software", Some(TOKEN), &file.replace("2.4.1", "2.5.0")).await).await;
    assert_eq!((status, updated["outcome"].as_str()), (StatusCode::OK, Some("updated")));

    // An invalid file: 422 with every issue, positioned; the entry goes inactive.
    let broken = file.replace("license: EUPL-1.2", "license: EUPL");
    let (status, kind, problem) = json(post_yaml(&app, "/api/v1/software?lang=en", Some(TOKEN), &broken).await).await;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "application/problem+json")
    );
    let issue = &problem["issues"][0];
    assert_eq!(
        (issue["type"].as_str(), issue["key"].as_str(), issue["line"].as_u64()),
        (Some("error"), Some("legal.license"), Some(53))
    );
    assert!(issue["description"]
        .as_str()
        .unwrap()
        .contains("unknown license `EUPL`"));
    assert_eq!(
        app.get(&format!("/api/v1/software/{slug}")).await.status(),
        StatusCode::NOT_FOUND
    );

    // Another organisation's file is a conflict; asking for another organisation is forbidden.
    let foreign = file.replace("uri: https://www.kiel.de", "uri: https://www.luebeck.de");
    let (status, _, problem) = json(post_yaml(&app, "/api/v1/software", Some(TOKEN), &foreign).await).await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    let (status, _, _) = json(post_yaml(&app, "/api/v1/software?organisation=luebeck", Some(TOKEN), &file).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A read-only token may not publish; an oversized body is refused before parsing.
    token(
        &app,
        "alm_read-only-token-0123456789abcdef0123456789abcdef0",
        "'organisation:read'",
    )
    .await;
    let (status, _, _) = json(
        post_yaml(
            &app,
            "/api/v1/software",
            Some("alm_read-only-token-0123456789abcdef0123456789abcdef0"),
            &file,
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = json(post_yaml(&app, "/api/v1/software", Some(TOKEN), &"#".repeat(300 * 1024)).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_inflected_words_filters_by_facets_and_pages_by_cursor() {
    let app = TestApp::spawn().await;
    // "Bauanträgen" (dative plural) finds "Bauanträge" in Bauantrag Online's summary.
    let (status, _, body) = json(app.get("/api/v1/software?q=Baueantr%C3%A4gen").await).await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, body2) = json(app.get("/api/v1/software?q=Bauantr%C3%A4gen").await).await;
    let slugs: Vec<&str> = body2["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap())
        .collect();
    assert!(slugs.contains(&"bauantrag-online"), "{body2}");
    // Names rank highest: the two entries named "Bauantrag …" come first.
    assert!(
        slugs[..2].iter().all(|s| s.starts_with("bauantrag-online")),
        "{slugs:?}"
    );
    // A typo gets a suggestion.
    assert_eq!(body["total"], 0);
    let (_, _, typo) = json(app.get("/api/v1/software?q=Wohngeldrechnr").await).await;
    assert_eq!(typo["suggestion"], "wohngeldrechner", "{typo}");

    // Facets: counts over the matching set; filters narrow it.
    let (_, _, all) = json(app.get("/api/v1/software?limit=100").await).await;
    let total = all["total"].as_u64().unwrap();
    assert_eq!(total, 53, "56 seeded, 3 inactive");
    let stable = all["facets"]["developmentStatus"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == "stable")
        .unwrap()["count"]
        .as_u64()
        .unwrap();
    let (_, _, filtered) = json(app.get("/api/v1/software?developmentStatus=stable&limit=100").await).await;
    assert_eq!(filtered["total"].as_u64().unwrap(), stable);
    // Several values of one facet are alternatives.
    let beta = all["facets"]["developmentStatus"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == "beta")
        .unwrap()["count"]
        .as_u64()
        .unwrap();
    let (_, _, either) = json(
        app.get("/api/v1/software?developmentStatus=stable&developmentStatus=beta")
            .await,
    )
    .await;
    assert_eq!(either["total"].as_u64().unwrap(), stable + beta);
    let (_, _, kiel) = json(app.get("/api/v1/software?organisation=kiel&organisation=luebeck").await).await;
    assert!(kiel["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| ["kiel", "luebeck"].contains(&i["organisation"]["slug"].as_str().unwrap())));
    let (_, _, three) = json(
        app.get("/api/v1/software?q=Verwaltung&land=DE-SH&license=EUPL-1.2&softwareType=standalone%2Fweb")
            .await,
    )
    .await;
    for item in three["items"].as_array().unwrap() {
        assert_eq!(item["license"], "EUPL-1.2");
        assert_eq!(item["softwareType"], "standalone/web");
    }
    assert!(three["total"].as_u64().unwrap() >= 1, "{three}");

    // Cursor pages: disjoint, complete, in order, for every sort.
    for sort in ["name", "updated", "relevance"] {
        let mut seen = Vec::new();
        let mut url = format!(
            "/api/v1/software?sort={sort}&limit=7{}",
            if sort == "relevance" { "&q=Verwaltung" } else { "" }
        );
        loop {
            let (status, _, page) = json(app.get(&url).await).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            seen.extend(
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["slug"].as_str().unwrap().to_string()),
            );
            match page["nextCursor"].as_str() {
                Some(cursor) => {
                    url = format!(
                        "/api/v1/software?sort={sort}&limit=7&cursor={cursor}{}",
                        if sort == "relevance" { "&q=Verwaltung" } else { "" }
                    )
                }
                None => {
                    let expected = page["total"].as_u64().unwrap() as usize;
                    let mut unique = seen.clone();
                    unique.sort();
                    unique.dedup();
                    assert_eq!((seen.len(), unique.len()), (expected, expected), "{sort}: {seen:?}");
                    break;
                }
            }
        }
        if sort == "name" {
            let mut sorted = seen.clone();
            sorted.sort_by_key(|s| s.to_lowercase());
            assert_eq!(seen.len(), sorted.len());
        }
    }

    // Bad input: problem documents naming the parameter.
    for (query, parameter) in [
        ("bogus=1", "bogus"),
        ("limit=0", "limit"),
        ("limit=1000", "limit"),
        ("sort=size", "sort"),
    ] {
        let (status, kind, problem) = json(app.get(&format!("/api/v1/software?{query}")).await).await;
        assert_eq!(
            (status, kind.as_str(), problem["parameter"].as_str()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "application/problem+json",
                Some(parameter)
            )
        );
    }
    let (status, _, _) = json(app.get("/api/v1/software?cursor=bm9uc2Vuc2U").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_validator_openapi_feed_and_exports() {
    let app = TestApp::spawn().await;
    let broken = file_at("https://x.example/y.git").replace("type: contract", "type: paid");
    let (status, _, result) = json(post_yaml(&app, "/api/v1/validate?lang=de", None, &broken).await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(result["valid"], false);
    assert_eq!(result["issues"][0]["key"], "maintenance.type");
    assert_eq!(result["issues"][0]["line"], 57);
    assert!(result["issues"][0]["description"]
        .as_str()
        .unwrap()
        .starts_with("Erlaubt sind"));

    let (status, _, doc) = json(app.get("/api/v1/openapi.json").await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/software",
        "/api/v1/software/{slug}",
        "/api/v1/validate",
        "/api/v1/organisations",
        "/api/v1/organisations/{slug}",
        "/api/v1/whoami",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    // Every schema a response names exists.
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let text = doc.to_string();
    for reference in text.split("#/components/schemas/").skip(1) {
        let name: String = reference.chars().take_while(|c| c.is_alphanumeric()).collect();
        assert!(schemas.contains_key(&name), "schema {name} missing");
    }
    // Every GET path answers (with the seeded data).
    for path in [
        "/api/v1/software",
        "/api/v1/software/bauantrag-online",
        "/api/v1/organisations",
        "/api/v1/organisations/kiel",
    ] {
        assert_eq!(app.get(path).await.status(), StatusCode::OK, "{path}");
    }
    let (_, _, orgs) = json(app.get("/api/v1/organisations?limit=40").await).await;
    let cursor = orgs["nextCursor"].as_str().unwrap();
    let (_, _, rest) = json(
        app.get(&format!("/api/v1/organisations?limit=40&cursor={cursor}"))
            .await,
    )
    .await;
    assert_eq!(
        orgs["items"].as_array().unwrap().len() + rest["items"].as_array().unwrap().len(),
        47
    );
    let (_, _, kiel) = json(app.get("/api/v1/organisations/kiel").await).await;
    assert!(kiel["software"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["slug"] == "bauantrag-online"));

    let feed = app.get("/software/feed.atom").await;
    assert_eq!(feed.headers()["content-type"], "application/atom+xml; charset=utf-8");
    let feed = feed.text().await.unwrap();
    assert!(feed.starts_with("<?xml") && feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert_eq!(feed.matches("<entry>").count(), 50, "the 50 latest of 53");

    let csv = app.get("/software/export.csv").await.text().await.unwrap();
    assert!(csv.starts_with("slug,name,organisation,url,"));
    assert_eq!(csv_records(&csv), 1 + 53);
    let exported: Value = app.get("/software/export.json").await.json().await.unwrap();
    let items = exported.as_array().unwrap();
    assert_eq!(items.len(), 53);
    assert!(items.iter().all(|i| i["publiccode"]["name"].is_string()));
    let db = app.db.as_ref().unwrap().connect().await;
    assert_eq!(count(&db, "SELECT count(*) FROM software WHERE active").await, 53);
}

/// Every channel that lists entries shows their short description, in the
/// reader's language: search results (both languages), the organisation's
/// page, the API's search, entry and organisation, both exports and the
/// feed. (The lists once read a key the stored document never had, and
/// every card came out blank.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_channel_shows_the_summary() {
    const DE: &str = "Digitale Bauanträge für untere Bauaufsichtsbehörden, vom Antrag bis zum Bescheid.";
    const EN: &str = "Digital building permit applications from submission to decision.";
    let app = TestApp::spawn().await;
    // The feed holds the 50 latest entries: this one is updated now.
    let db = app.db.as_ref().unwrap().connect().await;
    db.execute_unprepared("UPDATE software SET updated_at = now() WHERE slug = 'bauantrag-online'")
        .await
        .unwrap();
    let card = |html: &str| -> String {
        let document = scraper::Html::parse_document(html);
        let cards = scraper::Selector::parse(".software-card").unwrap();
        document
            .select(&cards)
            .find(|c| c.html().contains("/software/bauantrag-online\""))
            .map(|c| c.text().collect::<String>())
            .unwrap_or_default()
    };
    let german = app.get_in("/software?q=Bauantrag", "de").await.text().await.unwrap();
    assert!(card(&german).contains(DE), "search, German: {}", card(&german));
    let english = app.get_in("/software?q=Bauantrag", "en").await.text().await.unwrap();
    assert!(card(&english).contains(EN), "search, English: {}", card(&english));
    let organisation = app.get_in("/verwaltungen/kiel", "de").await.text().await.unwrap();
    assert!(
        card(&organisation).contains(DE),
        "organisation page: {}",
        card(&organisation)
    );

    let (_, _, results) = json(app.get("/api/v1/software?q=Bauantrag").await).await;
    let item = results["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "bauantrag-online")
        .unwrap();
    assert_eq!(item["description"], EN);
    let (_, _, entry) = json(app.get("/api/v1/software/bauantrag-online").await).await;
    assert_eq!(entry["description"], EN);
    let (_, _, kiel) = json(app.get("/api/v1/organisations/kiel").await).await;
    let listed = kiel["software"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["slug"] == "bauantrag-online")
        .unwrap();
    assert_eq!(listed["description"], EN);

    let csv = app.get("/software/export.csv").await.text().await.unwrap();
    let row = csv.lines().find(|l| l.starts_with("bauantrag-online,")).unwrap();
    assert!(row.ends_with(EN) || row.ends_with(&format!("\"{EN}\"")), "{row}");
    let exported: Value = app.get("/software/export.json").await.json().await.unwrap();
    let item = exported
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "bauantrag-online")
        .unwrap();
    assert_eq!(item["description"], EN);

    let feed = app.get_in("/software/feed.atom", "de").await.text().await.unwrap();
    let feed = roxmltree::Document::parse(&feed).unwrap();
    let entry = feed
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .find(|e| {
            e.descendants()
                .any(|n| n.has_tag_name("id") && n.text().is_some_and(|t| t.ends_with("/software/bauantrag-online")))
        })
        .unwrap();
    let summary = entry
        .descendants()
        .find(|n| n.has_tag_name("summary"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert_eq!(summary, DE);
    // No entry of the feed, the exports or the API goes without one.
    assert!(exported
        .as_array()
        .unwrap()
        .iter()
        .all(|i| !i["description"].as_str().unwrap_or_default().is_empty()));
}

/// Characters XML 1.0 forbids (U+FFFE, U+FFFF, controls) never reach the
/// feed: it stays well-formed, and the rest of the name stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feed_stays_well_formed_with_forbidden_characters() {
    let app = TestApp::spawn().await;
    let db = app.db.as_ref().unwrap().connect().await;
    db.execute_unprepared(
        // Updated now, so that it is among the feed's 50 latest.
        "UPDATE software SET name = 'Bau' || chr(65534) || 'antrag' || chr(65535) || chr(1) || ' Online', updated_at = now() WHERE slug = 'bauantrag-online'",
    )
    .await
    .unwrap();
    let feed = app.get("/software/feed.atom").await.text().await.unwrap();
    let document = roxmltree::Document::parse(&feed).unwrap_or_else(|e| panic!("{e}"));
    assert!(document
        .descendants()
        .any(|n| n.has_tag_name("title") && n.text() == Some("Bauantrag Online")));
}

/// CSV records, not lines: a real file's description may hold a line break.
fn csv_records(csv: &str) -> usize {
    let mut quoted = false;
    csv.chars()
        .filter(|c| {
            if *c == '"' {
                quoted = !quoted;
            }
            *c == '\n' && !quoted
        })
        .count()
}

/// The exports as browsers fetch them, compressed: each arrives whole (the
/// decoder checks the compression's own end and checksum) and parses
/// completely. (Both were cut off before the end for every browser.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compressed_exports_arrive_whole() {
    let app = TestApp::spawn().await;
    for encoding in ["gzip", "br"] {
        let undecoded = reqwest::Client::builder().no_gzip().no_brotli().build().unwrap();
        let raw = undecoded
            .get(app.url("/software/export.csv"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(
            raw.headers().get("content-encoding").map(|v| v.to_str().unwrap()),
            Some(encoding)
        );
        let client = reqwest::Client::builder()
            .gzip(encoding == "gzip")
            .brotli(encoding == "br")
            .build()
            .unwrap();
        let csv = client.get(app.url("/software/export.csv")).send().await.unwrap();
        let csv = csv.text().await.unwrap_or_else(|e| panic!("{encoding} CSV: {e:?}"));
        assert_eq!(
            csv_records(&csv),
            1 + 53,
            "{encoding}: {}",
            &csv[csv.len().saturating_sub(200)..]
        );
        let json = client.get(app.url("/software/export.json")).send().await.unwrap();
        let json = json.text().await.unwrap_or_else(|e| panic!("{encoding} JSON: {e:?}"));
        let items: Vec<Value> = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{encoding} JSON: {e}"));
        assert_eq!(items.len(), 53);
    }
}
