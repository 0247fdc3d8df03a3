use crate::db::{check_ready, Readiness};
use crate::state::AppState;
use axum::{extract::State, response::IntoResponse, Json};
use http::StatusCode;
use std::time::Duration;

/// The process lives and answers.
pub async fn healthz() -> impl IntoResponse {
    Json(serde_json::json!({ "status": "ok" }))
}

/// Ready for traffic: the database answers and its schema is current.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let readiness = check_ready(&state.db, Duration::from_secs(2)).await;
    let status = if readiness == Readiness::Ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(readiness))
}
