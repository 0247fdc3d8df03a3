//! Prometheus metrics: requests and latencies per route, database pool figures.

use crate::state::AppState;
use axum::{
    extract::{MatchedPath, Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::{sync::OnceLock, time::Instant};

const DURATION: &str = "http_request_duration_seconds";

/// The process-wide recorder (metrics are global; tests build many states).
pub fn recorder() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full(DURATION.into()),
                    &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0],
                )
                .expect("valid buckets")
                .install_recorder()
                .expect("the metrics recorder is installed once")
        })
        .clone()
}

/// Counts each request and times it, labelled by route pattern (never the
/// raw path, which would make the label set unbounded).
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "fallback".to_owned());
    let method = request.method().to_string();
    let start = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!(DURATION, &labels).record(start.elapsed().as_secs_f64());
    response
}

/// Who may read the figures: with `ALLMENDE_METRICS_TOKEN` set, whoever
/// sends it as a bearer token; without, clients on this machine only (the
/// client as `client_ip` sees it, so a request through a trusted proxy
/// counts as the proxy's client, not as loopback).
fn may_read(state: &AppState, peer: Option<std::net::IpAddr>, headers: &http::HeaderMap) -> bool {
    use secrecy::ExposeSecret;
    use subtle::ConstantTimeEq;
    match &state.config.metrics_token {
        Some(token) => crate::http::accounts::api::bearer(headers)
            .is_some_and(|sent| bool::from(sent.as_bytes().ct_eq(token.expose_secret().as_bytes()))),
        None => crate::http::client_ip::client_ip(peer, headers, &state.config.trusted_proxies)
            .is_some_and(|ip| ip.is_loopback()),
    }
}

pub async fn render(State(state): State<AppState>, request: Request) -> Response {
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if !may_read(&state, peer, request.headers()) {
        return (http::StatusCode::FORBIDDEN, "Forbidden: metrics / Metriken").into_response();
    }
    let pool = state.db.get_postgres_connection_pool();
    metrics::gauge!("db_pool_connections").set(pool.size() as f64);
    metrics::gauge!("db_pool_idle_connections").set(pool.num_idle() as f64);
    metrics::gauge!("db_pool_max_connections").set(state.config.db_max_connections as f64);
    (
        [(http::header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}
