use app::i18n::{Locale, LOCALE_COOKIE};
use axum::{extract::Request, middleware::Next, response::Response};
use http::header::{ACCEPT_LANGUAGE, COOKIE};

/// Decides the language of each request once and records it as a request
/// extension, where pages, server functions and error pages read it.
pub async fn negotiate(mut request: Request, next: Next) -> Response {
    let headers = request.headers();
    let cookie = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LOCALE_COOKIE)
        .map(|(_, value)| value.to_owned());
    let accept = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    let locale = Locale::negotiate(cookie.as_deref(), accept);
    request.extensions_mut().insert(locale);
    let mut response = next.run(request).await;
    response.headers_mut().append(
        http::header::VARY,
        http::HeaderValue::from_static("Accept-Language, Cookie"),
    );
    response
}
