//! Reuse in the JSON API: agreements (list, one, ask for reuse, take a
//! step), usage declarations (read, declare), the reports and the graph.
//! Reading needs no token and shows the public parts; a `reuse:read`
//! token reads as its organisation (confidential parts where it is a
//! party); `reuse:write` acts for it. The rules are the services', the
//! same as the pages'; errors are problem+json.

use crate::http::accounts::api::{bearer, problem, problem_for, scoped_token as token};
use crate::kernel::{Actor, AgreementId, Scope};
use crate::reuse::{agreement_path, ReuseRequest};
use crate::state::AppState;
use app::error::{AppError, FieldError};
use app::reuse::query::AgreementQuery;
use app::reuse::terms::AgreementKind;
use app::reuse::usage::UsageForm;
use app::reuse::workflow::Action;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/agreements", get(list).post(request))
        .route("/api/v1/agreements/{id}", get(one))
        .route("/api/v1/agreements/{id}/steps", post(step))
        .route("/api/v1/software/{slug}/usage", get(usage).post(declare))
        .route("/api/v1/reuse/graph", get(graph))
        .route("/api/v1/reuse/laender/{land}", get(land_report))
        .route("/api/v1/organisations/{slug}/reuse", get(organisation_report))
}

/// The reader: nobody without a token; with one, its organisation's view,
/// which needs `reuse:read`.
async fn reader(state: &AppState, headers: &HeaderMap) -> Result<Option<Actor>, Response> {
    if bearer(headers).is_none() {
        return Ok(None);
    }
    token(state, headers, Scope::ReuseRead).await.map(|t| Some(t.actor))
}

/// The problem for a body that is not the JSON `shape`.
fn malformed(shape: &str, error: serde_json::Error) -> Response {
    problem(
        StatusCode::UNPROCESSABLE_ENTITY,
        &format!("The body must be JSON {shape}: {error}"),
    )
}

fn json_or_problem<T: serde::Serialize>(result: Result<T, AppError>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(error) => problem_for(&error),
    }
}

async fn list(State(state): State<AppState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let get = |name: &str| params.get(name).cloned();
    let query = AgreementQuery::from_params(get("status"), get("kind"), get("land"), get("page"));
    let base = state.config.origin();
    match state.reuse.agreements(&query).await {
        Ok(list) => Json(json!({
            "items": list.items.iter().map(|a| super::exports::json_item(&base, a)).collect::<Vec<_>>(),
            "total": list.total,
            "page": query.page,
            "pageSize": AgreementQuery::PAGE_SIZE,
            "byStatus": list.by_status.iter().map(|(s, n)| json!({"status": s.code(), "count": n})).collect::<Vec<_>>(),
        }))
        .into_response(),
        Err(error) => problem_for(&error),
    }
}

