//! Working groups over HTTP: the forms (`forms`), each a plain post that
//! answers with a redirect and a flash, so that everything works without
//! JavaScript, and the permalink of a post.

mod forms;

use crate::state::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    forms::routes()
}
