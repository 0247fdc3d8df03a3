use axum::{extract::Request, extract::State, middleware::Next, response::Response};
use http::{header, HeaderValue};
use std::sync::LazyLock;

/// The policy for everything that is not a page: built once, not per response.
static DEFAULT_CSP: LazyLock<HeaderValue> =
    LazyLock::new(|| HeaderValue::from_str(&app::shell::content_security_policy(None, &[])).expect("ASCII policy"));

/// Sets the security headers on every response. Pages bring their own
/// Content-Security-Policy with the response's script nonce (see
/// `app::shell`); everything else gets the same policy without scripts.
pub async fn apply(State(https): State<bool>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, DEFAULT_CSP.clone());
    }
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    response
}
