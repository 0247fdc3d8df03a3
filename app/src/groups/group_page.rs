//! `/arbeitsgruppen/:slug`: a group's description, its threads (pinned
//! first), its members and what it is about; for the reader, the one step
//! open to them (join, ask to join, leave, start a thread) as plain forms,
//! and for those who decide them, the requests to join.

use super::dto::{GroupPageData, JoinRequestView, MemberView, ThreadSummary};
use super::model::{group_path, thread_path, GroupRole, Visibility};
use super::rules::JoinPath;
use crate::accounts::dto::{format_date, format_timestamp};
use crate::components::{loaded_page, Pagination, Table};
use crate::directory::dto::land_name;
use crate::error::AppError;
use crate::forms::{use_flash, ActionButton, ErrorSummary, Flash, SubmitButton, TextArea, TextField};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The name of the join request form (its flash).
pub const JOIN_FORM: &str = "group-join";
/// The chairs' form that adds a member.
pub const ADD_FORM: &str = "group-add";

#[server(prefix = "/api/fn", endpoint = "group")]
pub async fn fetch_group(slug: String, page: u32) -> Result<GroupPageData, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .groups
        .group(viewer.as_ref(), &slug, page)
        .await
}

#[component]
pub fn GroupPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let page = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("seite")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let data = OnceResource::new(fetch_group(slug, page));
    view! {
        <div class="kern-container page">
            {loaded_page(data, i18n.t("groups.group.title"), move |data| group(i18n, data, flash.clone()))}
        </div>
    }
}

/// The group's name, with its badge, as the heading of each of its pages.
pub fn visibility_badge(i18n: I18n, visibility: Visibility) -> impl IntoView {
    (visibility == Visibility::Members).then(|| {
        view! {
            <p><span class="kern-badge kern-badge--warning"><span class="kern-label kern-label--small">{i18n.t("groups.visibility.members")}</span></span></p>
        }
    })
}

fn group(i18n: I18n, data: GroupPageData, flash: Flash) -> impl IntoView {
    let base = group_path(&data.header.slug);
    let you = data.you.clone();
    let facts = facts(i18n, &data);
    let name = data.header.name.clone();
    let members_view = members(i18n, &base, data.members.clone(), flash.clone());
    view! {
        <Title text=name.clone() />
        <hgroup class="kern-hgroup">
            <h1 class="kern-heading kern-heading-x-large">{name}</h1>
            <p class="kern-subline">{data.summary.clone()}</p>
        </hgroup>
        {visibility_badge(i18n, data.header.visibility)}
        <section aria-labelledby="group-about">
            <h2 class="kern-heading kern-heading-medium" id="group-about">{i18n.t("groups.about")}</h2>
            <div class="prose" inner_html=data.description_html.clone()></div>
            {facts}
        </section>
        {standing(i18n, &data, &base, flash)}
        <section aria-labelledby="group-threads">
            <h2 class="kern-heading kern-heading-medium" id="group-threads">{i18n.t("groups.threads")}</h2>
            {you.post.then(|| view! {
                <p class="kern-body"><a class="kern-btn kern-btn--primary" href=format!("{base}/neues-thema")><span class="kern-label">{i18n.t("groups.thread.new")}</span></a></p>
            })}
            {threads(i18n, &data.header.slug, data.threads.clone())}
            {
                let (page, pages) = (data.thread_page, data.thread_pages);
                let href = move |p: u32| if p > 1 { format!("{}?seite={p}", group_path(&data.header.slug)) } else { group_path(&data.header.slug) };
                view! {
                    <Pagination
                        previous=(page > 1).then(|| href(page - 1))
                        next=(page < pages).then(|| href(page + 1))
                        position=(page, pages)
                        label=i18n.t("groups.threads.pages")
                    />
                }
            }
        </section>
        {(!data.requests.is_empty()).then(|| requests(i18n, &base, data.requests.clone()))}
        <p class="kern-body">
            <a class="kern-link" href=format!("{base}/moderationsprotokoll")>{i18n.t("groups.modlog.title")}</a>
            {(data.header.visibility == Visibility::Public).then(|| view! {
                " · " <a class="kern-link" href=format!("{base}/feed.atom") type="application/atom+xml">{i18n.t("groups.feed")}</a>
            })}
            {you.moderate.then(|| {
                let label = i18n.t_with("groups.review.link", &[("count", &data.flagged_posts.to_string())]);
                view! { " · " <a class="kern-link" href=format!("{base}/pruefen")>{label}</a> }
            })}
        </p>
        <section aria-labelledby="group-members">
            <h2 class="kern-heading kern-heading-medium" id="group-members">{i18n.t("groups.members")}</h2>
            {members_view}
        </section>
        <p class="kern-body"><a class="kern-link" href="/arbeitsgruppen">{i18n.t("groups.back")}</a></p>
    }
}

