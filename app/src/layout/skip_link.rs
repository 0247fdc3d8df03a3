use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The first focusable element: jumps over header and navigation (WCAG 2.4.1).
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link kern-link" href=format!("#{}", super::MAIN_ID)>{i18n.t("layout.skip_link")}</a>
    }
}