async fn one(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let reader = match reader(&state, &headers).await {
        Ok(reader) => reader,
        Err(response) => return response,
    };
    let Some(id) = AgreementId::parse(&id) else {
        return problem_for(&AppError::NotFound);
    };
    json_or_problem(state.reuse.agreement(reader.as_ref(), id).await)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewRequest {
    software: String,
    kind: String,
    #[serde(default)]
    message: String,
}

async fn request(State(state): State<AppState>, headers: HeaderMap, bytes: axum::body::Bytes) -> Response {
    let token = match token(&state, &headers, Scope::ReuseWrite).await {
        Ok(token) => token,
        Err(response) => return response,
    };
    let body: NewRequest = match serde_json::from_slice(&bytes) {
        Ok(body) => body,
        Err(error) => return malformed(r#"{"software": "…", "kind": "…", "message": "…"}"#, error),
    };
    let Some(kind) = AgreementKind::from_code(&body.kind) else {
        return invalid("kind", "form.error.choice");
    };
    let request = ReuseRequest {
        software_slug: body.software,
        reuser: token.organisation_id,
        kind,
        message: body.message,
    };
    match state.reuse.request_reuse(&token.actor, None, request).await {
        Ok(id) => created(&state, &agreement_path(id), json!({"id": id})),
        Err(error) => problem_for(&error),
    }
}

#[derive(Deserialize)]
struct NewStep {
    action: String,
    /// The agreement's version the client read; a newer one is a 409.
    version: i32,
}

async fn step(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: axum::body::Bytes,
) -> Response {
    let token = match token(&state, &headers, Scope::ReuseWrite).await {
        Ok(token) => token,
        Err(response) => return response,
    };
    let Some(id) = AgreementId::parse(&id) else {
        return problem_for(&AppError::NotFound);
    };
    let body: NewStep = match serde_json::from_slice(&bytes) {
        Ok(body) => body,
        Err(error) => return malformed(r#"{"action": "…", "version": 1}"#, error),
    };
    let Some(action) = Action::from_code(&body.action) else {
        return invalid("action", "form.error.choice");
    };
    match state
        .reuse
        .act(&token.actor, None, id, token.organisation_id, action, body.version)
        .await
    {
        Ok(status) => Json(json!({"id": id, "status": status.code()})).into_response(),
        Err(error) => problem_for(&error),
    }
}

async fn usage(State(state): State<AppState>, headers: HeaderMap, Path(slug): Path<String>) -> Response {
    let reader = match reader(&state, &headers).await {
        Ok(reader) => reader,
        Err(response) => return response,
    };
    json_or_problem(state.reuse.entry_usage(reader.as_ref(), &slug).await)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewDeclaration {
    version: String,
    use_case: String,
    /// A member of the token's organisation; the token's person if absent.
    #[serde(default)]
    contact: Option<String>,
    #[serde(default)]
    instance_url: Option<String>,
    #[serde(default)]
    instance_public: bool,
}

async fn declare(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    bytes: axum::body::Bytes,
) -> Response {
    let token = match token(&state, &headers, Scope::ReuseWrite).await {
        Ok(token) => token,
        Err(response) => return response,
    };
    let body: NewDeclaration = match serde_json::from_slice(&bytes) {
        Ok(body) => body,
        Err(error) => return malformed(r#"{"version": "…", "useCase": "…"}"#, error),
    };
    let organisation = token.organisation_id.to_string();
    let contact = body.contact.unwrap_or_else(|| token.actor.user_id.to_string());
    let form = UsageForm {
        organisation: &organisation,
        version: &body.version,
        use_case: &body.use_case,
        contact: &contact,
        instance_url: body.instance_url.as_deref().unwrap_or(""),
        instance_public: body.instance_public,
    };
    let declared = match form.parse() {
        Ok(declared) => declared,
        Err(errors) => return problem_for(&AppError::Invalid(errors)),
    };
    match state
        .reuse
        .declare_usage(&token.actor, None, &slug, declared, false)
        .await
    {
        Ok(id) => created(&state, &crate::reuse::usage_path(&slug), json!({"id": id})),
        Err(error) => problem_for(&error),
    }
}

async fn graph(State(state): State<AppState>) -> Response {
    match state.reuse.graph().await {
        Ok(graph) => Json(json!({
            "nodes": app::reuse::report::nodes().into_iter().map(|(code, name)| json!({
                "code": code,
                "name": name,
                "provided": graph.provided_by(code),
                "reused": graph.reused_by(code),
            })).collect::<Vec<_>>(),
            "edges": graph.edges.iter().map(|(from, to, n)| json!({"from": from, "to": to, "agreements": n})).collect::<Vec<_>>(),
        }))
        .into_response(),
        Err(error) => problem_for(&error),
    }
}

async fn land_report(State(state): State<AppState>, headers: HeaderMap, Path(land): Path<String>) -> Response {
    let reader = match reader(&state, &headers).await {
        Ok(reader) => reader,
        Err(response) => return response,
    };
    json_or_problem(state.reuse.land_report(reader.as_ref(), &land).await)
}

async fn organisation_report(State(state): State<AppState>, headers: HeaderMap, Path(slug): Path<String>) -> Response {
    let reader = match reader(&state, &headers).await {
        Ok(reader) => reader,
        Err(response) => return response,
    };
    json_or_problem(state.reuse.organisation_report(reader.as_ref(), &slug).await)
}

fn invalid(field: &str, key: &str) -> Response {
    problem_for(&AppError::Invalid(vec![FieldError::new(field, key)]))
}

/// 201 with the page where the new thing is shown.
fn created(state: &AppState, path: &str, mut body: serde_json::Value) -> Response {
    let url = format!("{}{path}", state.config.origin());
    body["url"] = json!(url);
    (StatusCode::CREATED, [(http::header::LOCATION, url)], Json(body)).into_response()
}
