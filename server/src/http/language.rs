use crate::state::AppState;
use app::i18n::{Locale, LOCALE_COOKIE};
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
    Form,
};
use http::{header::SET_COOKIE, HeaderValue, StatusCode};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    back: Option<String>,
}

/// The language switch: remembers the choice for a year and returns the
/// reader to the page they came from (a local path only: no open redirect).
pub async fn switch(State(state): State<AppState>, Form(form): Form<LanguageForm>) -> Response {
    let Some(locale) = Locale::from_tag(&form.lang) else {
        return (StatusCode::BAD_REQUEST, "lang: unsupported language").into_response();
    };
    let back = form.back.as_deref().filter(|b| is_local_path(b)).unwrap_or("/");
    let secure = if state.config.https() { "; Secure" } else { "" };
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        locale.tag()
    );
    let mut response = Redirect::to(back).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response
}

pub(crate) fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(|c| c.is_control())
        && path.len() <= 2048
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/katalog?q=x"));
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "katalog",
            "/a\r\nSet-Cookie: x",
        ] {
            assert!(!is_local_path(bad), "{bad}");
        }
    }
}
