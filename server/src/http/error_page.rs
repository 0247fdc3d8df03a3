//! Renders the app's error page for a handler that is not a page route (a
//! refused form, a failed login), with the right status and the reader's
//! language and navigation.

use crate::state::AppState;
use app::accounts::dto::Viewer;
use app::error::AppError;
use app::i18n::Locale;
use app::shell::shell;
use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};

pub async fn render(state: &AppState, locale: Locale, viewer: Option<Viewer>, error: AppError) -> Response {
    let mut request = Request::get("/fehler").body(Body::empty()).expect("static request");
    request.extensions_mut().insert(locale);
    if let Some(viewer) = viewer {
        request.extensions_mut().insert(viewer);
    }
    request.extensions_mut().insert(error);
    let options = state.leptos_options.clone();
    let context_state = state.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || context_state.provide_context(),
        move || shell(options.clone()),
    );
    render(request).await.into_response()
}
