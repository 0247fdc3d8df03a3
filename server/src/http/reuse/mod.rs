//! Reuse over HTTP: the JSON API (`api`), the forms of agreements (`forms`), their documents
//! (`documents`), usage declarations (`usage`), and the public summaries as CSV, JSON and an Atom feed
//! (`exports`).

mod api;
mod documents;
mod exports;
mod forms;
mod schemas;
mod usage;

pub use schemas::schemas;

use crate::state::AppState;
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<AppState> {
    forms::routes()
        .merge(documents::routes())
        .merge(usage::routes())
        .merge(api::routes())
        .route("/nachnutzung/export.csv", get(exports::csv))
        .route("/nachnutzung/export.json", get(exports::json))
        .route("/nachnutzung/feed.atom", get(exports::atom))
}
