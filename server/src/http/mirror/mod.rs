//! Mirroring over HTTP: the publishers' forms, the JSON API, the forges'
//! webhooks and README images from the mirror. Thin adapters over
//! [`crate::mirror::Mirror`].

mod api;
mod forms;
mod raw;
mod webhooks;

use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/verwaltungen/{slug}/repositorien", post(forms::register))
        .route("/repositorien/{id}/synchronisieren", post(forms::sync))
        .route("/repositorien/{id}/geheimnis", post(forms::rotate))
        .route("/repositorien/{id}/entfernen", post(forms::remove))
        .route("/admin/synchronisation/{job}/erneut", post(forms::requeue))
        .route("/repositorien/{id}/roh/{*path}", get(raw::file))
        .route(
            "/api/v1/hooks/{id}",
            post(webhooks::receive).layer(DefaultBodyLimit::max(5 * 1024 * 1024)),
        )
        .route(
            "/api/v1/organisations/{slug}/repositories",
            get(api::list).post(api::register),
        )
        .route("/api/v1/repositories/{id}", get(api::detail))
        .route("/api/v1/repositories/{id}/sync", post(api::sync))
}