fn facts(i18n: I18n, data: &GroupPageData) -> impl IntoView {
    let row = |key: &'static str, value: AnyView| {
        view! {
            <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{i18n.t(key)}</dt>
                <dd class="kern-description-list-item__value">{value}</dd>
            </div>
        }
    };
    let topics = data
        .topics
        .iter()
        .map(|t| i18n.t(t.label_key()))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <dl class="kern-description-list">
            {row("groups.joining", i18n.t(data.joining.label_key()).into_any())}
            {(!topics.is_empty()).then(|| row("groups.topic", topics.into_any()))}
            {data.land.as_deref().and_then(land_name).map(|l| row("groups.land", l.into_any()))}
            {data.software.clone().map(|(slug, name)| row("groups.software", view! { <a class="kern-link" href=format!("/software/{slug}")>{name}</a> }.into_any()))}
            {data.agreement.clone().map(|(id, title)| row("groups.agreement", view! { <a class="kern-link" href=format!("/nachnutzung/vereinbarungen/{id}")>{title}</a> }.into_any()))}
        </dl>
    }
}

/// The reader's place in the group and the one step open to them.
fn standing(i18n: I18n, data: &GroupPageData, base: &str, flash: Flash) -> AnyView {
    let you = &data.you;
    if let Some(role) = you.role {
        let text = i18n.t_with("groups.you.member", &[("role", i18n.t(role.label_key()))]);
        return view! {
            <div class="group-standing">
                <p class="kern-body">{text}</p>
                <form method="post" action=format!("{base}/austreten") class="inline-form">
                    <SubmitButton label=i18n.t("groups.leave") class="kern-btn kern-btn--secondary" />
                </form>
            </div>
        }
        .into_any();
    }
    if !you.signed_in {
        let login = format!("/anmelden?zurueck={base}");
        return view! { <p class="kern-body"><a class="kern-link" href=login>{i18n.t("groups.you.sign_in")}</a></p> }
            .into_any();
    }
    if you.requested {
        return view! { <p class="kern-body" role="status">{i18n.t("groups.you.requested")}</p> }.into_any();
    }
    match you.join {
        Some(JoinPath::Direct) => view! {
            <form method="post" action=format!("{base}/beitreten") class="inline-form">
                <SubmitButton label=i18n.t("groups.join") />
            </form>
        }
        .into_any(),
        Some(JoinPath::Request) => {
            let form = flash.form(JOIN_FORM);
            view! {
                <section aria-labelledby="group-join" class="group-standing">
                    <h2 class="kern-heading kern-heading-small" id="group-join">{i18n.t("groups.request.title")}</h2>
                    <ErrorSummary state=form.clone() prefix="group-join" />
                    <form method="post" action=format!("{base}/beitreten") class="stack">
                        <TextArea state=form id="group-join-message".into() name="message"
                            label=i18n.t("groups.request.message") maxlength=1000 />
                        <SubmitButton label=i18n.t("groups.request.submit") />
                    </form>
                </section>
            }
            .into_any()
        }
        None => view! { <p class="kern-body">{i18n.t("groups.you.invitation_only")}</p> }.into_any(),
    }
}

fn threads(i18n: I18n, slug: &str, threads: Vec<ThreadSummary>) -> AnyView {
    if threads.is_empty() {
        return view! { <p class="kern-body">{i18n.t("groups.threads.empty")}</p> }.into_any();
    }
    let headers = vec![
        i18n.t("groups.thread.title"),
        i18n.t("groups.thread.started_by"),
        i18n.t("groups.thread.posts"),
        i18n.t("groups.thread.last_post"),
    ];
    let rows = threads
        .into_iter()
        .map(|t| {
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">
                        <a class="kern-link" href=thread_path(slug, t.number)>{t.title.clone()}</a>
                        {t.pinned.then(|| view! { " " <span class="kern-badge kern-badge--info"><span class="kern-label kern-label--small">{i18n.t("groups.thread.pinned")}</span></span> })}
                        {t.locked.then(|| view! { " " <span class="kern-badge kern-badge--warning"><span class="kern-label kern-label--small">{i18n.t("groups.thread.locked")}</span></span> })}
                    </td>
                    <td class="kern-table__cell">{t.author.clone()}</td>
                    <td class="kern-table__cell">
                        {t.posts}
                        {t.unread.filter(|n| *n > 0).map(|n| view! { " " <span class="kern-badge kern-badge--success"><span class="kern-label kern-label--small">{i18n.t_with("groups.unread", &[("count", &n.to_string())])}</span></span> })}
                    </td>
                    <td class="kern-table__cell"><time datetime=t.last_post_at.clone()>{format_timestamp(i18n.locale, &t.last_post_at)}</time></td>
                </tr>
            }
        })
        .collect_view();
    view! { <Table caption=i18n.t("groups.threads.caption") headers>{rows}</Table> }.into_any()
}

