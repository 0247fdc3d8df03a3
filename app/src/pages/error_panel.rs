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
    view! { <Alert kind=AlertKind::Danger title=i18n.t("error.title") text=i18n.t(error.message_key()) /> }
}
