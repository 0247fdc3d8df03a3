use crate::state::AppState;
use app::shell::shell;
use axum::{
    extract::{Request, State},
    response::{IntoResponse, Response},
};

/// Everything that is not a route (nor a file, `assets.rs`): the app's 404 page.
pub async fn handler(State(state): State<AppState>, request: Request) -> Response {
    render_app(&state, request).await
}

/// Renders the app for a request outside the route table (the 404 page
/// here, the error page of a refused form), with the same context as routes.
pub async fn render_app(state: &AppState, request: Request) -> Response {
    let options = state.leptos_options.clone();
    let state = state.clone();
    let render =
        leptos_axum::render_app_async_with_context(move || state.provide_context(), move || shell(options.clone()));
    render(request).await.into_response()
}
