use axum::{body::Body, response::Response};
use http::{header, StatusCode};
use std::any::Any;

/// The page for a failure inside a handler: logged in full, shown to the
/// reader in both languages without detail (the locale is unknown here).
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown");
    tracing::error!(panic = detail, "handler panicked");
    Response::builder()
        .status(StatusCode::INTERNAL_SERVER_ERROR)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(INTERNAL_ERROR_PAGE))
        .expect("static response")
}

const INTERNAL_ERROR_PAGE: &str = r#"<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Interner Fehler – Allmende</title>
<link rel="stylesheet" href="/vendor/kern/kern.min.css">
<link rel="stylesheet" href="/pkg/allmende.css">
</head>
<body>
<main id="inhalt" class="kern-container page">
<h1 class="kern-heading kern-heading-x-large">Interner Fehler</h1>
<p class="kern-body">Ein unerwarteter Fehler ist aufgetreten. Er wurde protokolliert; bitte versuchen Sie es später erneut.</p>
<p class="kern-body"><a class="kern-link" href="/">Zur Startseite</a></p>
<div lang="en">
<h2 class="kern-heading kern-heading-medium">Internal error</h2>
<p class="kern-body">An unexpected error occurred. It has been logged; please try again later.</p>
<p class="kern-body"><a class="kern-link" href="/">Back to the home page</a></p>
</div>
</main>
</body>
</html>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_500_page() {
        let response = panic_response(Box::new("boom".to_owned()));
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
        // Both languages, the German one as the document language, no detail.
        assert!(
            INTERNAL_ERROR_PAGE.contains(r#"<html lang="de">"#) && INTERNAL_ERROR_PAGE.contains(r#"<div lang="en">"#)
        );
        assert!(INTERNAL_ERROR_PAGE.contains(r#"<main id="inhalt""#));
        assert!(!INTERNAL_ERROR_PAGE.contains("boom"));
    }
}
