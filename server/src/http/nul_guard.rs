//! A NUL character is never valid input here: PostgreSQL's text cannot hold
//! it, so a `%00` in a search parameter, a slug or a form field used to end
//! in a database error and a 500. This layer refuses it before any handler
//! runs, naming where it was: 400, as problem+json for the API and as a
//! short bilingual text otherwise. Multipart uploads (publiccode.yml files)
//! are left to the validator, which reports the line and column.

use axum::{
    body::Body,
    extract::Request,
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{header, StatusCode};

/// Form and JSON bodies are buffered up to this size to be checked (they
/// are far smaller; larger ones are refused by the extractors anyway).
const MAX_CHECKED_BODY: usize = 2 * 1024 * 1024;

/// Where a NUL was found, as a reader can find it again.
#[derive(Debug, PartialEq, Eq)]
pub enum Place {
    Path,
    Parameter(String),
    Field(String),
    Body,
}

pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    if let Some(place) = in_uri(request.uri()) {
        return refusal(api, place);
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let form = content_type.starts_with("application/x-www-form-urlencoded");
    // Webhook payloads are verified and read, never stored: a commit message
    // with `\u0000` in a forge's event is no reason to miss a push.
    let json = content_type.starts_with("application/json") && !request.uri().path().starts_with("/api/v1/hooks/");
    if !form && !json {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_CHECKED_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return (
                StatusCode::PAYLOAD_TOO_LARGE,
                "Request body too large / Anfrage zu groß",
            )
                .into_response()
        }
    };
    let found = if form { in_form(&bytes) } else { in_json(&bytes) };
    if let Some(place) = found {
        return refusal(api, place);
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

fn decoded_has_nul(text: &str) -> bool {
    text.contains('\0') || percent_encoding::percent_decode_str(text).any(|b| b == 0)
}

pub fn in_uri(uri: &http::Uri) -> Option<Place> {
    if decoded_has_nul(uri.path()) {
        return Some(Place::Path);
    }
    let query = uri.query()?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, v)| k.contains('\0') || v.contains('\0'))
        .map(|(k, _)| Place::Parameter(k.replace('\0', "")))
}

pub fn in_form(body: &[u8]) -> Option<Place> {
    if body.contains(&0) {
        return Some(Place::Body);
    }
    url::form_urlencoded::parse(body)
        .find(|(k, v)| k.contains('\0') || v.contains('\0'))
        .map(|(k, _)| Place::Field(k.replace('\0', "")))
}

/// A raw NUL, or the escape `\u0000` (not itself escaped as `\\u0000`).
pub fn in_json(body: &[u8]) -> Option<Place> {
    if body.contains(&0) {
        return Some(Place::Body);
    }
    let escaped = body.windows(6).enumerate().any(|(i, w)| {
        w.eq_ignore_ascii_case(b"\\u0000") && body[..i].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 0
    });
    escaped.then_some(Place::Body)
}

pub fn refusal(api: bool, place: Place) -> Response {
    let (de, en) = match &place {
        Place::Path => ("in der Adresse".to_string(), "in the address".to_string()),
        Place::Parameter(name) => (format!("im Parameter „{name}“"), format!("in the parameter `{name}`")),
        Place::Field(name) => (format!("im Feld „{name}“"), format!("in the field `{name}`")),
        Place::Body => ("im Inhalt der Anfrage".to_string(), "in the request body".to_string()),
    };
    let en_text = format!("The request contains a NUL character (%00) {en}; no input may hold one.");
    if api {
        return crate::http::accounts::api::problem(StatusCode::BAD_REQUEST, &en_text);
    }
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("Ungültige Anfrage: Sie enthält ein NUL-Zeichen (%00) {de}.\n\nBad request: {en_text}\n"),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_is_found_wherever_it_hides() {
        let uri = |s: &str| s.parse::<http::Uri>().unwrap();
        assert_eq!(in_uri(&uri("/software/a%00b")), Some(Place::Path));
        assert_eq!(in_uri(&uri("/software?q=a%00&x=1")), Some(Place::Parameter("q".into())));
        assert_eq!(in_uri(&uri("/software?q=a+b&lizenz=MIT")), None);
        assert_eq!(in_form(b"name=x&email=a%00b"), Some(Place::Field("email".into())));
        assert_eq!(in_form(b"name=Kiel%20%25"), None);
        assert_eq!(in_json(br#"{"url":"x\u0000"}"#), Some(Place::Body));
        assert_eq!(in_json(br#"{"url":"x\\u0000"}"#), None);
        assert_eq!(in_json(b"{\"url\":\"x\0\"}"), Some(Place::Body));
    }
}
