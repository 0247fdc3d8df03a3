//! A NUL character is bad input wherever it comes: every parameter the
//! OpenAPI document names and every field of every form the pages show is
//! sent `%00` once, and each answer is a clear 400 or 422, never a 500.
//! (The probe got 500s from search parameters, slugs, form fields,
//! publiccode.yml strings and a tampered search cursor.)

use crate::catalog_api::{json, token, TOKEN};
use crate::support::TestApp;
use reqwest::StatusCode;
use serde_json::Value;

const NUL: &str = "a\u{0}b";

fn fill_path(template: &str, nul_in: Option<&str>) -> String {
    let mut path = template.to_string();
    for (name, value) in [
        ("slug", "kiel"),
        ("id", "00000000-0000-0000-0000-000000000000"),
        ("land", "DE-SH"),
    ] {
        let value = if nul_in == Some(name) { "a%00b" } else { value };
        path = path.replace(&format!("{{{name}}}"), value);
    }
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nul_in_any_api_parameter_is_a_clear_400() {
    let app = TestApp::spawn().await;
    token(&app, TOKEN, "'catalog:publish'").await;
    let (_, _, doc) = json(app.get("/api/v1/openapi.json").await).await;
    let mut tried = 0;
    for (template, operations) in doc["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            for parameter in operation["parameters"].as_array().unwrap() {
                let name = parameter["name"].as_str().unwrap();
                let (path, query) = if parameter["in"] == "path" {
                    (fill_path(template, Some(name)), vec![])
                } else {
                    (fill_path(template, None), vec![(name.to_string(), NUL.to_string())])
                };
                let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let response = app
                    .client
                    .request(method.clone(), app.url(&path))
                    .query(&query)
                    .bearer_auth(TOKEN)
                    .header("content-type", "application/yaml")
                    .body("name: x\n")
                    .send()
                    .await
                    .unwrap();
                let status = response.status();
                let (_, kind, problem): (_, String, Value) = json(response).await;
                assert_eq!(status, StatusCode::BAD_REQUEST, "{method} {path} ?{name}: {problem}");
                assert_eq!(kind, "application/problem+json");
                assert!(problem["title"].as_str().unwrap().contains("NUL"), "{problem}");
                tried += 1;
            }
        }
    }
    assert!(tried >= 20, "only {tried} parameters tried");

    // Bodies: a JSON string with \u0000, a YAML string with "\0".
    let response = app
        .client
        .post(app.url("/api/v1/organisations/kiel/repositories"))
        .bearer_auth(TOKEN)
        .header("content-type", "application/json")
        .body(r#"{"url": "https://8.8.8.8/a\u0000b.git"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let file = crate::catalog_publishing::file_at("https://opencode.de/kiel/nul.git")
        .replace("name: Olaf Ohlsen", "name: \"Olaf\\0Ohlsen\"");
    for path in ["/api/v1/validate", "/api/v1/software"] {
        let response = app
            .client
            .post(app.url(path))
            .bearer_auth(TOKEN)
            .header("content-type", "application/yaml")
            .body(file.clone())
            .send()
            .await
            .unwrap();
        let status = response.status();
        let (_, _, answer) = json(response).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {status}"
        );
        assert!(answer.to_string().contains("NUL"), "{path}: {answer}");
    }
    // A raw NUL byte in the file: refused with its position, nothing stored.
    let raw =
        crate::catalog_publishing::file_at("https://opencode.de/kiel/nul.git").replace("Olaf Ohlsen", "Olaf\0Ohlsen");
    let response = app
        .client
        .post(app.url("/api/v1/software"))
        .bearer_auth(TOKEN)
        .header("content-type", "application/yaml")
        .body(raw)
        .send()
        .await
        .unwrap();
    let (status, _, answer) = json(response).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(answer["issues"][0]["line"].as_u64().unwrap() > 1, "{answer}");

    // A tampered search cursor (valid base64, NUL and a broken timestamp inside).
    use base64::Engine;
    for inner in [
        "u|00000000-0000-0000-0000-000000000000|2026\u{0}",
        "u|00000000-0000-0000-0000-000000000000|gestern",
        "r|7fc00000|00000000-0000-0000-0000-000000000000",
    ] {
        let cursor = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(inner);
        let (sort, page_sort) = if inner.starts_with('u') {
            ("updated", "aktualisiert")
        } else {
            ("relevance", "relevanz")
        };
        let response = app
            .get(&format!("/api/v1/software?sort={sort}&q=bau&cursor={cursor}"))
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{inner:?}");
        let page = app
            .get(&format!("/software?sortierung={page_sort}&q=bau&nach={cursor}"))
            .await;
        assert!(page.status().is_client_error(), "{inner:?}: {}", page.status());
    }
}

