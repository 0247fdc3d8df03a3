//! The page behind a mail's unsubscribe link: following the link changes
//! nothing (mail scanners follow links); the button does. `/abbestellt`
//! confirms it.

use crate::forms::SubmitButton;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let i18n = use_i18n();
    let key = use_query_map().get_untracked().get("key").unwrap_or_default();
    view! {
        <Title text=i18n.t("unsubscribe.title") />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("unsubscribe.title")}</h1>
            <p class="kern-body">{i18n.t("unsubscribe.explain")}</p>
            <form method="post" action="/benachrichtigungen/abbestellen">
                <input type="hidden" name="key" value=key />
                <SubmitButton label=i18n.t("unsubscribe.confirm") />
            </form>
        </div>
    }
}

#[component]
pub fn UnsubscribedPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("unsubscribe.done_title") />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("unsubscribe.done_title")}</h1>
            <p class="kern-body">{i18n.t("unsubscribe.done")}</p>
            <p class="kern-body"><a class="kern-link" href="/benachrichtigungen#einstellungen">{i18n.t("unsubscribe.settings")}</a></p>
        </div>
    }
}
