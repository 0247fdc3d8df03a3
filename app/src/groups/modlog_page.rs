//! `/arbeitsgruppen/:slug/moderationsprotokoll`: who moderated what, when
//! and why, for everyone who reads the group; and `/arbeitsgruppen/:slug/pruefen`,
//! the moderators' queue of flagged posts.

use super::dto::{ModLogPage, ReviewPage};
use super::group_page::visibility_badge;
use super::model::{group_path, post_path, thread_path};
use super::post_moderation_pages::post_box;
use crate::accounts::dto::format_timestamp;
use crate::components::{loaded_page, Table};
use crate::error::AppError;
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[server(prefix = "/api/fn", endpoint = "group_modlog")]
pub async fn fetch_modlog(slug: String) -> Result<ModLogPage, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .groups
        .moderation_log(viewer.as_ref(), &slug)
        .await
}

#[server(prefix = "/api/fn", endpoint = "group_review")]
pub async fn fetch_review(slug: String) -> Result<ReviewPage, AppError> {
    let viewer = crate::request::require_viewer()?;
    crate::ports::services()?.groups.review_queue(&viewer, &slug).await
}

#[component]
pub fn ModLogPageView() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let data = OnceResource::new(fetch_modlog(slug));
    view! {
        <Title text=i18n.t("groups.modlog.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("groups.modlog.title"), move |data| modlog(i18n, data))}
        </div>
    }
}

fn modlog(i18n: I18n, data: ModLogPage) -> impl IntoView {
    let slug = data.header.slug.clone();
    let headers = vec![
        i18n.t("groups.modlog.when"),
        i18n.t("groups.modlog.who"),
        i18n.t("groups.modlog.what"),
        i18n.t("groups.modlog.where"),
        i18n.t("groups.modlog.why"),
    ];
    let rows = data
        .entries
        .iter()
        .map(|e| {
            let place = e.thread.clone().map(|(number, title)| {
                let href = match e.post {
                    Some(post) => post_path(&slug, number, post),
                    None => thread_path(&slug, number),
                };
                let text = match e.post {
                    Some(post) => format!("{title}, #{post}"),
                    None => title,
                };
                view! { <a class="kern-link" href=href>{text}</a> }
            });
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell"><time datetime=e.at.clone()>{format_timestamp(i18n.locale, &e.at)}</time></td>
                    <td class="kern-table__cell">{e.moderator.clone()}</td>
                    <td class="kern-table__cell">{i18n.t(e.action.label_key())}</td>
                    <td class="kern-table__cell">{place}</td>
                    <td class="kern-table__cell">{e.reason.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="kern-body"><a class="kern-link" href=group_path(&slug)>{data.header.name.clone()}</a></p>
        <h1 class="kern-heading kern-heading-x-large">{i18n.t("groups.modlog.title")}</h1>
        {visibility_badge(i18n, data.header.visibility)}
        <p class="kern-body">{i18n.t("groups.modlog.intro")}</p>
        {if data.entries.is_empty() {
            view! { <p class="kern-body">{i18n.t("groups.modlog.empty")}</p> }.into_any()
        } else {
            view! { <Table caption=i18n.t("groups.modlog.caption") headers>{rows}</Table> }.into_any()
        }}
    }
}

#[component]
pub fn ReviewPageView() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let data = OnceResource::new(fetch_review(slug));
    view! {
        <Title text=i18n.t("groups.review.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("groups.review.title"), move |data| review(i18n, data))}
        </div>
    }
}

fn review(i18n: I18n, data: ReviewPage) -> impl IntoView {
    let slug = data.header.slug.clone();
    let posts = data
        .posts
        .iter()
        .map(|p| {
            let moderate = format!("{}/beitraege/{}/moderieren", thread_path(&slug, p.thread), p.number);
            let label = i18n.t_with("groups.review.moderate_named", &[("number", &p.number.to_string())]);
            view! {
                <li>
                    {post_box(i18n, &slug, p)}
                    <p class="kern-body"><a class="kern-link" href=moderate aria-label=label>{i18n.t("groups.review.moderate")}</a></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="kern-body"><a class="kern-link" href=group_path(&slug)>{data.header.name.clone()}</a></p>
        <h1 class="kern-heading kern-heading-x-large">{i18n.t("groups.review.title")}</h1>
        {if data.posts.is_empty() {
            view! { <p class="kern-body">{i18n.t("groups.review.empty")}</p> }.into_any()
        } else {
            view! { <ul class="post-list">{posts}</ul> }.into_any()
        }}
    }
}
