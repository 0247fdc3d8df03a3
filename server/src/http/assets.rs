//! The site root's files (the wasm bundle, styles, fonts, KERN, the
//! favicon), answered before the session and viewer layers: an asset costs
//! no database query, even for a signed-in reader, and is served while the
//! database is down. A path here that names no file goes on to the app's
//! 404 page.

use crate::state::AppState;
use axum::{
    body::Body,
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use http::{header, HeaderValue, Method, StatusCode};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// Where the build puts files; everything else is a route.
fn is_asset(path: &str) -> bool {
    ["/pkg/", "/fonts/", "/vendor/"].iter().any(|p| path.starts_with(p)) || path == "/favicon.svg"
}

pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !(request.method() == Method::GET || request.method() == Method::HEAD) || !is_asset(request.uri().path()) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let probe = Request::from_parts(parts.clone(), Body::empty());
    let files = ServeDir::new(state.leptos_options.site_root.as_ref())
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip();
    let Ok(response) = files.oneshot(probe).await;
    if response.status() == StatusCode::NOT_FOUND {
        return next.run(Request::from_parts(parts, body)).await;
    }
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
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn assets_are_the_build_output_only() {
        for path in [
            "/pkg/allmende.wasm",
            "/fonts/fira-sans-400.woff2",
            "/vendor/kern/kern.min.css",
            "/favicon.svg",
        ] {
            assert!(super::is_asset(path), "{path}");
        }
        for path in ["/", "/software", "/pkgs", "/favicon.svg/x", "/api/v1/software"] {
            assert!(!super::is_asset(path), "{path}");
        }
    }
}
