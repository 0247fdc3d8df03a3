//! One post's moderation: `…/beitraege/:post/melden`, where anyone signed
//! in who reads the group flags it for the moderators, and
//! `…/beitraege/:post/moderieren`, where the moderators read its flags,
//! hide it with a reason (or show it again) and dismiss the flags.

use super::dto::{ModeratedPost, PostModerationData};
use super::model::{post_path, thread_path, FlagReason};
use crate::accounts::dto::format_timestamp;
use crate::components::loaded_page;
use crate::error::AppError;
use crate::forms::{use_flash, ChoiceField, ErrorSummary, Flash, SubmitButton, TextArea, TextField};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

pub const FLAG_FORM: &str = "group-flag";
pub const HIDE_FORM: &str = "group-hide";

#[server(prefix = "/api/fn", endpoint = "group_post_moderation")]
pub async fn fetch_post_moderation(slug: String, thread: u32, number: u32) -> Result<PostModerationData, AppError> {
    let viewer = crate::request::require_viewer()?;
    crate::ports::services()?
        .groups
        .post_moderation(&viewer, &slug, thread, number)
        .await
}

fn load() -> OnceResource<Result<PostModerationData, AppError>> {
    let params = use_params_map().get_untracked();
    let slug = params.get("slug").unwrap_or_default();
    let thread = params.get("number").and_then(|n| n.parse().ok()).unwrap_or(0);
    let number = params.get("post").and_then(|n| n.parse().ok()).unwrap_or(0);
    OnceResource::new(fetch_post_moderation(slug, thread, number))
}

/// The post as the moderation pages show it, with the way back to it.
pub fn post_box(i18n: I18n, slug: &str, post: &ModeratedPost) -> impl IntoView {
    let link = post_path(slug, post.thread, post.number);
    let number = post.number.to_string();
    let heading = i18n.t_with("groups.moderation.post", &[("number", &number), ("name", &post.author)]);
    view! {
        <article class="post">
            <h2 class="kern-heading kern-heading-small"><a class="kern-link" href=link>{heading}</a></h2>
            <p class="kern-body kern-body--small">{post.thread_title.clone()}</p>
            {post.hidden.clone().map(|h| {
                let text = i18n.t_with("groups.post.hidden_by", &[("name", &h.by), ("reason", &h.reason)]);
                view! { <p class="kern-body post__hidden">{text}</p> }
            })}
            <div class="prose post__body" inner_html=post.body_html.clone()></div>
            {(!post.flags.is_empty()).then(|| {
                let flags = post.flags.iter().map(|f| view! {
                    <li>
                        <strong>{i18n.t(f.reason.label_key())}</strong>" · "{f.by.clone()}" · "
                        <time datetime=f.at.clone()>{format_timestamp(i18n.locale, &f.at)}</time>
                        {(!f.note.is_empty()).then(|| view! { <p class="kern-body">{f.note.clone()}</p> })}
                    </li>
                }).collect_view();
                view! {
                    <h3 class="kern-heading kern-heading-small">{i18n.t("groups.moderation.flags")}</h3>
                    <ul class="plain-list">{flags}</ul>
                }
            })}
        </article>
    }
}

#[component]
pub fn FlagPostPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let data = load();
    view! {
        <Title text=i18n.t("groups.flag.title") />
        <div class="kern-container page page--narrow">
            {loaded_page(data, i18n.t("groups.flag.title"), move |data| flag_form(i18n, data, flash.clone()))}
        </div>
    }
}

fn flag_form(i18n: I18n, data: PostModerationData, flash: Flash) -> impl IntoView {
    let slug = data.header.slug.clone();
    let form = flash.form(FLAG_FORM);
    let action = format!(
        "{}/beitraege/{}/melden",
        thread_path(&slug, data.post.thread),
        data.post.number
    );
    let reasons = FlagReason::ALL
        .iter()
        .map(|r| (r.code().to_owned(), i18n.t(r.label_key()).to_owned()))
        .collect::<Vec<_>>();
    view! {
        <h1 class="kern-heading kern-heading-x-large">{i18n.t("groups.flag.title")}</h1>
        <p class="kern-body">{i18n.t("groups.flag.intro")}</p>
        {post_box(i18n, &slug, &data.post)}
        {if data.flagged_by_you {
            view! { <p class="kern-body" role="status">{i18n.t("groups.flag.already")}</p> }.into_any()
        } else {
            view! {
                <ErrorSummary state=form.clone() prefix="group-flag" />
                <form method="post" action=action class="stack">
                    <ChoiceField state=form.clone() id="group-flag-reason".into() name="reason" label=i18n.t("groups.flag.reason") options=reasons />
                    <TextArea state=form id="group-flag-note".into() name="note" label=i18n.t("groups.flag.note") maxlength=500 />
                    <SubmitButton label=i18n.t("groups.flag.submit") />
                </form>
            }.into_any()
        }}
    }
}

#[component]
pub fn ModeratePostPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let data = load();
    view! {
        <Title text=i18n.t("groups.moderation.title") />
        <div class="kern-container page page--narrow">
            {loaded_page(data, i18n.t("groups.moderation.title"), move |data| moderate_forms(i18n, data, flash.clone()))}
        </div>
    }
}

fn moderate_forms(i18n: I18n, data: PostModerationData, flash: Flash) -> AnyView {
    if !data.may_moderate {
        return view! { <p class="kern-body">{i18n.t("groups.error.needs_moderator")}</p> }.into_any();
    }
    let slug = data.header.slug.clone();
    let base = format!(
        "{}/beitraege/{}",
        thread_path(&slug, data.post.thread),
        data.post.number
    );
    let form = flash.form(HIDE_FORM);
    let hidden = data.post.hidden.is_some();
    let has_flags = !data.post.flags.is_empty();
    view! {
        <h1 class="kern-heading kern-heading-x-large">{i18n.t("groups.moderation.title")}</h1>
        {post_box(i18n, &slug, &data.post)}
        <ErrorSummary state=form.clone() prefix="group-hide" />
        <form method="post" action=format!("{base}/ausblenden") class="stack">
            <input type="hidden" name="aktion" value=if hidden { "einblenden" } else { "ausblenden" } />
            <TextField state=form.clone() id="group-hide-reason".into() name="reason" maxlength=500 required=!hidden
                label=if hidden { i18n.t("groups.moderation.show_reason") } else { i18n.t("groups.moderation.hide_reason") } />
            <SubmitButton label=if hidden { i18n.t("groups.moderation.show") } else { i18n.t("groups.moderation.hide") } />
        </form>
        {has_flags.then(|| view! {
            <form method="post" action=format!("{base}/meldungen-zurueckweisen") class="stack">
                <TextField state=form.clone() id="group-dismiss-reason".into() name="reason" maxlength=500 required=false
                    label=i18n.t("groups.moderation.dismiss_reason") />
                <SubmitButton label=i18n.t("groups.moderation.dismiss") class="kern-btn kern-btn--secondary" />
            </form>
        })}
    }
    .into_any()
}
