use super::api::fetch_login_options;
use crate::components::loaded;
use crate::error::AppError;
use crate::forms::{use_flash, ErrorSummary, SubmitButton, TextField};
use crate::i18n::use_i18n;
use crate::pages::ErrorPanel;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/registrieren`: a local account, confirmed by a mail link.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let state = flash.form("register");
    let options = OnceResource::new(fetch_login_options());
    view! {
        <Title text=i18n.t("register.title") />
        <div class="kern-container page page--narrow">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("register.title")}</h1>
            {loaded(options, move |options| {
                if !options.local_accounts {
                    return view! { <ErrorPanel error=AppError::NotFound /> }.into_any();
                }
                let state = state.clone();
                view! {
                    <p class="kern-body">{i18n.t("register.intro")}</p>
                    <ErrorSummary state=state.clone() prefix="register" />
                    <form method="post" action="/registrieren" class="stack">
                        <TextField state=state.clone() id="register-display_name".into() name="display_name" label=i18n.t("form.display_name") autocomplete="name" maxlength=120 />
                        <TextField state=state.clone() id="register-email".into() name="email" label=i18n.t("form.email") input_type="email" autocomplete="email" maxlength=254 hint=i18n.t("register.email_hint") />
                        <TextField state=state.clone() id="register-password".into() name="password" label=i18n.t("form.new_password") input_type="password" autocomplete="new-password" hint=i18n.t("form.password_hint") />
                        <TextField state=state.clone() id="register-password_repeat".into() name="password_repeat" label=i18n.t("form.password_repeat") input_type="password" autocomplete="new-password" />
                        <SubmitButton label=i18n.t("register.submit") />
                    </form>
                }
                    .into_any()
            })}
        </div>
    }
}
