//! `/arbeitsgruppen/:slug/themen/:number`: a thread, one page of its posts
//! in order, each under its stable anchor `#beitrag-N`; a reply shows the
//! start of the post it answers. The reply form and the moderators' pin
//! and lock are plain forms; "Antworten" is a link (`?antwort=N`) that
//! works without JavaScript.

use super::dto::{PostView, ThreadPageData};
use super::group_page::visibility_badge;
use super::model::{group_path, post_path, thread_path};
use crate::accounts::dto::format_timestamp;
use crate::components::{loaded_page, Pagination};
use crate::error::AppError;
use crate::forms::{use_flash, ErrorSummary, Flash, SubmitButton, TextArea};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The name of the reply form (its flash).
pub const REPLY_FORM: &str = "group-reply";

#[server(prefix = "/api/fn", endpoint = "group_thread")]
pub async fn fetch_thread(slug: String, number: u32, page: u32) -> Result<ThreadPageData, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .groups
        .thread(viewer.as_ref(), &slug, number, page)
        .await
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let params = use_params_map().get_untracked();
    let query = use_query_map().get_untracked();
    let slug = params.get("slug").unwrap_or_default();
    let number = params.get("number").and_then(|n| n.parse().ok()).unwrap_or(0);
    let page = query
        .get("seite")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let answering: Option<u32> = query.get("antwort").and_then(|p| p.parse().ok());
    let data = OnceResource::new(fetch_thread(slug, number, page));
    view! {
        <div class="kern-container page">
            {loaded_page(data, i18n.t("groups.thread.heading"), move |data| thread(i18n, data, answering, flash.clone()))}
        </div>
    }
}

fn thread(i18n: I18n, data: ThreadPageData, answering: Option<u32>, flash: Flash) -> impl IntoView {
    let slug = data.header.slug.clone();
    let here = thread_path(&slug, data.number);
    let href = |page: u32| {
        if page > 1 {
            format!("{here}?seite={page}")
        } else {
            here.clone()
        }
    };
    let posts = data
        .posts
        .iter()
        .cloned()
        .map(|p| {
            let may = Controls {
                reply: data.you.post && (!data.locked || data.you.moderate),
                flag: data.you.signed_in,
                moderate: data.you.moderate,
            };
            post(i18n, &slug, data.number, p, may)
        })
        .collect_view();
    let title = data.title.clone();
    view! {
        <Title text=title.clone() />
        <p class="kern-body"><a class="kern-link" href=group_path(&slug)>{data.header.name.clone()}</a></p>
        <h1 class="kern-heading kern-heading-x-large">{title}</h1>
        {visibility_badge(i18n, data.header.visibility)}
        <p class="badge-row">
            {data.pinned.then(|| view! { <span class="kern-badge kern-badge--info"><span class="kern-label kern-label--small">{i18n.t("groups.thread.pinned")}</span></span> })}
            {data.locked.then(|| view! { <span class="kern-badge kern-badge--warning"><span class="kern-label kern-label--small">{i18n.t("groups.thread.locked")}</span></span> })}
        </p>
        {data.you.moderate.then(|| moderation(i18n, &here, data.pinned, data.locked))}
        <ol class="post-list">{posts}</ol>
        <Pagination
            previous=(data.page > 1).then(|| href(data.page - 1))
            next=(data.page < data.pages).then(|| href(data.page + 1))
            position=(data.page, data.pages)
        />
        {reply_form(i18n, &data, answering, flash)}
    }
}

fn moderation(i18n: I18n, here: &str, pinned: bool, locked: bool) -> impl IntoView {
    let (pin_label, pin_value) = if pinned {
        (i18n.t("groups.thread.unpin"), "loesen")
    } else {
        (i18n.t("groups.thread.pin"), "anheften")
    };
    let (lock_label, lock_value) = if locked {
        (i18n.t("groups.thread.unlock"), "oeffnen")
    } else {
        (i18n.t("groups.thread.lock"), "sperren")
    };
    view! {
        <form method="post" action=format!("{here}/moderation") class="button-row" aria-label=i18n.t("groups.thread.moderation")>
            <SubmitButton label=pin_label class="kern-btn kern-btn--secondary kern-btn--small" name="aktion" value=pin_value.to_owned() />
            <SubmitButton label=lock_label class="kern-btn kern-btn--secondary kern-btn--small" name="aktion" value=lock_value.to_owned() />
        </form>
    }
}

/// What the reader may do with each post.
#[derive(Clone, Copy)]
struct Controls {
    reply: bool,
    flag: bool,
    moderate: bool,
}

