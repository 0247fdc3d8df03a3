//! `POST /api/v1/hooks/{repository}`: push and tag events from GitHub,
//! GitLab, Gitea and Forgejo.

use crate::http::accounts::api::{problem, problem_for};
use crate::http::form_context::Ctx;
use crate::kernel::RepositoryId;
use crate::mirror::webhooks::Received;
use axum::body::Bytes;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::{HeaderMap, StatusCode};
use serde_json::json;

pub async fn receive(ctx: Ctx, Path(id): Path<RepositoryId>, headers: HeaderMap, body: Bytes) -> Response {
    match ctx.state.mirror.receive_webhook(id, &headers, &body, ctx.ip).await {
        Ok(Ok(Received::Queued(forge))) => (
            StatusCode::ACCEPTED,
            Json(json!({"queued": true, "forge": forge.name()})),
        )
            .into_response(),
        Ok(Ok(Received::Ignored(forge, event))) => (
            StatusCode::OK,
            Json(json!({"queued": false, "forge": forge.name(), "ignored": event})),
        )
            .into_response(),
        Ok(Ok(Received::Repeated(forge))) => (
            StatusCode::OK,
            Json(json!({"queued": false, "forge": forge.name(), "repeated": true})),
        )
            .into_response(),
        Ok(Err(refused)) => problem(StatusCode::UNAUTHORIZED, &format!("Webhook refused: {refused}.")),
        Err(error) => problem_for(&error),
    }
}
