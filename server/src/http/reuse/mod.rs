//! Reuse over HTTP: the forms of agreements (`forms`), their documents
//! (`documents`), and the public summaries as CSV, JSON and an Atom feed
//! (`exports`).

mod documents;
mod exports;
mod forms;

use crate::state::AppState;
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<AppState> {
    forms::routes()
        .merge(documents::routes())
        .route("/nachnutzung/export.csv", get(exports::csv))
        .route("/nachnutzung/export.json", get(exports::json))
        .route("/nachnutzung/feed.atom", get(exports::atom))
}
