use super::api::fetch_organisation_form;
use super::dto::{OrganisationKind, LAENDER};
use super::editing::OrganisationForm;
use crate::components::loaded;
use crate::error::AppError;
use crate::forms::{use_flash, ErrorSummary, FormState, HiddenField, SubmitButton, TextField};
use crate::i18n::use_i18n;
use crate::pages::ErrorPanel;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/verwaltungen/neu`: registers an administration (unverified until a site
/// administrator checks it), with the reader as its owner.
#[component]
pub fn NewOrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_flash().form("organisation");
    view! {
        <Title text=i18n.t("organisations.new") />
        <div class="kern-container page page--narrow">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("organisations.new")}</h1>
            {match crate::request::viewer() {
                None => view! { <ErrorPanel error=AppError::Unauthenticated /> }.into_any(),
                Some(_) => view! {
                    <p class="kern-body">{i18n.t("organisations.new_intro")}</p>
                    <OrganisationFields action="/verwaltungen".into() initial=OrganisationForm::default() state creating=true />
                }
                .into_any(),
            }}
        </div>
    }
}

/// `/verwaltungen/:slug/bearbeiten`: the organisation's details, for its
/// owners and site administrators.
#[component]
pub fn EditOrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_flash().form("organisation");
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let form = OnceResource::new(fetch_organisation_form(slug.clone()));
    view! {
        <Title text=i18n.t("organisations.edit") />
        <div class="kern-container page page--narrow">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("organisations.edit")}</h1>
            {loaded(form, move |initial| {
                let action = format!("/verwaltungen/{}/bearbeiten", initial.slug);
                view! {
                    {initial.verified.then(|| view! { <p class="kern-body">{i18n.t("organisations.verified_note")}</p> })}
                    <OrganisationFields action initial state=state.clone() creating=false />
                }
            })}
        </div>
    }
}

#[component]
fn OrganisationFields(
    action: String,
    initial: OrganisationForm,
    state: Option<FormState>,
    creating: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    // After a refused submission the typed values win over the stored ones.
    let value = {
        let state = state.clone();
        let initial = initial.clone();
        move |name: &str| -> String {
            state
                .as_ref()
                .and_then(|s| s.value(name))
                .map(str::to_owned)
                .unwrap_or_else(|| initial.field(name).to_owned())
        }
    };
    let select_error = |name: &str| state.as_ref().and_then(|s| s.error(name)).map(|k| i18n.text(k));
    let kind = value("kind");
    let land = value("land");
    let kind_error = select_error("kind");
    let land_error = select_error("land");
    let text = |name: &'static str, label: &'static str, hint: Option<&'static str>, required: bool, max: u32| {
        let id = format!("organisation-{name}");
        match hint {
            Some(hint) => {
                view! { <TextField state=state.clone() id name label value=value(name) required maxlength=max hint /> }
                    .into_any()
            }
            None => view! { <TextField state=state.clone() id name label value=value(name) required maxlength=max /> }
                .into_any(),
        }
    };
    view! {
        <ErrorSummary state=state.clone() prefix="organisation" />
        <form method="post" action=action class="stack">
            <HiddenField name="version" value=initial.version.to_string() />
            {text("name_de", i18n.t("organisations.name_de"), None, true, 300)}
            {text("name_en", i18n.t("organisations.name_en"), None, false, 300)}
            {text("short_name", i18n.t("directory.detail.short_name"), None, false, 60)}
            {text("slug", i18n.t("organisations.slug"), Some(if creating { i18n.t("organisations.slug_hint") } else { i18n.t("organisations.slug_hint_edit") }), true, 80)}
            <div class="kern-form-input">
                <label class="kern-label" for="organisation-kind">{i18n.t("directory.table.kind")}</label>
                {kind_error.clone().map(|e| view! { <p class="kern-error" id="organisation-kind-error"><span class="kern-body">{e}</span></p> })}
                <div class="kern-form-input__select-wrapper">
                    <select class="kern-form-input__select" id="organisation-kind" name="kind" aria-describedby=kind_error.is_some().then_some("organisation-kind-error")>
                        {OrganisationKind::ALL.into_iter().map(|k| view! { <option value=k.code() selected=kind == k.code()>{i18n.t(k.label_key())}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="kern-form-input">
                <label class="kern-label" for="organisation-land">{i18n.t("directory.table.land")}<span class="kern-label__optional">{format!(" – {}", i18n.t("form.optional"))}</span></label>
                {land_error.clone().map(|e| view! { <p class="kern-error" id="organisation-land-error"><span class="kern-body">{e}</span></p> })}
                <div class="kern-form-input__select-wrapper">
                    <select class="kern-form-input__select" id="organisation-land" name="land" aria-describedby=land_error.is_some().then_some("organisation-land-error")>
                        <option value="">{i18n.t("organisations.no_land")}</option>
                        {LAENDER.into_iter().map(|(code, name)| view! { <option value=code selected=land == code>{name}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            {text("parent", i18n.t("organisations.parent"), Some(i18n.t("organisations.parent_hint")), false, 80)}
            {text("ars", i18n.t("directory.detail.ars"), Some(i18n.t("organisations.ars_hint")), false, 12)}
            {text("leitweg_id", i18n.t("directory.detail.leitweg_id"), Some(i18n.t("organisations.leitweg_hint")), false, 46)}
            {text("uri", i18n.t("organisations.uri"), Some(i18n.t("organisations.uri_hint")), false, 500)}
            {text("website", i18n.t("directory.detail.website"), None, false, 500)}
            {text("contact_email", i18n.t("organisations.contact_email"), None, false, 254)}
            <SubmitButton label=if creating { i18n.t("organisations.create") } else { i18n.t("form.save") } />
        </form>
    }
}
