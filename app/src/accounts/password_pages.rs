use crate::forms::{use_flash, ErrorSummary, HiddenField, SubmitButton, TextField};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn token() -> String {
    use_query_map().get_untracked().get("token").unwrap_or_default()
}

/// `/bestaetigen?token=…`: the link from the verification mail. Confirming
/// is a button (a POST), so that a mail scanner opening the link confirms
/// nothing.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let state = flash.form("verify");
    view! {
        <Title text=i18n.t("verify.title") />
        <div class="kern-container page page--narrow">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("verify.title")}</h1>
            <ErrorSummary state=state.clone() prefix="verify" />
            <p class="kern-body">{i18n.t("verify.intro")}</p>
            <form method="post" action="/bestaetigen">
                <HiddenField name="token" value=token() />
                <SubmitButton label=i18n.t("verify.submit") />
            </form>
        </div>
    }
}

/// `/passwort-vergessen`: asks for the address to send a reset link to.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let state = flash.form("forgot");
    view! {
        <Title text=i18n.t("forgot.title") />
        <div class="kern-container page page--narrow">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("forgot.title")}</h1>
            <p class="kern-body">{i18n.t("forgot.intro")}</p>
            <ErrorSummary state=state.clone() prefix="forgot" />
            <form method="post" action="/passwort-vergessen" class="stack">
                <TextField state=state.clone() id="forgot-email".into() name="email" label=i18n.t("form.email") input_type="email" autocomplete="email" maxlength=254 />
                <SubmitButton label=i18n.t("forgot.submit") />
            </form>
        </div>
    }
}

/// `/passwort-neu?token=…`: the link from the reset mail.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let state = flash.form("reset");
    view! {
        <Title text=i18n.t("reset.title") />
        <div class="kern-container page page--narrow">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("reset.title")}</h1>
            <ErrorSummary state=state.clone() prefix="reset" />
            <form method="post" action="/passwort-neu" class="stack">
                <HiddenField name="token" value=token() />
                <TextField state=state.clone() id="reset-password".into() name="password" label=i18n.t("form.new_password") input_type="password" autocomplete="new-password" hint=i18n.t("form.password_hint") />
                <TextField state=state.clone() id="reset-password_repeat".into() name="password_repeat" label=i18n.t("form.password_repeat") input_type="password" autocomplete="new-password" />
                <SubmitButton label=i18n.t("reset.submit") />
            </form>
        </div>
    }
}
