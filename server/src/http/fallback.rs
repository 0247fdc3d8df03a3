use crate::state::AppState;
use app::shell::shell;
use axum::{
    body::Body,
    extract::{Request, State},
    response::{IntoResponse, Response},
};
use http::{header, HeaderValue, Method, StatusCode};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// Everything that is not a route: a static file from the site root (the
/// wasm bundle, styles, fonts), or else the app's 404 page.
pub async fn handler(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if parts.method == Method::GET || parts.method == Method::HEAD {
        let probe = Request::from_parts(parts.clone(), Body::empty());
        let files = ServeDir::new(state.leptos_options.site_root.as_ref())
            .append_index_html_on_directories(false)
            .precompressed_br()
            .precompressed_gzip();
        let Ok(response) = files.oneshot(probe).await;
        if response.status() != StatusCode::NOT_FOUND {
            let mut response = response.map(Body::new);
            // Fonts and KERN change only with a release; the app's own files are revalidated.
            let cache = if parts.uri.path().starts_with("/fonts/") || parts.uri.path().starts_with("/vendor/") {
                "public, max-age=604800"
            } else {
                "no-cache"
            };
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            return response;
        }
    }
    render_app(&state, Request::from_parts(parts, body)).await
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
