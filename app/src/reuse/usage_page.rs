//! `/software/:slug/nutzung`: a member declares that their organisation
//! uses the entry (or updates and renews what it declared). A plain form
//! post, so that it works without JavaScript.

use super::usage::{UsageFormData, UsageView, INSTANCE_URL_MAX, USE_CASE_MAX, VERSION_MAX};
use crate::components::loaded_page;
use crate::error::AppError;
use crate::forms::{use_flash, ChoiceField, ErrorSummary, Flash, SubmitButton, TextArea, TextField};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The form's name in the flash, and its fields' id prefix.
pub const FORM: &str = "usage";

#[server(prefix = "/api/fn", endpoint = "usage_form")]
pub async fn fetch_usage_form(slug: String) -> Result<UsageFormData, AppError> {
    let viewer = crate::request::require_viewer()?;
    crate::ports::services()?.reuse.usage_form(&viewer, &slug).await
}

#[component]
pub fn UsagePage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let data = OnceResource::new(fetch_usage_form(slug));
    view! {
        <Title text=i18n.t("reuse.usage.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("reuse.usage.title"), move |data| usage_form(data, flash.clone()))}
        </div>
    }
}

fn usage_form(data: UsageFormData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let form = flash.form(FORM);
    // The first existing declaration fills the form: declaring again
    // updates it.
    let current: Option<UsageView> = data.existing.first().cloned();
    let back = format!("/software/{}", data.software_slug);
    let months = data.valid_months.to_string();
    let selected_org = current.as_ref().and_then(|c| {
        data.organisations
            .iter()
            .find(|(_, name)| *name == c.organisation.name)
            .map(|(id, _)| id.clone())
    });
    let public = current.as_ref().is_some_and(|c| c.instance_public);
    let public = form.as_ref().map_or(public, |f| f.value("instance_public").is_some());
    let remind = form.as_ref().is_none_or(|f| f.value("remind").is_some());
    view! {
        <hgroup class="kern-hgroup">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("reuse.usage.title")}</h1>
            <p class="kern-subline"><a class="kern-link" href=back.clone()>{data.software_name.clone()}</a></p>
        </hgroup>
        <p class="kern-body">{i18n.t_with("reuse.usage.intro", &[("months", &months)])}</p>
        {current.as_ref().map(|c| view! {
            <p class="kern-body">{i18n.t_with("reuse.usage.existing", &[("organisation", &c.organisation.name)])}</p>
        })}
        {if data.organisations.is_empty() {
            view! { <p class="kern-body">{i18n.t("reuse.usage.no_organisation")}</p> }.into_any()
        } else {
            view! {
                <ErrorSummary state=form.clone() prefix="usage" />
                <form method="post" action=format!("/software/{}/nutzung", data.software_slug) class="stack">
                    <ChoiceField state=form.clone() id="usage-organisation".into() name="organisation"
                        label=i18n.t("reuse.usage.organisation") options=data.organisations.clone()
                        selected=selected_org.unwrap_or_default() />
                    <TextField state=form.clone() id="usage-version".into() name="version"
                        label=i18n.t("reuse.usage.version") hint=i18n.t("reuse.usage.version_hint")
                        maxlength=VERSION_MAX as u32 value=current.as_ref().map(|c| c.version.clone()).unwrap_or_default() />
                    <TextArea state=form.clone() id="usage-use_case".into() name="use_case" required=true
                        label=i18n.t("reuse.usage.use_case") maxlength=USE_CASE_MAX as u32
                        value=current.as_ref().map(|c| c.use_case.clone()).unwrap_or_default() />
                    <ChoiceField state=form.clone() id="usage-contact".into() name="contact"
                        label=i18n.t("reuse.usage.contact") options=data.contacts.clone() />
                    <TextField state=form.clone() id="usage-instance_url".into() name="instance_url"
                        label=i18n.t("reuse.usage.instance") hint=i18n.t("reuse.usage.instance_hint")
                        input_type="url" required=false maxlength=INSTANCE_URL_MAX as u32
                        value=current.as_ref().and_then(|c| c.instance_url.clone()).unwrap_or_default() />
                    <div class="kern-form-check">
                        <input class="kern-form-check__checkbox" type="checkbox" id="usage-instance_public"
                            name="instance_public" value="ja" checked=public />
                        <label class="kern-label" for="usage-instance_public">{i18n.t("reuse.usage.instance_public")}</label>
                    </div>
                    <div class="kern-form-check">
                        <input class="kern-form-check__checkbox" type="checkbox" id="usage-remind"
                            name="remind" value="ja" checked=remind />
                        <label class="kern-label" for="usage-remind">{i18n.t("reuse.usage.remind")}</label>
                    </div>
                    <SubmitButton label=i18n.t("reuse.usage.submit") />
                </form>
            }.into_any()
        }}
    }
}
