//! The HTTP stack: routes, then the layers every response passes through.

pub mod accounts;
mod assets;
pub mod catalog;
pub mod client_ip;
mod csrf;
pub mod error_page;
mod error_pages;
pub(crate) mod fallback;
pub(crate) mod form_context;
mod groups;
mod health;
pub(crate) mod language;
mod locale;
pub mod metrics;
mod mirror;
mod notifications;
pub(crate) mod nul_guard;
mod reuse;
mod security_headers;
mod server_fn_status;

use crate::sessions::{PgSessionStore, SESSION_COOKIE_HTTP, SESSION_COOKIE_HTTPS};
use crate::state::AppState;
use app::app::App;
use app::shell::shell;
use axum::{
    middleware,
    routing::{get, post},
    Router,
};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::{
    catch_panic::CatchPanicLayer, compression::CompressionLayer, timeout::TimeoutLayer, trace::TraceLayer,
};
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};

/// Session cookie: HttpOnly, SameSite=Lax, `__Host-` and Secure over https;
/// the session ends after the idle timeout (the absolute lifetime is checked
/// by the viewer layer).
fn session_layer(state: &AppState) -> SessionManagerLayer<PgSessionStore> {
    let https = state.config.https();
    let idle = state.config.session_idle.as_secs() as i64;
    SessionManagerLayer::new(PgSessionStore::new(state.db.clone()))
        .with_name(if https {
            SESSION_COOKIE_HTTPS
        } else {
            SESSION_COOKIE_HTTP
        })
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(idle)))
}

/// The application's routes, generated once per process. Generating them
/// renders the app with resource loading suppressed by a process-wide flag
/// (leptos_server's `SuppressResourceLoad`): a resource first polled on
/// another thread meanwhile waits forever (leptos-rs/leptos#4773). A second
/// router built while another serves (the integration tests build dozens)
/// hung a page now and then for 30 s; built once, before anything serves,
/// nothing can be polled during the window.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let context = {
        let state = state.clone();
        move || state.provide_context()
    };
    let render = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::render))
        .route("/sprache", post(language::switch))
        .merge(accounts::routes())
        .merge(catalog::routes())
        .merge(mirror::routes())
        .merge(notifications::routes())
        .merge(reuse::routes())
        .merge(groups::routes())
        .leptos_routes_with_context(&state, routes, context, render)
        .fallback(fallback::handler)
        // Listed from the innermost layer outwards.
        .layer(middleware::from_fn(server_fn_status::set_error_status))
        .layer(middleware::from_fn_with_state(state.clone(), accounts::viewer::load))
        .layer(session_layer(&state))
        // Files are answered here, before any session or viewer is loaded.
        .layer(middleware::from_fn_with_state(state.clone(), assets::serve))
        .layer(middleware::from_fn_with_state(
            state.config.https(),
            csrf::refuse_cross_site_writes,
        ))
        .layer(middleware::from_fn(nul_guard::refuse_nul))
        .layer(middleware::from_fn(locale::negotiate))
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::SERVICE_UNAVAILABLE,
            state.config.request_timeout,
        ))
        .layer(CatchPanicLayer::custom(error_pages::panic_response))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            state.config.https(),
            security_headers::apply,
        ))
        .layer(middleware::from_fn(metrics::track))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
                // The path only: query strings may one day carry tokens.
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
            }),
        )
        .with_state(state)
}
