use crate::components::{Alert, AlertKind};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::request::set_status;
use leptos::prelude::*;

/// Tells the reader that a part of the page could not be loaded, and sets the
/// matching HTTP status on the server-rendered response.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    set_status(error.status());
    // A page that needs a signed-in reader offers the way there.
    let login = (error == AppError::Unauthenticated).then(|| {
        let back = current_path();
        view! { <p class="kern-body"><a class="kern-link" href=format!("/anmelden?zurueck={back}")>{i18n.t("login.title")}</a></p> }
    });
    view! {
        <Alert kind=AlertKind::Danger title=i18n.t("error.title") text=i18n.t(error.message_key()) />
        {login}
    }
}

fn current_path() -> String {
    let location = leptos_router::hooks::use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let full = if search.is_empty() {
        path
    } else {
        format!("{path}?{}", search.trim_start_matches('?'))
    };
    url_encode(&full)
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
