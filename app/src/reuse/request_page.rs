//! `/software/:slug/nachnutzung-anfragen`: an administration asks the
//! entry's provider to reuse it; the agreement starts as "interest
//! expressed" and the provider's publishers are told.

use super::dto::ReuseRequestForm;
use super::terms::AgreementKind;
use crate::components::loaded_page;
use crate::error::AppError;
use crate::forms::{use_flash, ChoiceField, ErrorSummary, Flash, SubmitButton, TextArea};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[server(prefix = "/api/fn", endpoint = "reuse_request_form")]
pub async fn fetch_reuse_request_form(slug: String) -> Result<ReuseRequestForm, AppError> {
    let viewer = crate::request::require_viewer()?;
    crate::ports::services()?.reuse.request_form(&viewer, &slug).await
}

#[component]
pub fn ReuseRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let data = OnceResource::new(fetch_reuse_request_form(slug));
    view! {
        <Title text=i18n.t("reuse.request.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("reuse.request.title"), move |data| request_form(data, flash.clone()))}
        </div>
    }
}

fn request_form(data: ReuseRequestForm, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let form = flash.form("reuse-request");
    let organisations = data.organisations.clone();
    let kinds = AgreementKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), i18n.t(k.label_key()).to_owned()))
        .collect::<Vec<_>>();
    let back = format!("/software/{}", data.software_slug);
    view! {
        <hgroup class="kern-hgroup">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("reuse.request.title")}</h1>
            <p class="kern-subline"><a class="kern-link" href=back.clone()>{data.software_name.clone()}</a></p>
        </hgroup>
        <p class="kern-body">{i18n.t_with("reuse.request.intro", &[("provider", &data.provider_name)])}</p>
        {if data.organisations.is_empty() {
            view! { <p class="kern-body">{i18n.t("reuse.request.no_organisation")}</p> }.into_any()
        } else {
            view! {
                <ErrorSummary state=form.clone() prefix="reuse-request" />
                <form method="post" action=format!("/software/{}/nachnutzung-anfragen", data.software_slug) class="stack">
                    <ChoiceField state=form.clone() id="reuse-request-organisation".into() name="organisation"
                        label=i18n.t("reuse.request.organisation") options=organisations />
                    <ChoiceField state=form.clone() id="reuse-request-kind".into() name="kind"
                        label=i18n.t("reuse.request.kind") options=kinds
                        selected=AgreementKind::CooperationAgreement.code().to_owned() />
                    <TextArea state=form.clone() id="reuse-request-message".into() name="message"
                        label=i18n.t("reuse.request.message") maxlength=4000 />
                    <SubmitButton label=i18n.t("reuse.request.submit") />
                </form>
            }.into_any()
        }}
    }
}
