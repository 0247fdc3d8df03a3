//! The token-authenticated API's account part: `GET /api/v1/whoami` tells a
//! script whom its token speaks for (and proves the token works).

use crate::state::AppState;
use app::error::AppError;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::{header, HeaderMap, StatusCode};

/// An RFC 7807 problem document.
pub fn problem(status: StatusCode, title: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        serde_json::json!({"type": "about:blank", "title": title, "status": status.as_u16()}).to_string(),
    )
        .into_response()
}

pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

pub async fn whoami(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = bearer(&headers) else {
        return problem(
            StatusCode::UNAUTHORIZED,
            "An API token is required (Authorization: Bearer alm_…).",
        );
    };
    match state.accounts.authenticate_token(token).await {
        Ok(t) => Json(serde_json::json!({
            "user": t.actor.display_name,
            "organisation": t.organisation_slug,
            "scopes": t.scopes,
        }))
        .into_response(),
        Err(AppError::Unauthenticated) => {
            problem(StatusCode::UNAUTHORIZED, "The token is unknown, expired or revoked.")
        }
        Err(error) => problem(
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "The request could not be completed.",
        ),
    }
}
