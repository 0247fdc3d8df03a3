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

/// A problem document with a `detail` and extension members (`issues`).
pub fn problem_with(status: StatusCode, title: &str, detail: &str, extra: serde_json::Value) -> Response {
    let mut body =
        serde_json::json!({"type": "about:blank", "title": title, "status": status.as_u16(), "detail": detail});
    if let (Some(body), serde_json::Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

/// The problem document for a service error, with a title that says what
/// the client can do about it.
pub fn problem_for(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let title = match error {
        AppError::Unauthenticated => "An API token is required (Authorization: Bearer alm_…), and it must be valid.",
        AppError::Forbidden => "The token may not do this (missing scope, or another organisation).",
        AppError::NotFound => "Not found.",
        AppError::Invalid(_) => "The request is invalid.",
        AppError::Conflict(_) => "The request conflicts with the current state.",
        AppError::TooManyRequests => "Too many requests; try again later.",
        _ => "The request could not be completed.",
    };
    match error {
        AppError::Invalid(fields) => problem_with(
            status,
            title,
            &fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {}",
                        f.field,
                        app::i18n::message_owned(app::i18n::Locale::En, &f.key)
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            serde_json::json!({"invalidParams": fields.iter().map(|f| serde_json::json!({"name": f.field, "reason": app::i18n::message_owned(app::i18n::Locale::En, &f.key)})).collect::<Vec<_>>()}),
        ),
        _ => problem(status, title),
    }
}

/// The token behind the request's bearer header, holding `scope`; or the
/// problem to answer with (401 without a valid token, 403 without scope).
pub async fn scoped_token(
    state: &AppState,
    headers: &HeaderMap,
    scope: crate::kernel::Scope,
) -> Result<crate::accounts::api_tokens::TokenActor, Response> {
    let Some(plain) = bearer(headers) else {
        return Err(problem(
            StatusCode::UNAUTHORIZED,
            "An API token is required (Authorization: Bearer alm_…).",
        ));
    };
    let token = state
        .accounts
        .authenticate_token(plain)
        .await
        .map_err(|e| problem_for(&e))?;
    token.require_scope(scope).map_err(|e| problem_for(&e))?;
    Ok(token)
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
