//! The catalog over HTTP: the publish form, the JSON API, OpenAPI, the Atom
//! feed and the exports. Thin adapters over [`crate::catalog::Catalog`].

mod api;
pub(crate) mod export;
pub(crate) mod feed;
mod openapi;
mod organisations_api;
mod publish;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

pub use openapi::document as openapi_document;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/software/veroeffentlichen", post(publish::publish))
        .route("/software/feed.atom", get(feed::atom))
        .route("/software/export.csv", get(export::csv))
        .route("/software/export.json", get(export::json))
        .route("/api/v1/software", get(api::search).post(api::publish))
        .route("/api/v1/software/{slug}", get(api::software))
        .route("/api/v1/validate", post(api::validate))
        .route("/api/v1/organisations", get(organisations_api::list))
        .route("/api/v1/organisations/{slug}", get(organisations_api::detail))
        .route("/api/v1/openapi.json", get(openapi::openapi))
}
