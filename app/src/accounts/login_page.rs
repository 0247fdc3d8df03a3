use super::api::fetch_login_options;
use crate::components::loaded;
use crate::forms::{use_flash, ErrorSummary, HiddenField, SubmitButton, TextField};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/anmelden`: the identity providers the operator configured, and e-mail
/// and password when local accounts are on.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let state = flash.form("login");
    let back = use_query_map().get_untracked().get("zurueck").unwrap_or_default();
    let viewer = crate::request::viewer();
    let options = OnceResource::new(fetch_login_options());
    view! {
        <Title text=i18n.t("login.title") />
        <div class="kern-container page page--narrow">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("login.title")}</h1>
            {viewer.map(|v| view! {
                <p class="kern-body">
                    {i18n.t_with("login.already", &[("name", &v.display_name)])}" "
                    <a class="kern-link" href="/konto">{i18n.t("nav.account")}</a>
                </p>
            })}
            {loaded(options, move |options| {
                let back = back.clone();
                let state = state.clone();
                let providers = (!options.providers.is_empty()).then(|| {
                    let back = back.clone();
                    view! {
                        <section aria-labelledby="login-providers">
                            <h2 class="kern-heading kern-heading-medium" id="login-providers">{i18n.t("login.providers")}</h2>
                            <ul class="plain-list">
                                {options.providers.into_iter().map(|p| {
                                    let label = i18n.t_with("login.with", &[("provider", &p.name)]);
                                    view! {
                                        <li>
                                            <form method="post" action=format!("/anmelden/oidc/{}", p.id)>
                                                <HiddenField name="zurueck" value=back.clone() />
                                                <button class="kern-btn kern-btn--secondary" type="submit">
                                                    <span class="kern-label">{label}</span>
                                                </button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                });
                let local = options.local_accounts.then(|| view! {
                    <section aria-labelledby="login-local">
                        <h2 class="kern-heading kern-heading-medium" id="login-local">{i18n.t("login.local")}</h2>
                        <ErrorSummary state=state.clone() prefix="login" />
                        <form method="post" action="/anmelden" class="stack">
                            <HiddenField name="zurueck" value=back.clone() />
                            <TextField state=state.clone() id="login-email".into() name="email" label=i18n.t("form.email") input_type="email" autocomplete="username" maxlength=254 />
                            <TextField state=state.clone() id="login-password".into() name="password" label=i18n.t("form.password") input_type="password" autocomplete="current-password" />
                            <SubmitButton label=i18n.t("login.submit") />
                        </form>
                        <p class="kern-body">
                            <a class="kern-link" href="/passwort-vergessen">{i18n.t("login.forgot")}</a>
                        </p>
                        <p class="kern-body">
                            {i18n.t("login.no_account")}" "
                            <a class="kern-link" href="/registrieren">{i18n.t("register.title")}</a>
                        </p>
                    </section>
                });
                let none = (providers.is_none() && local.is_none()).then(|| view! {
                    <p class="kern-body">{i18n.t("login.none")}</p>
                });
                view! { {providers} {local} {none} }
            })}
        </div>
    }
}
