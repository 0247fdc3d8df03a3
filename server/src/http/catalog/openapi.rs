//! `GET /api/v1/openapi.json`: OpenAPI 3.1, built from the same endpoint
//! list the documentation page renders (`app::api_docs`).

use crate::state::AppState;
use app::api_docs::{endpoints, english};
use app::catalog::publiccode::vocabulary::{DEVELOPMENT_STATUS, MAINTENANCE_TYPES, SOFTWARE_TYPES};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

fn schemas() -> Value {
    let summary = json!({
        "type": "object",
        "required": ["slug", "name", "organisation", "url", "developmentStatus", "softwareType", "license", "updatedAt"],
        "properties": {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "description": {"type": "string", "description": "The short description in English, else German, else the first language."},
            "organisation": {"type": "object", "properties": {"slug": {"type": "string"}, "name": {"type": "string"}}},
            "developmentStatus": {"type": "string", "enum": DEVELOPMENT_STATUS},
            "softwareType": {"type": "string", "enum": SOFTWARE_TYPES},
            "license": {"type": "string", "description": "SPDX license expression"},
            "categories": {"type": "array", "items": {"type": "string"}},
            "url": {"type": "string", "format": "uri"},
            "updatedAt": {"type": "string", "format": "date-time"},
            "reuseCount": {"type": "integer", "description": "Administrations that use it: verified usage declarations and reusers of agreements in force, each once."},
            "links": {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}}
        }
    });
    let issue = json!({
        "type": "object",
        "required": ["type", "key", "description", "line", "column"],
        "properties": {
            "type": {"type": "string", "enum": ["error", "warning"]},
            "key": {"type": "string", "examples": ["maintenance.contacts[0].name"]},
            "description": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1}
        }
    });
    let problem = json!({
        "type": "object",
        "description": "RFC 7807 problem details",
        "required": ["type", "title", "status"],
        "properties": {
            "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}
        }
    });
    json!({
        "SoftwareSummary": summary,
        "Software": {"allOf": [{"$ref": "#/components/schemas/SoftwareSummary"}, {"type": "object", "properties": {
            "createdAt": {"type": "string", "format": "date-time"},
            "publiccode": {"type": "object", "description": "The normalised publiccode.yml (snake_case keys)."},
            "basedOn": {"type": "array", "items": {"type": "string"}},
            "variants": {"type": "array", "items": {"type": "string"}}
        }}]},
        "SearchResults": {"type": "object", "required": ["total", "items", "facets"], "properties": {
            "total": {"type": "integer"},
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/SoftwareSummary"}},
            "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "object", "properties": {
                "value": {"type": "string"}, "label": {"type": ["string", "null"]}, "count": {"type": "integer"}, "selected": {"type": "boolean"}
            }}}},
            "nextCursor": {"type": ["string", "null"]},
            "suggestion": {"type": ["string", "null"]},
            "links": {"type": "object", "properties": {"next": {"type": ["string", "null"], "format": "uri"}}}
        }},
        "Issue": issue,
        "ValidationResult": {"type": "object", "required": ["valid", "issues"], "properties": {
            "valid": {"type": "boolean"}, "issues": {"type": "array", "items": {"$ref": "#/components/schemas/Issue"}}
        }},
        "PublishResult": {"type": "object", "required": ["outcome", "slug"], "properties": {
            "outcome": {"type": "string", "enum": ["created", "updated", "unchanged"]},
            "slug": {"type": "string"},
            "issues": {"type": "array", "items": {"$ref": "#/components/schemas/Issue"}},
            "links": {"type": "object"}
        }},
        "Problem": problem,
        "ValidationProblem": {"allOf": [{"$ref": "#/components/schemas/Problem"}, {"type": "object", "properties": {
            "issues": {"type": "array", "items": {"$ref": "#/components/schemas/Issue"}}
        }}]},
        "Organisation": {"type": "object", "properties": {
            "slug": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"}, "land": {"type": ["string", "null"]},
            "verified": {"type": "boolean"}, "uri": {"type": ["string", "null"]},
            "software": {"type": "array", "items": {"$ref": "#/components/schemas/SoftwareSummary"}}
        }},
        "OrganisationList": {"type": "object", "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Organisation"}},
            "nextCursor": {"type": ["string", "null"]}
        }},
        "WhoAmI": {"type": "object", "properties": {
            "user": {"type": "string"}, "organisation": {"type": "string"}, "scopes": {"type": "array", "items": {"type": "string"}}
        }},
        "MaintenanceType": {"type": "string", "enum": MAINTENANCE_TYPES},
        "RepositoryStatus": {"type": "string", "description": "What the last sync found (see the README's table)."},
        "RepositoryList": {"type": "object", "required": ["organisation", "repositories"], "properties": {
            "organisation": {"type": "string"},
            "repositories": {"type": "array", "items": {"type": "object",
                "required": ["id", "url", "status", "sync_pending", "self"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "url": {"type": "string"},
                    "status": {"$ref": "#/components/schemas/RepositoryStatus"},
                    "status_detail": {"type": ["string", "null"]},
                    "last_success_at": {"type": ["string", "null"], "format": "date-time"},
                    "software": {"type": ["string", "null"], "format": "uri"},
                    "sync_pending": {"type": "boolean"},
                    "self": {"type": "string", "format": "uri"}
                }}}
        }},
        "Repository": {"type": "object", "required": ["id", "url", "status"], "properties": {
            "id": {"type": "string", "format": "uuid"},
            "url": {"type": "string"},
            "status": {"$ref": "#/components/schemas/RepositoryStatus"},
            "status_detail": {"type": ["string", "null"]},
            "last_attempt_at": {"type": ["string", "null"], "format": "date-time"},
            "last_success_at": {"type": ["string", "null"], "format": "date-time"},
            "facts": {"type": ["object", "null"], "description": "Figures of the last good sync."},
            "health": {"type": ["object", "null"], "description": "Vitality and maintenance, with the figures behind them."},
            "webhook": {"type": ["object", "null"], "description": "For the repository's publishers only.", "properties": {
                "url": {"type": "string", "format": "uri"}, "secret": {"type": "string"}
            }},
            "sync_pending": {"type": ["boolean", "null"]}
        }},
        "NewRepository": {"type": "object", "required": ["url"], "properties": {
            "url": {"type": "string", "examples": ["https://gitlab.opencode.de/kiel/bauantrag.git"]}
        }},
        "SyncQueued": {"type": "object", "required": ["queued"], "properties": {"queued": {"type": "boolean"}}},
        "WebhookPayload": {"type": "object", "description": "The forge's push or tag event, as it sends it."},
        "WebhookResult": {"type": "object", "required": ["queued", "forge"], "properties": {
            "queued": {"type": "boolean"},
            "forge": {"type": "string", "enum": ["github", "gitlab", "gitea"]},
            "ignored": {"type": "string", "description": "The event that needs no sync."},
            "repeated": {"type": "boolean", "description": "This delivery was received before."}
        }}
    })
}

