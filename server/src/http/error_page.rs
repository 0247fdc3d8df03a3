//! Renders the app's error page for a handler that is not a page route (a
//! refused form, a failed login), with the right status and the reader's
//! language and navigation.

use crate::state::AppState;
use app::accounts::dto::Viewer;
use app::error::AppError;
use app::i18n::Locale;
use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;

pub async fn render(state: &AppState, locale: Locale, viewer: Option<Viewer>, error: AppError) -> Response {
    let mut request = Request::get("/fehler").body(Body::empty()).expect("static request");
    request.extensions_mut().insert(locale);
    if let Some(viewer) = viewer {
        request.extensions_mut().insert(viewer);
    }
    request.extensions_mut().insert(error);
    super::fallback::render_app(state, request).await
}
