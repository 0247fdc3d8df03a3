//! `/arbeitsgruppen/:slug/themen/:number/beitraege/:post/versionen`: a
//! post as it reads now and every text an edit replaced, for anyone who
//! may read the thread; its author and the moderators edit it here.

use super::dto::PostEditData;
use super::model::{post_path, thread_path};
use crate::accounts::dto::format_timestamp;
use crate::components::loaded_page;
use crate::error::AppError;
use crate::forms::{use_flash, ErrorSummary, Flash, SubmitButton, TextArea};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

pub const FORM: &str = "group-post-edit";

#[server(prefix = "/api/fn", endpoint = "group_post")]
pub async fn fetch_post(slug: String, thread: u32, number: u32) -> Result<PostEditData, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .groups
        .post(viewer.as_ref(), &slug, thread, number)
        .await
}

#[component]
pub fn PostVersionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let params = use_params_map().get_untracked();
    let slug = params.get("slug").unwrap_or_default();
    let thread = params.get("number").and_then(|n| n.parse().ok()).unwrap_or(0);
    let number = params.get("post").and_then(|n| n.parse().ok()).unwrap_or(0);
    let data = OnceResource::new(fetch_post(slug, thread, number));
    view! {
        <Title text=i18n.t("groups.versions.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("groups.versions.title"), move |data| versions(i18n, data, flash.clone()))}
        </div>
    }
}

fn versions(i18n: I18n, data: PostEditData, flash: Flash) -> impl IntoView {
    let number = data.number.to_string();
    let back = post_path(&data.header.slug, data.thread, data.number);
    let action = format!(
        "{}/beitraege/{}/bearbeiten",
        thread_path(&data.header.slug, data.thread),
        data.number
    );
    let form = flash.form(FORM);
    let history = data
        .history
        .iter()
        .map(|r| {
            let heading = i18n.t_with(
                "groups.versions.replaced",
                &[
                    ("editor", &r.editor),
                    ("time", &format_timestamp(i18n.locale, &r.edited_at)),
                ],
            );
            view! {
                <li>
                    <h3 class="kern-heading kern-heading-small">{heading}</h3>
                    <pre class="code-block post__source">{r.body_md.clone()}</pre>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="kern-body"><a class="kern-link" href=back>{data.thread_title.clone()}</a></p>
        <h1 class="kern-heading kern-heading-x-large">{i18n.t_with("groups.versions.heading", &[("number", &number)])}</h1>
        <h2 class="kern-heading kern-heading-medium">{i18n.t("groups.versions.current")}</h2>
        <pre class="code-block post__source">{data.body_md.clone()}</pre>
        {if data.history.is_empty() {
            view! { <p class="kern-body">{i18n.t("groups.versions.none")}</p> }.into_any()
        } else {
            view! {
                <h2 class="kern-heading kern-heading-medium">{i18n.t("groups.versions.earlier")}</h2>
                <ol class="plain-list">{history}</ol>
            }.into_any()
        }}
        {data.may_edit.then(|| view! {
            <section aria-labelledby="bearbeiten">
                <h2 class="kern-heading kern-heading-medium" id="bearbeiten">{i18n.t("groups.post.edit")}</h2>
                <ErrorSummary state=form.clone() prefix="group-post-edit" />
                <form method="post" action=action.clone() class="stack">
                    <TextArea state=form.clone() id="group-post-edit-body".into() name="body" label=i18n.t("groups.post.body")
                        required=true maxlength=20000 rows=10 value=data.body_md.clone() hint=i18n.t("groups.post.markdown_hint") />
                    <SubmitButton label=i18n.t("groups.post.save") />
                </form>
            </section>
        })}
    }
}
