//! `/arbeitsgruppen`: the groups the reader may see, by words, topic, Land
//! and software; a plain GET form, so every view is a shareable address.

use super::dto::{GroupCard, GroupDirectory};
use super::model::{group_path, Topic, Visibility};
use super::query::GroupQuery;
use crate::accounts::dto::format_date;
use crate::components::{Pagination, SelectField};
use crate::directory::dto::{land_name, LAENDER};
use crate::error::AppError;
use crate::i18n::{use_i18n, I18n};
use crate::pages::ErrorPanel;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[server(prefix = "/api/fn", endpoint = "groups")]
pub async fn fetch_groups(query: GroupQuery) -> Result<GroupDirectory, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .groups
        .directory(viewer.as_ref(), &query)
        .await
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map().get_untracked();
    let query = GroupQuery::from_params(
        params.get("q"),
        params.get("thema"),
        params.get("land"),
        params.get("software"),
        params.get("seite"),
    );
    let results = OnceResource::new(fetch_groups(query.clone()));
    let filters = query.clone();
    view! {
        <Title text=i18n.t("nav.groups") />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("nav.groups")}</h1>
            <p class="kern-body kern-body--large">{i18n.t("section.groups.intro")}</p>
            <form class="filter-form" method="get" action="/arbeitsgruppen" role="search" aria-label=i18n.t("groups.list.filter")>
                {filters.software.clone().map(|s| view! { <input type="hidden" name="software" value=s /> })}
                <div class="kern-form-input">
                    <label class="kern-label" for="groups-q">{i18n.t("groups.list.words")}</label>
                    <input class="kern-form-input__input" id="groups-q" name="q" type="search" maxlength="200" value=filters.text.clone() />
                </div>
                <SelectField
                    id="groups-topic"
                    name="thema"
                    label=i18n.t("groups.topic")
                    any=i18n.t("groups.list.all_topics")
                    options=Topic::ALL.iter().map(|t| (t.code(), i18n.t(t.label_key()))).collect()
                    selected=filters.topic.map(|t| t.code())
                />
                <SelectField
                    id="groups-land"
                    name="land"
                    label=i18n.t("groups.land")
                    any=i18n.t("directory.filter.all_laender")
                    options=LAENDER.to_vec()
                    selected=LAENDER.iter().map(|(code, _)| *code).find(|code| filters.land.as_deref() == Some(*code))
                />
                <div class="filter-form__actions">
                    <button class="kern-btn kern-btn--primary" type="submit">
                        <span class="kern-label">{i18n.t("directory.filter.submit")}</span>
                    </button>
                </div>
            </form>
            <Suspense fallback=|| ()>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        match results.await {
                            Ok(list) => listing(i18n, query, list).into_any(),
                            Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

fn listing(i18n: I18n, query: GroupQuery, list: GroupDirectory) -> impl IntoView {
    let pages = list.total.div_ceil(u64::from(GroupQuery::PAGE_SIZE)).max(1) as u32;
    let current = query.page.min(pages);
    let href = |page: u32| format!("/arbeitsgruppen{}", query.to_query_string(page));
    let count = list.total.to_string();
    let topics = list
        .by_topic
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(topic, n)| {
            let chosen = GroupQuery {
                topic: Some(*topic),
                page: 1,
                ..query.clone()
            };
            let current = (query.topic == Some(*topic)).then_some("page");
            view! {
                <li>
                    <a class="kern-link" aria-current=current href=format!("/arbeitsgruppen{}", chosen.to_query_string(1))>
                        {format!("{} ({n})", i18n.t(topic.label_key()))}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        {list.may_create.then(|| view! {
            <p class="kern-body"><a class="kern-btn kern-btn--secondary" href="/arbeitsgruppen/neu"><span class="kern-label">{i18n.t("groups.new.title")}</span></a></p>
        })}
        <nav aria-label=i18n.t("groups.list.by_topic")>
            <ul class="status-tabs">{topics}</ul>
        </nav>
        <p class="kern-body" role="status">{i18n.t_with("groups.list.count", &[("count", &count)])}</p>
        {if list.items.is_empty() {
            view! { <p class="kern-body">{i18n.t("groups.list.empty")}</p> }.into_any()
        } else {
            view! { <ul class="card-list">{list.items.into_iter().map(|g| view! { <GroupCardView group=g /> }).collect_view()}</ul> }.into_any()
        }}
        <Pagination
            previous=(current > 1).then(|| href(current - 1))
            next=(current < pages).then(|| href(current + 1))
            position=(current, pages)
        />
    }
}

/// A group in a list: the directory, and the software page its own.
#[component]
pub fn GroupCardView(
    group: GroupCard,
    /// 2 in the directory, 3 under a section of another page.
    #[prop(default = 2)]
    heading_level: u8,
) -> impl IntoView {
    let i18n = use_i18n();
    let members = group.members.to_string();
    let threads = group.threads.to_string();
    let topics = group
        .topics
        .iter()
        .map(|t| i18n.t(t.label_key()))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li class="card-item">
            {
                let link = view! { <a class="kern-link" href=group_path(&group.slug)>{group.name.clone()}</a> };
                if heading_level == 3 {
                    view! { <h3 class="kern-heading kern-heading-small">{link}</h3> }.into_any()
                } else {
                    view! { <h2 class="kern-heading kern-heading-small">{link}</h2> }.into_any()
                }
            }
            <p class="badge-row">
                {(group.visibility == Visibility::Members).then(|| view! {
                    <span class="kern-badge kern-badge--warning"><span class="kern-label kern-label--small">{i18n.t("groups.visibility.members")}</span></span>
                })}
                {group.unread.filter(|n| *n > 0).map(|n| view! {
                    <span class="kern-badge kern-badge--info"><span class="kern-label kern-label--small">{i18n.t_with("groups.unread", &[("count", &n.to_string())])}</span></span>
                })}
                {group.role.map(|role| view! {
                    <span class="kern-badge kern-badge--success"><span class="kern-label kern-label--small">{i18n.t(role.label_key())}</span></span>
                })}
            </p>
            <p class="kern-body">{group.summary.clone()}</p>
            <p class="kern-body kern-body--small card-item__meta">
                {i18n.t_with("groups.card.counts", &[("members", &members), ("threads", &threads)])}
                {(!topics.is_empty()).then(|| format!(" · {topics}"))}
                {group.land.as_deref().and_then(land_name).map(|l| format!(" · {l}"))}
                {group.software.clone().map(|(slug, name)| view! { " · " <a class="kern-link" href=format!("/software/{slug}")>{name}</a> })}
                " · " {i18n.t("groups.card.active")} " "
                <time datetime=group.last_activity_at.clone()>{format_date(i18n.locale, &group.last_activity_at)}</time>
            </p>
        </li>
    }
}
