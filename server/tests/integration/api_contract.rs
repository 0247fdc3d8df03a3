//! The OpenAPI document is the API's contract, so it is checked against the
//! running API: every `/api/v1` route in the source is documented, every
//! documented path answers the documented methods and refuses the others
//! (405), and every response of a tour through the API has a documented
//! status and a body that matches the documented schema. (The document once
//! listed 6 paths while the API served 11.)

use crate::catalog_api::{json, token, TOKEN};

/// Kiel's token for the reuse API (Pia Petersen, publisher).
const REUSE_TOKEN: &str = "alm_integration-reuse-token-0123456789abcdef0123456789abcdef";
use crate::catalog_publishing::file_at;
use crate::mirror_sync::scalar;
use crate::support::TestApp;
use reqwest::{Method, StatusCode};
use sea_orm::ConnectionTrait;
use serde_json::Value;
use std::collections::BTreeSet;
use uuid::Uuid;

/// Every `"/api/v1…"` string literal in the HTTP layer's source: the route
/// table, wherever a route is added.
fn routes_in_source() -> BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/http");
    let mut pending = vec![root];
    let mut routes = BTreeSet::new();
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for piece in text.split("\"/api/v1").skip(1) {
                let rest: String = piece.chars().take_while(|c| *c != '"').collect();
                let route = format!("/api/v1{rest}");
                // Only whole routes: prefixes and format strings are not routes.
                if !route.ends_with('/') && !route.contains("{}") {
                    routes.insert(route);
                }
            }
        }
    }
    routes
}

/// A small JSON Schema check for the subset the document uses: `$ref`,
/// `allOf`, `type` (one or several), `enum`, `required`, `properties`,
/// `items` and `additionalProperties`.
fn check(doc: &Value, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        assert!(!target.is_null(), "schema {name} missing");
        return check(doc, target, value, at, problems);
    }
    if let Some(all) = schema["allOf"].as_array() {
        for part in all {
            check(doc, part, value, at, problems);
        }
    }
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let allowed: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !allowed.is_empty() && !allowed.contains(&kind) && (kind != "integer" || !allowed.contains(&"number")) {
        problems.push(format!("{at}: {kind}, documented as {allowed:?}"));
        return;
    }
    if let Some(values) = schema["enum"].as_array() {
        if !values.contains(value) {
            problems.push(format!("{at}: {value} is not one of {values:?}"));
        }
    }
    if let Value::Object(object) = value {
        for name in schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !object.contains_key(name) {
                problems.push(format!("{at}: `{name}` missing"));
            }
        }
        for (name, field) in object {
            if let Some(property) = schema["properties"].get(name) {
                check(doc, property, field, &format!("{at}.{name}"), problems);
            } else if schema["additionalProperties"].is_object() {
                check(
                    doc,
                    &schema["additionalProperties"],
                    field,
                    &format!("{at}.{name}"),
                    problems,
                );
            }
        }
    }
    if let (Value::Array(items), Some(item)) = (value, schema.get("items")) {
        for (i, element) in items.iter().enumerate() {
            check(doc, item, element, &format!("{at}[{i}]"), problems);
        }
    }
}

/// One call of the tour: what was asked, what came back.
struct Call {
    operation: (&'static str, &'static str),
    status: StatusCode,
    media: String,
    body: Value,
}

