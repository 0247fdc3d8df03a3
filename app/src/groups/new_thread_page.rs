//! `/arbeitsgruppen/:slug/neues-thema`: a member starts a thread with its
//! first post.

use super::dto::GroupPageData;
use super::group_page::fetch_group;
use super::model::group_path;
use crate::components::loaded_page;
use crate::forms::{use_flash, ErrorSummary, Flash, SubmitButton, TextArea, TextField};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

pub const FORM: &str = "group-thread";

#[component]
pub fn NewThreadPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let data = OnceResource::new(fetch_group(slug, 1));
    view! {
        <Title text=i18n.t("groups.thread.new") />
        <div class="kern-container page page--narrow">
            {loaded_page(data, i18n.t("groups.thread.new"), move |data| form(i18n, data, flash.clone()))}
        </div>
    }
}

fn form(i18n: I18n, data: GroupPageData, flash: Flash) -> impl IntoView {
    let base = group_path(&data.header.slug);
    let form = flash.form(FORM);
    view! {
        <p class="kern-body"><a class="kern-link" href=base.clone()>{data.header.name.clone()}</a></p>
        <h1 class="kern-heading kern-heading-x-large">{i18n.t("groups.thread.new")}</h1>
        {if data.you.post {
            view! {
                <ErrorSummary state=form.clone() prefix="group-thread" />
                <form method="post" action=format!("{base}/neues-thema") class="stack">
                    <TextField state=form.clone() id="group-thread-title".into() name="title" label=i18n.t("groups.thread.title") maxlength=200 />
                    <TextArea state=form id="group-thread-body".into() name="body" label=i18n.t("groups.post.body")
                        required=true maxlength=20000 rows=10 hint=i18n.t("groups.post.markdown_hint") />
                    <SubmitButton label=i18n.t("groups.thread.submit") />
                </form>
            }.into_any()
        } else {
            view! { <p class="kern-body">{i18n.t("groups.thread.join_to_start")}</p> }.into_any()
        }}
    }
}
