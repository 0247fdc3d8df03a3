//! `/arbeitsgruppen/neu`: founding a group; the founder becomes its chair.
//! `?software=<slug>` (the link on a software page) files it under that
//! entry; a member of a reuse agreement's party can make it the
//! agreement's steering circle.

use super::dto::NewGroupData;
use super::model::{Joining, Topic, Visibility};
use crate::components::loaded_page;
use crate::directory::dto::LAENDER;
use crate::error::AppError;
use crate::forms::{use_flash, ChoiceField, ErrorSummary, Flash, SubmitButton, TextArea, TextField};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub const FORM: &str = "group-new";

#[server(prefix = "/api/fn", endpoint = "new_group")]
pub async fn fetch_new_group(software: Option<String>) -> Result<NewGroupData, AppError> {
    let viewer = crate::request::require_viewer()?;
    crate::ports::services()?
        .groups
        .new_group(&viewer, software.as_deref())
        .await
}

#[component]
pub fn NewGroupPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let software = use_query_map().get_untracked().get("software");
    let data = OnceResource::new(fetch_new_group(software));
    view! {
        <Title text=i18n.t("groups.new.title") />
        <div class="kern-container page page--narrow">
            {loaded_page(data, i18n.t("groups.new.title"), move |data| form(i18n, data, flash.clone()))}
        </div>
    }
}

fn choices<T: Copy>(
    i18n: I18n,
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (code(*v).to_owned(), i18n.t(label(*v)).to_owned()))
        .collect()
}

fn form(i18n: I18n, data: NewGroupData, flash: Flash) -> impl IntoView {
    let form = flash.form(FORM);
    // A refused form keeps the ticked topics as one comma-separated value.
    let chosen_topics: Vec<String> = form
        .as_ref()
        .and_then(|f| f.value("topics"))
        .map(|v| v.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let topics = Topic::ALL
        .iter()
        .map(|t| {
            let id = format!("group-new-topic-{}", t.code());
            let checked = chosen_topics.iter().any(|c| c == t.code());
            view! {
                <div class="kern-form-check">
                    <input class="kern-form-check__checkbox" type="checkbox" id=id.clone() name="topics" value=t.code() checked=checked />
                    <label class="kern-label" for=id>{i18n.t(t.label_key())}</label>
                </div>
            }
        })
        .collect_view();
    let mut laender = vec![(String::new(), i18n.t("groups.new.no_land").to_owned())];
    laender.extend(LAENDER.iter().map(|(c, n)| ((*c).to_owned(), (*n).to_owned())));
    let mut agreements = vec![(String::new(), i18n.t("groups.new.no_agreement").to_owned())];
    agreements.extend(data.agreements.clone());
    view! {
        <h1 class="kern-heading kern-heading-x-large">{i18n.t("groups.new.title")}</h1>
        <p class="kern-body">{i18n.t("groups.new.intro")}</p>
        <ErrorSummary state=form.clone() prefix="group-new" />
        <form method="post" action="/arbeitsgruppen/neu" class="stack">
            <TextField state=form.clone() id="group-new-name".into() name="name" label=i18n.t("groups.new.name") maxlength=120 />
            <TextField state=form.clone() id="group-new-slug".into() name="slug" label=i18n.t("groups.new.slug")
                hint=i18n.t("groups.new.slug_hint") maxlength=80 required=false />
            <TextField state=form.clone() id="group-new-summary".into() name="summary" label=i18n.t("groups.new.summary") maxlength=300 />
            <TextArea state=form.clone() id="group-new-description".into() name="description" label=i18n.t("groups.new.description")
                maxlength=20000 rows=8 hint=i18n.t("groups.post.markdown_hint") />
            <ChoiceField state=form.clone() id="group-new-visibility".into() name="visibility" label=i18n.t("groups.visibility")
                options=choices(i18n, Visibility::ALL, Visibility::code, Visibility::label_key) selected=Visibility::Public.code().to_owned() />
            <ChoiceField state=form.clone() id="group-new-joining".into() name="joining" label=i18n.t("groups.joining")
                options=choices(i18n, Joining::ALL, Joining::code, Joining::label_key) selected=Joining::Open.code().to_owned() />
            <fieldset class="kern-fieldset" id="group-new-topics">
                <legend class="kern-label">{i18n.t("groups.topic")}</legend>
                <div class="kern-fieldset__body">{topics}</div>
            </fieldset>
            <ChoiceField state=form.clone() id="group-new-land".into() name="land" label=i18n.t("groups.land") options=laender />
            {match data.software.clone() {
                Some((slug, name)) => view! {
                    <input type="hidden" name="software" value=slug />
                    <p class="kern-body" id="group-new-software">{i18n.t_with("groups.new.about_software", &[("name", &name)])}</p>
                }.into_any(),
                None => ().into_any(),
            }}
            {(!data.agreements.is_empty()).then(|| view! {
                <ChoiceField state=form.clone() id="group-new-agreement".into() name="agreement" label=i18n.t("groups.agreement") options=agreements />
            })}
            <SubmitButton label=i18n.t("groups.new.submit") />
        </form>
    }
}
