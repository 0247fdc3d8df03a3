use crate::sessions::{SESSION_COOKIE_HTTP, SESSION_COOKIE_HTTPS};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{header, Method, StatusCode};

/// Refuses state-changing requests that a browser sends on behalf of another
/// site: `Sec-Fetch-Site` must not be cross-site, and an `Origin`, when sent,
/// must be this site's origin: scheme, host and port (`State` says whether
/// the site is served over https). Every current browser sends one of the
/// two with a POST; a request with neither is a script's, and is refused
/// when it carries a session cookie (scripts use API tokens).
pub async fn refuse_cross_site_writes(State(https): State<bool>, request: Request, next: Next) -> Response {
    if is_safe(request.method()) || is_same_site(&request, https) {
        next.run(request).await
    } else {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site write refused");
        (
            StatusCode::FORBIDDEN,
            "Forbidden: cross-site request refused / Anfrage von fremder Website abgelehnt",
        )
            .into_response()
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE)
}

fn is_same_site(request: &Request, https: bool) -> bool {
    let headers = request.headers();
    if headers.get("sec-fetch-site").is_none() && headers.get(header::ORIGIN).is_none() {
        return !carries_session(headers);
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if !matches!(site, "same-origin" | "none") {
            return false;
        }
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
                return false;
            };
            let scheme = if https { "https" } else { "http" };
            // The whole origin, compared as browsers serialise it (scheme
            // and host in lower case, no path).
            origin.eq_ignore_ascii_case(&format!("{scheme}://{host}"))
        }
    }
}

/// Whether any `Cookie` header holds the session cookie, parsed as
/// browsers send cookies (`name=value` pairs split by `;`, names trimmed).
fn carries_session(headers: &http::HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.split_once('=').map(|(name, _)| name.trim()))
        .any(|name| name == SESSION_COOKIE_HTTP || name == SESSION_COOKIE_HTTPS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn request(method: Method, headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder()
            .method(method)
            .uri("/sprache")
            .header("host", "127.0.0.1:3000");
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn same_origin_posts_pass() {
        assert!(is_same_site(
            &request(
                Method::POST,
                &[("origin", "http://127.0.0.1:3000"), ("sec-fetch-site", "same-origin")]
            ),
            false
        ));
        assert!(is_same_site(
            &request(Method::POST, &[("origin", "https://127.0.0.1:3000")]),
            true
        ));
        assert!(is_same_site(&request(Method::POST, &[]), false));
    }

    /// The probe's two bypasses: an origin with another scheme but this
    /// host, and a session cookie written with a space before `=`.
    #[test]
    fn the_whole_origin_counts_and_cookies_are_parsed() {
        for origin in [
            "evil://127.0.0.1:3000",
            "https://127.0.0.1:3000",
            "http://127.0.0.1:3000/x",
            "http://127.0.0.1:30001",
        ] {
            assert!(
                !is_same_site(&request(Method::POST, &[("origin", origin)]), false),
                "{origin}"
            );
        }
        assert!(!is_same_site(
            &request(Method::POST, &[("origin", "http://127.0.0.1:3000")]),
            true
        ));
        for cookie in [
            "allmende_session =abc",
            "a=1;allmende_session=abc",
            "a=1;  __Host-allmende_session = x",
        ] {
            assert!(
                !is_same_site(&request(Method::POST, &[("cookie", cookie)]), false),
                "{cookie}"
            );
        }
        assert!(is_same_site(
            &request(Method::POST, &[("cookie", "not_allmende_session=1")]),
            false
        ));
    }

    #[test]
    fn foreign_origins_are_refused() {
        assert!(!is_same_site(
            &request(Method::POST, &[("origin", "https://evil.example")]),
            false
        ));
        assert!(!is_same_site(
            &request(Method::POST, &[("sec-fetch-site", "cross-site")]),
            false
        ));
        assert!(!is_same_site(
            &request(Method::POST, &[("sec-fetch-site", "same-site")]),
            false
        ));
        assert!(!is_same_site(&request(Method::POST, &[("origin", "null")]), false));
        // A session cookie without either header: not a browser, not allowed.
        assert!(!is_same_site(
            &request(Method::POST, &[("cookie", "allmende_session=abc")]),
            false
        ));
        assert!(!is_same_site(
            &request(Method::POST, &[("cookie", "x=1; __Host-allmende_session=abc")]),
            false
        ));
    }
}
