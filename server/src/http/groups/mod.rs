//! Working groups over HTTP: the forms (`forms`), each a plain post that
//! answers with a redirect and a flash, so that everything works without
//! JavaScript, the permalink of a post, and each public group's Atom feed
//! (`feed`).

mod feed;
mod forms;

use crate::state::AppState;
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<AppState> {
    forms::routes().route("/arbeitsgruppen/{slug}/feed.atom", get(feed::atom))
}
