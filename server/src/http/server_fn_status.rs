//! Server functions answer every error with 500 (Leptos' default), so a
//! client could not tell "not signed in" from a crash. Their error body is
//! the serialised `AppError`: this layer reads it and sets the status the
//! error stands for (401, 403, 404, 422, 409, 429, 503).

use app::error::AppError;
use axum::{body::Body, extract::Request, middleware::Next, response::Response};
use http::StatusCode;

/// Error bodies larger than this are not errors of ours; left as they are.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn set_error_status(request: Request, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/api/fn/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}
