//! The reuse API's schemas in the OpenAPI document (`components.schemas`),
//! as the handlers in `api` send and take them. The contract test checks
//! every answer of its tour against them.

use app::reuse::terms::AgreementKind;
use app::reuse::workflow::{Action, AgreementStatus};
use serde_json::{json, Value};

fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| code(*v)).collect()
}

pub fn schemas() -> Value {
    let statuses = codes(AgreementStatus::ALL, AgreementStatus::code);
    let kinds = codes(AgreementKind::ALL, AgreementKind::code);
    let actions = codes(Action::ALL, Action::code);
    let organisation = json!({"type": "object", "required": ["slug", "name"], "properties": {
        "slug": {"type": "string"}, "name": {"type": "string"}
    }});
    json!({
        "AgreementSummary": {"type": "object", "required": ["id", "url", "software", "provider", "reusers", "kind", "status"], "properties": {
            "id": {"type": "string", "format": "uuid"},
            "url": {"type": "string", "format": "uri"},
            "software": {"type": "object", "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string", "format": "uri"}}},
            "provider": organisation,
            "reusers": {"type": "array", "items": organisation},
            "kind": {"type": "string", "enum": kinds},
            "status": {"type": "string", "enum": statuses},
            "openedAt": {"type": "string", "format": "date-time"},
            "changedAt": {"type": "string", "format": "date-time"}
        }},
        "AgreementList": {"type": "object", "required": ["items", "total", "page", "byStatus"], "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/AgreementSummary"}},
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "pageSize": {"type": "integer"},
            "byStatus": {"type": "array", "items": {"type": "object", "properties": {
                "status": {"type": "string", "enum": statuses}, "count": {"type": "integer"}
            }}}
        }},
        "Agreement": {"type": "object", "required": ["id", "software_slug", "terms", "status", "version", "parties", "history", "published"],
            "description": "request_message, costs and documents are null for readers outside the parties, unless every party published them.",
            "properties": {
            "id": {"type": "string", "format": "uuid"},
            "software_slug": {"type": "string"},
            "software_name": {"type": "string"},
            "terms": {"type": "object", "properties": {"kind": {"type": "string", "enum": kinds}}},
            "status": {"type": "string", "enum": statuses},
            "version": {"type": "integer", "description": "Send it with a step; a newer one answers 409."},
            "parties": {"type": "array", "items": {"type": "object"}},
            "history": {"type": "array", "items": {"type": "object"}},
            "actions": {"type": "array", "items": {"type": "object"}},
            "request_message": {"type": ["string", "null"]},
            "costs": {"type": ["array", "null"], "items": {"type": "object"}},
            "documents": {"type": ["array", "null"], "items": {"type": "object"}},
            "published": {"type": "boolean"}
        }},
        "NewReuseRequest": {"type": "object", "required": ["software", "kind"], "properties": {
            "software": {"type": "string", "description": "The entry's slug."},
            "kind": {"type": "string", "enum": kinds},
            "message": {"type": "string", "maxLength": 4000}
        }},
        "NewStep": {"type": "object", "required": ["action", "version"], "properties": {
            "action": {"type": "string", "enum": actions},
            "version": {"type": "integer"}
        }},
        "StepTaken": {"type": "object", "required": ["id", "status"], "properties": {
            "id": {"type": "string", "format": "uuid"},
            "status": {"type": "string", "enum": statuses}
        }},
        "Created": {"type": "object", "required": ["id", "url"], "properties": {
            "id": {"type": "string", "format": "uuid"},
            "url": {"type": "string", "format": "uri"}
        }},
        "UsageDeclaration": {"type": "object", "required": ["id", "organisation", "verified", "version", "use_case", "expires_at"], "properties": {
            "id": {"type": "string", "format": "uuid"},
            "organisation": organisation,
            "verified": {"type": "boolean", "description": "The organisation is verified; only then does it count."},
            "version": {"type": "string"},
            "use_case": {"type": "string"},
            "contact_name": {"type": ["string", "null"]},
            "contact_email": {"type": ["string", "null"], "description": "Only for a reader with a token."},
            "instance_url": {"type": ["string", "null"], "description": "Internal ones only for the organisation's own token."},
            "instance_public": {"type": "boolean"},
            "renewed_at": {"type": "string", "format": "date-time"},
            "expires_at": {"type": "string", "format": "date-time"},
            "may_renew": {"type": "boolean"},
            "may_withdraw": {"type": "boolean"}
        }},
        "EntryUsage": {"type": "object", "required": ["declarations", "verified"], "properties": {
            "declarations": {"type": "array", "items": {"$ref": "#/components/schemas/UsageDeclaration"}},
            "verified": {"type": "integer"},
            "may_declare": {"type": "boolean"}
        }},
        "NewDeclaration": {"type": "object", "required": ["version", "useCase"], "properties": {
            "version": {"type": "string", "maxLength": 100},
            "useCase": {"type": "string", "maxLength": 500},
            "contact": {"type": "string", "format": "uuid", "description": "A member of the token's administration; the token's person if absent."},
            "instanceUrl": {"type": "string", "format": "uri"},
            "instancePublic": {"type": "boolean"}
        }},
        "ReuseGraph": {"type": "object", "required": ["nodes", "edges"], "properties": {
            "nodes": {"type": "array", "items": {"type": "object", "required": ["code", "name", "provided", "reused"], "properties": {
                "code": {"type": "string", "examples": ["DE-SH", "DE"]},
                "name": {"type": "string"},
                "provided": {"type": "integer"},
                "reused": {"type": "integer"}
            }}},
            "edges": {"type": "array", "items": {"type": "object", "required": ["from", "to", "agreements"], "properties": {
                "from": {"type": "string"}, "to": {"type": "string"}, "agreements": {"type": "integer"}
            }}}
        }},
        "ReuseReport": {"type": "object", "required": ["name", "provided", "reused", "partners", "costs", "costs_hidden"], "properties": {
            "name": {"type": "string"},
            "provided": {"type": "array", "items": {"type": "object"}},
            "provided_lines": {"type": "integer"},
            "reused": {"type": "array", "items": {"type": "object"}},
            "reused_lines": {"type": "integer"},
            "partners": {"type": "array", "items": {"type": "object"}},
            "partner_count": {"type": "integer"},
            "costs": {"type": "array", "items": {"type": "object"}, "description": "Shares per year, only of agreements whose costs the reader may see."},
            "costs_hidden": {"type": "integer", "description": "Agreements in force whose costs the reader may not see."},
            "declared": {"type": "array", "items": {"type": "object", "required": ["software_slug", "organisation", "version"]}, "description": "Current usage declarations of the scope's verified organisations (at most 100)."},
            "declared_count": {"type": "integer"}
        }}
    })
}
