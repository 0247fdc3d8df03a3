use super::ErrorPanel;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page a refused or failed form action shows (the server renders it
/// with the error as a request extension); visited directly, a 404.
#[component]
pub fn ErrorPage() -> impl IntoView {
    let i18n = use_i18n();
    let error = crate::request::request_extension::<AppError>().unwrap_or(AppError::NotFound);
    let title = match error {
        AppError::NotFound => i18n.t("error.not_found.title"),
        AppError::Forbidden => i18n.t("error.forbidden.title"),
        AppError::Unauthenticated => i18n.t("error.unauthenticated.title"),
        _ => i18n.t("error.title"),
    };
    view! {
        <Title text=title />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{title}</h1>
            <ErrorPanel error />
            <p class="kern-body"><a class="kern-link" href="/">{i18n.t("error.back_home")}</a></p>
        </div>
    }
}
