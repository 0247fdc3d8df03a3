//! What the server tells the page about the request being rendered.

#[cfg(feature = "ssr")]
use crate::i18n::Locale;

/// The locale the server negotiated for this request (cookie, then
/// `Accept-Language`), carried as a request extension.
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Locale>().copied())
        .unwrap_or_default()
}

/// Sets the HTTP status of the page being rendered (no-op in the browser).
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(status) {
            response.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// The signed-in person, as the server's session layer found them (the
/// browser never renders the parts that ask).
pub fn viewer() -> Option<crate::accounts::dto::Viewer> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<crate::accounts::dto::Viewer>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The viewer, or `Unauthenticated` for a page that needs one.
#[cfg(feature = "ssr")]
pub fn require_viewer() -> Result<crate::accounts::dto::Viewer, crate::error::AppError> {
    viewer().ok_or(crate::error::AppError::Unauthenticated)
}
