//! Repositories in the JSON API: list and register for an organisation
//! (registering needs a `catalog:publish` token of that organisation),
//! read one, ask for a sync.

use crate::accounts::api_tokens::TokenActor;
use crate::http::accounts::api::{problem, problem_for, scoped_token};
use crate::kernel::RepositoryId;
use crate::state::AppState;
use app::mirror::dto::{RepositoriesPage, RepositoryView};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};

async fn token(state: &AppState, headers: &HeaderMap) -> Result<TokenActor, Response> {
    scoped_token(state, headers, crate::kernel::Scope::CatalogPublish).await
}

fn list_json(page: &RepositoriesPage, base: &str) -> Value {
    json!({
        "organisation": page.organisation_slug,
        "repositories": page.repositories.iter().map(|r| json!({
            "id": r.id,
            "url": r.url,
            "status": r.status,
            "status_detail": r.status_detail,
            "last_success_at": r.last_success_at,
            "software": r.software_slug.as_ref().map(|s| format!("{base}/api/v1/software/{s}")),
            "sync_pending": r.queued,
            "self": format!("{base}/api/v1/repositories/{}", r.id),
        })).collect::<Vec<_>>(),
    })
}

fn detail_json(view: &RepositoryView) -> Value {
    json!({
        "id": view.id,
        "url": view.url,
        "status": view.status,
        "status_detail": view.status_detail,
        "last_attempt_at": view.last_attempt_at,
        "last_success_at": view.last_success_at,
        "facts": view.facts,
        "health": view.health,
        "webhook": view.manage.as_ref().map(|m| json!({"url": m.webhook_url, "secret": m.webhook_secret})),
        "sync_pending": view.manage.as_ref().map(|m| m.queued),
    })
}

pub async fn list(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match state.mirror.organisation_repositories(None, &slug).await {
        Ok(page) => Json(list_json(&page, &state.config.origin())).into_response(),
        Err(error) => problem_for(&error),
    }
}

#[derive(Deserialize)]
pub struct NewRepository {
    url: String,
}

pub async fn register(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let token = match token(&state, &headers).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    if token.organisation_slug != slug {
        return problem_for(&app::error::AppError::Forbidden);
    }
    let input: NewRepository = match serde_json::from_slice(&body) {
        Ok(i) => i,
        Err(e) => {
            return problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                &format!("The body must be JSON {{\"url\": \"…\"}}: {e}"),
            )
        }
    };
    match state.mirror.register(&token.actor, &slug, &input.url, None).await {
        Ok(id) => match state.mirror.repository(&token.actor, id).await {
            Ok(view) => {
                let location = format!("{}/api/v1/repositories/{id}", state.config.origin());
                (
                    StatusCode::CREATED,
                    [(http::header::LOCATION, location)],
                    Json(detail_json(&view)),
                )
                    .into_response()
            }
            Err(error) => problem_for(&error),
        },
        Err(error) => problem_for(&error),
    }
}

pub async fn detail(State(state): State<AppState>, Path(id): Path<RepositoryId>, headers: HeaderMap) -> Response {
    let token = match token(&state, &headers).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    match state.mirror.repository(&token.actor, id).await {
        Ok(view) => Json(detail_json(&view)).into_response(),
        Err(error) => problem_for(&error),
    }
}

pub async fn sync(State(state): State<AppState>, Path(id): Path<RepositoryId>, headers: HeaderMap) -> Response {
    let token = match token(&state, &headers).await {
        Ok(t) => t,
        Err(response) => return response,
    };
    match state.mirror.request_sync(&token.actor, id).await {
        Ok(()) => (StatusCode::ACCEPTED, Json(json!({"queued": true}))).into_response(),
        Err(error) => problem_for(&error),
    }
}
