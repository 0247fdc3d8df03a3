use crate::i18n::use_i18n;
use crate::request::set_status;
use leptos::prelude::*;
use leptos_meta::Title;

/// Any URL without a page: says so with status 404 and offers a way on.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    set_status(404);
    view! {
        <Title text=i18n.t("error.not_found.title") />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("error.not_found.title")}</h1>
            <p class="kern-body">{i18n.t("error.not_found.text")}</p>
            <p class="kern-body">
                <a class="kern-link" href="/">{i18n.t("error.back_home")}</a>
            </p>
        </div>
    }
}
