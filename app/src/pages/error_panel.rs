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
    view! {
        <div class="kern-alert kern-alert--danger" role="alert">
            <div class="kern-alert__header">
                <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
                <span class="kern-title">{i18n.t("error.title")}</span>
            </div>
            <div class="kern-alert__body">
                <p class="kern-body">{i18n.t(error.message_key())}</p>
            </div>
        </div>
    }
}
