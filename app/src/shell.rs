//! The HTML document around the app, rendered on the server only.

use crate::app::App;
use crate::request::request_locale;
use leptos::prelude::*;
use leptos_meta::MetaTags;

/// Origins a form may be sent on to besides this site: the configured
/// identity providers, since the login form's answer redirects there and
/// browsers apply `form-action` to redirects too.
#[derive(Clone, Debug, Default)]
pub struct FormActionOrigins(pub Vec<String>);

/// The page's Content-Security-Policy: scripts only with this response's
/// nonce (Leptos' hydration script carries it), nothing from other hosts.
pub fn content_security_policy(nonce: Option<&str>, form_origins: &[String]) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'"),
        None => "'none'".to_owned(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; form-action 'self'{}; frame-ancestors 'none'; \
         base-uri 'none'; object-src 'none'",
        form_origins.iter().map(|o| format!(" {o}")).collect::<String>()
    )
}

/// The pages that hold an island. Only they load the wasm bundle: every other
/// page is complete without it, and the bundle carries the publiccode.yml
/// validator (about 150 KB compressed). An island on a page missing here
/// still renders and works as plain HTML; it just does not become live.
pub const ISLAND_PAGES: &[&str] = &["/software/veroeffentlichen"];

fn page_has_islands() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| ISLAND_PAGES.contains(&parts.uri.path()))
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = request_locale();
    let islands = page_has_islands();
    let nonce = leptos::nonce::use_nonce();
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let origins = use_context::<FormActionOrigins>().unwrap_or_default();
        let policy = content_security_policy(nonce.as_deref(), &origins.0);
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href="/vendor/kern/kern.min.css" />
                <link rel="stylesheet" href=format!("/pkg/{}.css", options.output_name) />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                {islands.then(|| view! { <HydrationScripts options islands=true /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}