async fn call(
    app: &TestApp,
    method: &'static str,
    template: &'static str,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, String)>,
    headers: &[(&str, String)],
) -> Call {
    let mut request = app.client.request(
        Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(),
        app.url(path),
    );
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some((media, text)) = body {
        request = request.header("content-type", media).body(text);
    }
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = request.send().await.unwrap();
    let (status, media, body) = json(response).await;
    Call {
        operation: (method, template),
        status,
        media,
        body,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_the_api_that_runs() {
    let app = TestApp::spawn().await;
    token(&app, TOKEN, "'catalog:publish'").await;
    let (_, _, doc) = json(app.get("/api/v1/openapi.json").await).await;
    let paths = doc["paths"].as_object().unwrap();

    // 1. Every route of the source is documented (the document itself aside).
    let undocumented: Vec<String> = routes_in_source()
        .into_iter()
        .filter(|r| r != "/api/v1/openapi.json" && !paths.contains_key(r))
        .collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from the OpenAPI document: {undocumented:?}"
    );

    // 2. Each documented path answers its methods and refuses the others.
    for (template, operations) in paths {
        let path = template
            .replace("{slug}", "kiel")
            .replace("{id}", "00000000-0000-0000-0000-000000000000");
        for method in ["get", "post", "put", "patch", "delete"] {
            let response = app
                .client
                .request(
                    Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(),
                    app.url(&path),
                )
                .send()
                .await
                .unwrap();
            if operations.get(method).is_some() {
                assert_ne!(
                    response.status(),
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {template} is documented"
                );
                let kind = response
                    .headers()
                    .get("content-type")
                    .map(|v| v.to_str().unwrap().to_string());
                assert!(
                    kind.as_deref().is_some_and(|k| k.contains("json")),
                    "{method} {template} answers {kind:?}, not JSON"
                );
            } else {
                assert_eq!(
                    response.status(),
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {template} is not documented"
                );
            }
        }
    }

    // 3. A tour through the API: every answer as documented.
    let db = app.db.as_ref().unwrap().connect().await;
    db.execute_unprepared(
        "INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret) \
         SELECT id, 'https://8.8.8.8/kiel/vertrag.git', '8.8.8.8/kiel/vertrag', '8.8.8.8', 'vertrags-geheimnis' FROM organisations WHERE slug = 'kiel'",
    )
    .await
    .unwrap();
    let repository: Uuid = scalar(
        &db,
        "SELECT id FROM repositories WHERE url_key = '8.8.8.8/kiel/vertrag'",
    )
    .await;
    let missing = Uuid::nil();
    let yaml = |text: String| Some(("application/yaml", text));
    let json_body = |text: &str| Some(("application/json", text.to_string()));
    let push = br#"{"ref":"refs/heads/main"}"#;
    let signature = format!(
        "sha256={}",
        allmende_server::mirror::webhooks::sign("vertrags-geheimnis", push)
    );
    let push_text = String::from_utf8(push.to_vec()).unwrap();
    let github = |event: &str, signature: &str, delivery: &str| {
        vec![
            ("x-github-event", event.to_string()),
            ("x-hub-signature-256", signature.to_string()),
            ("x-github-delivery", delivery.to_string()),
        ]
    };
    let new_file = file_at("https://opencode.de/kiel/vertrag.git");
    let repository_path = format!("/api/v1/repositories/{repository}");
    // Reuse: Kiel (the token's administration) asks Hamburg for its portal kit.
    token(&app, REUSE_TOKEN, "'reuse:read', 'reuse:write'").await;
    let portal: String = scalar(&db, "SELECT slug FROM software WHERE name = 'Open Data Portal Kit'").await;
    let ask = format!(r#"{{"software": "{portal}", "kind": "licence_only", "message": "Gern"}}"#);
    let asked = call(
        &app,
        "post",
        "/api/v1/agreements",
        "/api/v1/agreements",
        Some(REUSE_TOKEN),
        json_body(&ask),
        &[],
    )
    .await;
    let agreement = asked.body["id"].as_str().unwrap_or_default().to_owned();
    let agreement_path = format!("/api/v1/agreements/{agreement}");
    let steps_path = format!("{agreement_path}/steps");
    let withdraw = r#"{"action": "withdraw", "version": 1}"#;
    let usage_path = format!("/api/v1/software/{portal}/usage");
    let declaration = r#"{"version": "1.8", "useCase": "Offene Daten der Landeshauptstadt"}"#;
    let reuse_calls = vec![
        asked,
        call(
            &app,
            "post",
            "/api/v1/agreements",
            "/api/v1/agreements",
            Some(REUSE_TOKEN),
            json_body(&ask),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/agreements",
            "/api/v1/agreements",
            Some(REUSE_TOKEN),
            json_body(r#"{"software": "gibt-es-nicht", "kind": "licence_only"}"#),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/agreements",
            "/api/v1/agreements",
            Some(REUSE_TOKEN),
            json_body(r#"{"software": 1}"#),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/agreements",
            "/api/v1/agreements",
            Some(TOKEN),
            json_body(&ask),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/agreements",
            "/api/v1/agreements",
            None,
            json_body(&ask),
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/agreements",
            "/api/v1/agreements?status=in_force",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/agreements/{id}",
            &agreement_path,
            Some(REUSE_TOKEN),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/agreements/{id}",
            &agreement_path,
            Some(TOKEN),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/agreements/{id}",
            &agreement_path,
            Some("alm_falsch"),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/agreements/{id}",
            &format!("/api/v1/agreements/{missing}"),
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/agreements/{id}/steps",
            &steps_path,
            Some(REUSE_TOKEN),
            json_body(withdraw),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/agreements/{id}/steps",
            &steps_path,
            Some(REUSE_TOKEN),
            json_body(withdraw),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/agreements/{id}/steps",
            &steps_path,
            Some(REUSE_TOKEN),
            json_body(r#"{"action": "fliegen", "version": 1}"#),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/agreements/{id}/steps",
            &format!("/api/v1/agreements/{missing}/steps"),
            Some(REUSE_TOKEN),
            json_body(withdraw),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/agreements/{id}/steps",
            &steps_path,
            Some(TOKEN),
            json_body(withdraw),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/agreements/{id}/steps",
            &steps_path,
            None,
            json_body(withdraw),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/software/{slug}/usage",
            &usage_path,
            Some(REUSE_TOKEN),
            json_body(declaration),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/software/{slug}/usage",
            "/api/v1/software/gibt-es-nicht/usage",
            Some(REUSE_TOKEN),
            json_body(declaration),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/software/{slug}/usage",
            &usage_path,
            Some(REUSE_TOKEN),
            json_body(r#"{"version": "1.8", "useCase": "x", "instanceUrl": "javascript:alert(1)"}"#),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/software/{slug}/usage",
            &usage_path,
            Some(TOKEN),
            json_body(declaration),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/software/{slug}/usage",
            &usage_path,
            None,
            json_body(declaration),
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/software/{slug}/usage",
            &usage_path,
            Some(REUSE_TOKEN),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/software/{slug}/usage",
            &usage_path,
            Some(TOKEN),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/software/{slug}/usage",
            &usage_path,
            Some("alm_falsch"),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/reuse/graph",
            "/api/v1/reuse/graph",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/reuse/laender/{land}",
            "/api/v1/reuse/laender/DE-SH",
            Some(REUSE_TOKEN),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/reuse/laender/{land}",
            "/api/v1/reuse/laender/XX",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/reuse/laender/{land}",
            "/api/v1/reuse/laender/DE-SH",
            Some(TOKEN),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/reuse/laender/{land}",
            "/api/v1/reuse/laender/DE-SH",
            Some("alm_falsch"),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/organisations/{slug}/reuse",
            "/api/v1/organisations/kiel/reuse",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/organisations/{slug}/reuse",
            "/api/v1/organisations/nirgendwo/reuse",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/organisations/{slug}/reuse",
            "/api/v1/organisations/kiel/reuse",
            Some(TOKEN),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/organisations/{slug}/reuse",
            "/api/v1/organisations/kiel/reuse",
            Some("alm_falsch"),
            None,
            &[],
        )
        .await,
    ];
    let statuses: Vec<u16> = reuse_calls.iter().map(|c| c.status.as_u16()).collect();
    assert_eq!(
        statuses,
        [
            201, 409, 404, 422, 403, 401, 200, 200, 403, 401, 404, 200, 409, 422, 404, 403, 401, 201, 404, 422, 403,
            401, 200, 403, 401, 200, 200, 404, 403, 401, 200, 404, 403, 401
        ],
        "the reuse tour"
    );
    let mut calls = vec![
        call(
            &app,
            "get",
            "/api/v1/software",
            "/api/v1/software?q=Bau",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/software",
            "/api/v1/software?kategorie=x",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/software/{slug}",
            "/api/v1/software/bauantrag-online",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/software/{slug}",
            "/api/v1/software/gibt-es-nicht",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/validate",
            "/api/v1/validate",
            None,
            yaml(new_file.clone()),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/software",
            "/api/v1/software",
            None,
            yaml(new_file.clone()),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/software",
            "/api/v1/software",
            Some(TOKEN),
            yaml(new_file.clone()),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/software",
            "/api/v1/software",
            Some(TOKEN),
            yaml(new_file.clone()),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/software",
            "/api/v1/software",
            Some(TOKEN),
            yaml(new_file.replace("stable", "fertig")),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/software",
            "/api/v1/software?organisation=luebeck",
            Some(TOKEN),
            yaml(new_file.clone()),
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/organisations",
            "/api/v1/organisations?limit=5",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/organisations/{slug}",
            "/api/v1/organisations/kiel",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/organisations/{slug}",
            "/api/v1/organisations/nirgendwo",
            None,
            None,
            &[],
        )
        .await,
        call(&app, "get", "/api/v1/whoami", "/api/v1/whoami", Some(TOKEN), None, &[]).await,
        call(&app, "get", "/api/v1/whoami", "/api/v1/whoami", None, None, &[]).await,
        call(
            &app,
            "get",
            "/api/v1/organisations/{slug}/repositories",
            "/api/v1/organisations/kiel/repositories",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/organisations/{slug}/repositories",
            "/api/v1/organisations/nirgendwo/repositories",
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/organisations/{slug}/repositories",
            "/api/v1/organisations/kiel/repositories",
            Some(TOKEN),
            json_body(r#"{"url": "https://8.8.8.8/kiel/neu.git"}"#),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/organisations/{slug}/repositories",
            "/api/v1/organisations/kiel/repositories",
            Some(TOKEN),
            json_body(r#"{"url": "https://8.8.8.8/kiel/neu.git"}"#),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/organisations/{slug}/repositories",
            "/api/v1/organisations/kiel/repositories",
            Some(TOKEN),
            json_body(r#"{"url": "https://10.1.1.1/x.git"}"#),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/organisations/{slug}/repositories",
            "/api/v1/organisations/luebeck/repositories",
            Some(TOKEN),
            json_body(r#"{"url": "https://8.8.8.8/l.git"}"#),
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/organisations/{slug}/repositories",
            "/api/v1/organisations/kiel/repositories",
            None,
            json_body("{}"),
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/repositories/{id}",
            &repository_path,
            Some(TOKEN),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/repositories/{id}",
            &repository_path,
            None,
            None,
            &[],
        )
        .await,
        call(
            &app,
            "get",
            "/api/v1/repositories/{id}",
            &format!("/api/v1/repositories/{missing}"),
            Some(TOKEN),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/repositories/{id}/sync",
            &format!("{repository_path}/sync"),
            Some(TOKEN),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/repositories/{id}/sync",
            &format!("/api/v1/repositories/{missing}/sync"),
            Some(TOKEN),
            None,
            &[],
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/hooks/{id}",
            &format!("/api/v1/hooks/{repository}"),
            None,
            json_body(&push_text),
            &github("push", &signature, "d-1"),
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/hooks/{id}",
            &format!("/api/v1/hooks/{repository}"),
            None,
            json_body(&push_text),
            &github("push", &signature, "d-1"),
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/hooks/{id}",
            &format!("/api/v1/hooks/{repository}"),
            None,
            json_body(&push_text),
            &github("ping", &signature, "d-2"),
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/hooks/{id}",
            &format!("/api/v1/hooks/{repository}"),
            None,
            json_body(&push_text),
            &github("push", "sha256=00", "d-3"),
        )
        .await,
        call(
            &app,
            "post",
            "/api/v1/hooks/{id}",
            &format!("/api/v1/hooks/{missing}"),
            None,
            json_body(&push_text),
            &github("push", &signature, "d-4"),
        )
        .await,
    ];
    calls.extend(reuse_calls);
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for c in &calls {
        let (method, template) = c.operation;
        let responses = &doc["paths"][template][method]["responses"];
        let documented = &responses[c.status.as_str()];
        if documented.is_null() {
            problems.push(format!(
                "{method} {template}: {} is not documented ({})",
                c.status, c.body
            ));
            continue;
        }
        seen.insert(format!("{method} {template} {}", c.status.as_u16()));
        let content = documented["content"].as_object().unwrap();
        let (media, schema) = content.iter().next().unwrap();
        if !c.media.starts_with(media.as_str()) {
            problems.push(format!(
                "{method} {template} {}: sent {}, documented {media}",
                c.status, c.media
            ));
        }
        check(
            &doc,
            &schema["schema"],
            &c.body,
            &format!("{method} {template} {}", c.status),
            &mut problems,
        );
    }
    assert!(
        problems.is_empty(),
        "responses differ from the document:\n{}",
        problems.join("\n")
    );
    // The tour reached every operation.
    for (template, operations) in paths {
        for method in operations.as_object().unwrap().keys() {
            if template != "/api/v1/openapi.json" {
                assert!(
                    seen.iter().any(|s| s.starts_with(&format!("{method} {template} "))),
                    "{method} {template} was not exercised"
                );
            }
        }
    }
}