/// The catalog's and mirror's schemas, then the reuse API's.
fn all_schemas() -> Value {
    let mut all = schemas();
    if let (Some(all), Value::Object(reuse)) = (all.as_object_mut(), crate::http::reuse::schemas()) {
        all.extend(reuse);
    }
    all
}

pub fn document(base: &str) -> Value {
    let mut paths: Map<String, Value> = Map::new();
    for e in endpoints() {
        let parameters: Vec<Value> = e
            .params
            .iter()
            .map(|p| {
                let schema = if p.repeated { json!({"type": "array", "items": {"type": "string"}}) } else { json!({"type": "string"}) };
                json!({"name": p.name, "in": p.location, "required": p.required, "description": english(p.description), "schema": schema, "explode": true})
            })
            .collect();
        let responses: Map<String, Value> = e
            .responses
            .iter()
            .map(|r| {
                let mut response = json!({"description": english(r.description)});
                if !r.schema.is_empty() {
                    response["content"] =
                        json!({r.media_type: {"schema": {"$ref": format!("#/components/schemas/{}", r.schema)}}});
                }
                (r.status.to_string(), response)
            })
            .collect();
        let mut operation = json!({
            "operationId": e.operation_id,
            "summary": english(e.summary),
            "parameters": parameters,
            "responses": responses,
        });
        if let Some(body) = e.body {
            let schema = if body.schema.is_empty() {
                json!({"type": "string", "description": "A publiccode.yml file (UTF-8, at most 256 KiB)"})
            } else {
                json!({"$ref": format!("#/components/schemas/{}", body.schema)})
            };
            operation["requestBody"] = json!({"required": true, "content": {body.media_type: {"schema": schema}}});
        }
        if let Some(scope) = e.scope {
            operation["security"] = json!([{"bearerToken": if scope.is_empty() { vec![] } else { vec![scope] }}]);
        }
        let entry = paths.entry(e.path.to_string()).or_insert_with(|| json!({}));
        entry[e.method] = operation;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Allmende API",
            "version": "1",
            "description": english("api.intro"),
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"}
        },
        "servers": [{"url": base}],
        "paths": paths,
        "components": {
            "schemas": all_schemas(),
            "securitySchemes": {"bearerToken": {"type": "http", "scheme": "bearer", "description": english("api.auth.text")}}
        }
    })
}

pub async fn openapi(State(state): State<AppState>) -> Response {
    Json(document(&state.config.origin())).into_response()
}