/// Each `<form method="post">` of the pages a signed-in owner and a site
/// administrator see, posted once per field with `%00` in that field.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nul_in_any_form_field_is_a_clear_400() {
    let app = TestApp::spawn().await;
    let owner = app.new_client();
    app.log_in(&owner, "olaf.ohlsen@kiel.example", "Kiel-Eigentum-2026")
        .await;
    let admin = app.new_client();
    app.log_in(&admin, "admin@allmende.example", "Allmende-Admin-2026")
        .await;
    let anonymous = app.new_client();
    let pages: Vec<(&reqwest::Client, &str)> = vec![
        (&anonymous, "/anmelden"),
        (&anonymous, "/registrieren"),
        (&anonymous, "/passwort-vergessen"),
        (&anonymous, "/software"),
        (&anonymous, "/verwaltungen"),
        (&owner, "/konto"),
        (&owner, "/verwaltungen/kiel/mitglieder"),
        (&owner, "/verwaltungen/kiel/bearbeiten"),
        (&owner, "/verwaltungen/kiel/repositorien"),
        (&owner, "/verwaltungen/neu"),
        (&owner, "/software/veroeffentlichen"),
        (&admin, "/admin"),
        (&admin, "/admin/synchronisation"),
        (&anonymous, "/arbeitsgruppen"),
        (&owner, "/arbeitsgruppen/neu"),
        (&owner, "/arbeitsgruppen/ki-in-der-verwaltung/neues-thema"),
        (&owner, "/arbeitsgruppen/ki-in-der-verwaltung/themen/1"),
        (
            &owner,
            "/arbeitsgruppen/ki-in-der-verwaltung/themen/1/beitraege/2/versionen",
        ),
        (&admin, "/arbeitsgruppen/open-source-sh"),
    ];
    let mut forms = 0;
    let mut fields_tried = 0;
    for (client, page) in pages {
        let (status, html) = app.html_as(client, page).await;
        assert!(status.is_success(), "{page}: {status}");
        let document = scraper::Html::parse_document(&html);
        let form_selector = scraper::Selector::parse("form").unwrap();
        let field_selector = scraper::Selector::parse("input[name], textarea[name], select[name]").unwrap();
        let option_selector = scraper::Selector::parse("option[value]").unwrap();
        // What a browser would send untouched: a select's first option, a
        // textarea's text, an input's value.
        let value_of = |field: scraper::ElementRef| -> String {
            match field.value().name() {
                "select" => field
                    .select(&option_selector)
                    .next()
                    .and_then(|o| o.attr("value"))
                    .unwrap_or_default()
                    .to_string(),
                "textarea" => field.text().collect(),
                _ => field.attr("value").unwrap_or("x").to_string(),
            }
        };
        for form in document.select(&form_selector) {
            let action = form.attr("action").unwrap_or(page).to_string();
            let post = form.attr("method").is_some_and(|m| m.eq_ignore_ascii_case("post"));
            let fields: Vec<(String, String)> = form
                .select(&field_selector)
                .map(|f| (f.attr("name").unwrap().to_string(), value_of(f)))
                .collect();
            forms += 1;
            for (name, _) in &fields {
                let values: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(n, v)| (n.as_str(), if n == name { NUL } else { v.as_str() }))
                    .collect();
                let response = if post {
                    if form.attr("enctype") == Some("multipart/form-data") {
                        app.post_multipart_as(client, &action, &values).await
                    } else {
                        app.post_form_as(client, &action, &values).await
                    }
                } else {
                    client.get(app.url(&action)).query(&values).send().await.unwrap()
                };
                let status = response.status();
                assert!(
                    status == StatusCode::BAD_REQUEST
                        || status == StatusCode::UNPROCESSABLE_ENTITY
                        || status == StatusCode::SEE_OTHER,
                    "{page}: form {action}, field {name}: {status}"
                );
                if status == StatusCode::BAD_REQUEST {
                    assert!(response.text().await.unwrap().contains("NUL"));
                }
                fields_tried += 1;
            }
        }
    }
    assert!(
        forms >= 15 && fields_tried >= 40,
        "{forms} forms, {fields_tried} fields"
    );
}