fn requests(i18n: I18n, base: &str, requests: Vec<JoinRequestView>) -> impl IntoView {
    let items = requests
        .into_iter()
        .map(|r| {
            let action = format!("{base}/anfragen/{}", r.user_id);
            let approve = i18n.t_with("groups.request.approve_named", &[("name", &r.name)]);
            let decline = i18n.t_with("groups.request.decline_named", &[("name", &r.name)]);
            view! {
                <li class="request">
                    <p class="kern-body"><strong>{r.name.clone()}</strong>" · "<time datetime=r.created_at.clone()>{format_date(i18n.locale, &r.created_at)}</time></p>
                    {(!r.message.is_empty()).then(|| view! { <p class="kern-body">{r.message.clone()}</p> })}
                    <form method="post" action=action class="button-row">
                        <button class="kern-btn kern-btn--primary kern-btn--small" type="submit" name="entscheidung" value="annehmen" aria-label=approve>
                            <span class="kern-label">{i18n.t("groups.request.approve")}</span>
                        </button>
                        <button class="kern-btn kern-btn--secondary kern-btn--small" type="submit" name="entscheidung" value="ablehnen" aria-label=decline>
                            <span class="kern-label">{i18n.t("groups.request.decline")}</span>
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="group-requests">
            <h2 class="kern-heading kern-heading-medium" id="group-requests">{i18n.t("groups.requests")}</h2>
            <ul class="plain-list">{items}</ul>
        </section>
    }
}

fn members(i18n: I18n, base: &str, members: Vec<MemberView>, flash: Flash) -> impl IntoView {
    let lead = members.iter().any(|m| m.user_id.is_some());
    let items = members
        .into_iter()
        .map(|m| {
            let controls = m.user_id.clone().map(|id| {
                let roles = GroupRole::ALL
                    .iter()
                    .map(|r| {
                        let selected = *r == m.role;
                        view! { <option value=r.code() selected=selected>{i18n.t(r.label_key())}</option> }
                    })
                    .collect_view();
                let select_id = format!("group-role-{id}");
                let role_label = i18n.t_with("groups.members.role_of", &[("name", &m.name)]);
                let change_label = i18n.t_with("groups.members.change_named", &[("name", &m.name)]);
                let remove_label = i18n.t_with("groups.members.remove_named", &[("name", &m.name)]);
                view! {
                    <form method="post" action=format!("{base}/mitglieder/{id}/rolle") class="inline-form">
                        <label class="kern-label kern-sr-only" for=select_id.clone()>{role_label}</label>
                        <div class="kern-form-input__select-wrapper">
                            <select class="kern-form-input__select" id=select_id name="role">{roles}</select>
                        </div>
                        <button class="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit" aria-label=change_label>
                            <span class="kern-label">{i18n.t("groups.members.change")}</span>
                        </button>
                    </form>
                    <ActionButton action=format!("{base}/mitglieder/{id}/entfernen") label=i18n.t("groups.members.remove") aria_label=remove_label />
                }
            });
            view! { <li>{m.name.clone()}" – "{i18n.t(m.role.label_key())}{controls}</li> }
        })
        .collect_view();
    let form = flash.form(ADD_FORM);
    view! {
        <ul class="kern-list member-list">{items}</ul>
        {lead.then(|| view! {
            <h3 class="kern-heading kern-heading-small">{i18n.t("groups.members.add")}</h3>
            <ErrorSummary state=form.clone() prefix="group-add" />
            <form method="post" action=format!("{base}/mitglieder") class="stack">
                <TextField state=form id="group-add-email".into() name="email" input_type="email" autocomplete="off"
                    label=i18n.t("groups.members.email") hint=i18n.t("groups.members.email_hint") maxlength=254 />
                <SubmitButton label=i18n.t("groups.members.add_submit") class="kern-btn kern-btn--secondary" />
            </form>
        })}
    }
}