fn post(i18n: I18n, slug: &str, thread: u32, post: PostView, may: Controls) -> impl IntoView {
    let anchor = format!("beitrag-{}", post.number);
    let heading_id = format!("{anchor}-kopf");
    let labelled = heading_id.clone();
    let permalink = post_path(slug, thread, post.number);
    let number = post.number.to_string();
    let base = format!("{}/beitraege/{}", thread_path(slug, thread), post.number);
    let versions = format!("{base}/versionen");
    let quoted = post.reply_to.clone().map(|q| {
        let link = post_path(slug, thread, q.number);
        let to = i18n.t_with(
            "groups.post.in_reply_to",
            &[("name", &q.author), ("number", &q.number.to_string())],
        );
        let excerpt = if q.hidden && q.excerpt.is_empty() {
            i18n.t("groups.post.quote_hidden").to_owned()
        } else {
            q.excerpt.clone()
        };
        view! {
            <blockquote class="post__quote">
                <p class="kern-body kern-body--small"><a class="kern-link" href=link>{to}</a></p>
                <p class="kern-body">{excerpt}</p>
            </blockquote>
        }
    });
    let hidden_note = post.hidden.clone().map(|h| {
        let text = i18n.t_with("groups.post.hidden_by", &[("name", &h.by), ("reason", &h.reason)]);
        view! { <p class="kern-body post__hidden">{text}</p> }
    });
    let reply = format!("{}?antwort={}#antworten", thread_path(slug, thread), post.number);
    let reply_label = i18n.t_with(
        "groups.post.reply_to_named",
        &[("name", &post.author), ("number", &number)],
    );
    let flag_label = i18n.t_with("groups.post.flag_named", &[("number", &number)]);
    let moderate_label = i18n.t_with("groups.post.moderate_named", &[("number", &number)]);
    let permalink_label = i18n.t_with("groups.post.permalink", &[("number", &number)]);
    let flag = may.flag && post.hidden.is_none();
    view! {
        <li class="post" id=anchor aria-labelledby=labelled>
            {post.first_unread.then(|| view! { <p class="kern-body post__new" id="neu">{i18n.t("groups.post.new_since")}</p> })}
            <article>
                <header class="post__head">
                    <h2 class="kern-heading kern-heading-small" id=heading_id>{post.author.clone()}</h2>
                    <p class="kern-body kern-body--small">
                        <a class="kern-link" href=permalink aria-label=permalink_label>{format!("#{number}")}</a>
                        " · " <time datetime=post.created_at.clone()>{format_timestamp(i18n.locale, &post.created_at)}</time>
                        {post.edited_at.clone().map(|_| view! { " · " <a class="kern-link" href=versions.clone()>{i18n.t("groups.post.edited")}</a> })}
                    </p>
                </header>
                {quoted}
                {hidden_note}
                {(!post.body_html.is_empty()).then(|| view! { <div class="prose post__body" inner_html=post.body_html.clone()></div> })}
                <p class="button-row">
                    {may.reply.then(|| view! { <a class="kern-link" href=reply aria-label=reply_label>{i18n.t("groups.post.reply")}</a> })}
                    {post.may_edit.then(|| view! { <a class="kern-link" href=format!("{versions}#bearbeiten")>{i18n.t("groups.post.edit")}</a> })}
                    {flag.then(|| view! { <a class="kern-link" href=format!("{base}/melden") aria-label=flag_label>{i18n.t("groups.post.flag")}</a> })}
                    {may.moderate.then(|| view! { <a class="kern-link" href=format!("{base}/moderieren") aria-label=moderate_label>{i18n.t("groups.post.moderate")}</a> })}
                </p>
            </article>
        </li>
    }
}

fn reply_form(i18n: I18n, data: &ThreadPageData, answering: Option<u32>, flash: Flash) -> AnyView {
    if data.locked && !data.you.moderate {
        return view! { <p class="kern-body" role="status">{i18n.t("groups.thread.locked_note")}</p> }.into_any();
    }
    if !data.you.post {
        let text = if data.you.signed_in {
            i18n.t("groups.thread.join_to_reply")
        } else {
            i18n.t("groups.thread.sign_in_to_reply")
        };
        return view! { <p class="kern-body">{text}</p> }.into_any();
    }
    let form = flash.form(REPLY_FORM);
    // After a refused reply the flash holds the post it answered.
    let answering = form
        .as_ref()
        .and_then(|f| f.value("reply_to"))
        .and_then(|v| v.parse().ok())
        .or(answering)
        .filter(|n| *n >= 1 && *n <= data.pages * super::model::POSTS_PER_PAGE);
    let action = format!("{}/antworten", thread_path(&data.header.slug, data.number));
    view! {
        <section aria-labelledby="antworten" class="reply-form">
            <h2 class="kern-heading kern-heading-medium" id="antworten">{i18n.t("groups.reply.title")}</h2>
            {answering.map(|n| view! {
                <p class="kern-body">{i18n.t_with("groups.reply.answering", &[("number", &n.to_string())])}</p>
            })}
            <ErrorSummary state=form.clone() prefix="group-reply" />
            <form method="post" action=action class="stack">
                {answering.map(|n| view! { <input type="hidden" name="reply_to" value=n.to_string() /> })}
                <TextArea state=form id="group-reply-body".into() name="body" label=i18n.t("groups.post.body")
                    required=true maxlength=20000 rows=8 hint=i18n.t("groups.post.markdown_hint") />
                <SubmitButton label=i18n.t("groups.reply.submit") />
            </form>
        </section>
    }
    .into_any()
}
