use axum::{
    extract::Request,
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{header, Method, StatusCode};

/// Refuses state-changing requests that a browser sends on behalf of another
/// site: `Sec-Fetch-Site` must not be cross-site, and an `Origin`, when sent,
/// must be this host. Every current browser sends one of the two with a POST;
/// a request with neither is a script's, and is refused when it carries a
/// session cookie (scripts use API tokens).
pub async fn refuse_cross_site_writes(request: Request, next: Next) -> Response {
    if is_safe(request.method()) || is_same_site(&request) {
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

fn is_same_site(request: &Request) -> bool {
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
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
            let origin_host = origin.split_once("://").map(|(_, rest)| rest);
            host.is_some() && origin_host == host
        }
    }
}

fn carries_session(headers: &http::HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| cookies.contains("allmende_session="))
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
        assert!(is_same_site(&request(
            Method::POST,
            &[("origin", "http://127.0.0.1:3000"), ("sec-fetch-site", "same-origin")]
        )));
        assert!(is_same_site(&request(Method::POST, &[])));
    }

    #[test]
    fn foreign_origins_are_refused() {
        assert!(!is_same_site(&request(
            Method::POST,
            &[("origin", "https://evil.example")]
        )));
        assert!(!is_same_site(&request(
            Method::POST,
            &[("sec-fetch-site", "cross-site")]
        )));
        assert!(!is_same_site(&request(
            Method::POST,
            &[("sec-fetch-site", "same-site")]
        )));
        assert!(!is_same_site(&request(Method::POST, &[("origin", "null")])));
        // A session cookie without either header: not a browser, not allowed.
        assert!(!is_same_site(&request(
            Method::POST,
            &[("cookie", "allmende_session=abc")]
        )));
        assert!(!is_same_site(&request(
            Method::POST,
            &[("cookie", "x=1; __Host-allmende_session=abc")]
        )));
    }
}
