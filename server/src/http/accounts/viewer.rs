//! Finds who is signed in for every request: loads the actor fresh from the
//! database (a role taken away counts at once), ends sessions past their
//! absolute lifetime, and hands pages the one-time flash.

use crate::accounts::users;
use crate::sessions;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::Method;
use tower_sessions::Session;

pub async fn load(State(state): State<AppState>, session: Session, mut request: Request, next: Next) -> Response {
    if let Some((user_id, signed_in_at)) = sessions::signed_in_user(&session).await {
        let now = chrono::Utc::now().timestamp();
        let age = now - signed_in_at;
        let actor = if age > state.config.session_lifetime.as_secs() as i64 {
            Ok(None)
        } else {
            users::load_actor(&state.db, user_id).await
        };
        match actor {
            Ok(Some(actor)) => {
                sessions::touch(&session, now).await;
                request.extensions_mut().insert(actor.viewer());
                request.extensions_mut().insert(actor);
            }
            // Expired, or the account is gone: the session ends.
            Ok(None) => {
                let _ = session.flush().await;
            }
            // The database is away for a moment: this request is anonymous,
            // but the session survives (the page will say it is unavailable).
            // The page is served as to a visitor; the cause goes to the log.
            Err(error) => tracing::warn!(%error, "loading the signed-in person failed"),
        }
    }
    if request.method() == Method::GET && is_page(request.uri().path()) {
        if let Some(flash) = sessions::take_flash(&session).await {
            request.extensions_mut().insert(flash);
        }
    }
    next.run(request).await
}

/// Pages, as opposed to assets and APIs: only a page consumes the flash.
fn is_page(path: &str) -> bool {
    !["/pkg/", "/vendor/", "/fonts/", "/api/", "/favicon"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
        && !matches!(path, "/healthz" | "/readyz" | "/metrics")
}
