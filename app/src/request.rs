//! What the server tells the page about the request being rendered.

#[cfg(feature = "ssr")]
use crate::i18n::Locale;

/// A value the server's layers put on the request being rendered (locale,
/// viewer, flash, error). Only the server renders the parts that ask; in the
/// browser there is none.
pub fn request_extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<T>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The locale the server negotiated for this request (cookie, then
/// `Accept-Language`).
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    request_extension::<Locale>().unwrap_or_default()
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

/// The signed-in person, as the server's session layer found them.
pub fn viewer() -> Option<crate::accounts::dto::Viewer> {
    request_extension()
}

/// The viewer, or `Unauthenticated` for a page that needs one.
#[cfg(feature = "ssr")]
pub fn require_viewer() -> Result<crate::accounts::dto::Viewer, crate::error::AppError> {
    viewer().ok_or(crate::error::AppError::Unauthenticated)
}
