//! `/nachnutzung`: every agreement's public summary, by status, kind and
//! Land; a plain GET form and links, so that it works without JavaScript
//! and every view is a shareable address.

use super::dto::{AgreementList, AgreementSummary};
use super::query::AgreementQuery;
use super::terms::AgreementKind;
use super::workflow::AgreementStatus;
use crate::accounts::dto::format_date;
use crate::components::{Pagination, SelectField, Table};
use crate::directory::dto::LAENDER;
use crate::error::AppError;
use crate::i18n::{use_i18n, I18n};
use crate::pages::ErrorPanel;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[server(prefix = "/api/fn", endpoint = "agreements")]
pub async fn fetch_agreements(query: AgreementQuery) -> Result<AgreementList, AppError> {
    crate::ports::services()?.reuse.agreements(&query).await
}

#[component]
pub fn AgreementsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map().get_untracked();
    let query = AgreementQuery::from_params(
        params.get("stand"),
        params.get("art"),
        params.get("land"),
        params.get("seite"),
    );
    let results = OnceResource::new(fetch_agreements(query.clone()));
    let filters = query.clone();
    view! {
        <Title text=i18n.t("nav.reuse") />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("nav.reuse")}</h1>
            <p class="kern-body kern-body--large">{i18n.t("section.reuse.intro")}</p>
            <p class="kern-body">{i18n.t("reuse.list.how_to_start")}</p>
            <p class="kern-body"><a class="kern-link" href="/nachnutzung/berichte">{i18n.t("reuse.reports.link")}</a></p>
            <form class="filter-form" method="get" action="/nachnutzung" role="search" aria-label=i18n.t("reuse.list.filter")>
                {filters.status.map(|s| view! { <input type="hidden" name="stand" value=s.code() /> })}
                <SelectField
                    id="agreements-kind"
                    name="art"
                    label=i18n.t("reuse.request.kind")
                    any=i18n.t("reuse.list.all_kinds")
                    options=AgreementKind::ALL.iter().map(|k| (k.code(), i18n.t(k.label_key()))).collect()
                    selected=filters.kind.map(|k| k.code())
                />
                <SelectField
                    id="agreements-land"
                    name="land"
                    label=i18n.t("reuse.list.land")
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

fn listing(i18n: I18n, query: AgreementQuery, list: AgreementList) -> impl IntoView {
    let all: u64 = list.by_status.iter().map(|(_, n)| n).sum();
    let tab = |status: Option<AgreementStatus>, count: u64| {
        let label = status.map_or(i18n.t("reuse.list.all_statuses"), |s| i18n.t(s.label_key()));
        let current = (query.status == status).then_some("page");
        view! {
            <li>
                <a class="kern-link" aria-current=current href=format!("/nachnutzung{}", query.with_status(status).to_query_string(1))>
                    {format!("{label} ({count})")}
                </a>
            </li>
        }
    };
    let tabs = std::iter::once(tab(None, all))
        .chain(list.by_status.iter().map(|(s, n)| tab(Some(*s), *n)))
        .collect_view();
    let pages = list.total.div_ceil(u64::from(AgreementQuery::PAGE_SIZE)).max(1) as u32;
    let current = query.page.min(pages);
    let href = |page: u32| format!("/nachnutzung{}", query.to_query_string(page));
    let count = list.total.to_string();
    let filters = query.to_query_string(1);
    view! {
        <nav aria-label=i18n.t("reuse.list.by_status")>
            <ul class="status-tabs">{tabs}</ul>
        </nav>
        <p class="kern-body" role="status">{i18n.t_with("reuse.list.count", &[("count", &count)])}</p>
        {if list.items.is_empty() {
            view! { <p class="kern-body">{i18n.t("reuse.list.empty")}</p> }.into_any()
        } else {
            view! { <AgreementTable items=list.items caption=i18n.t("reuse.list.caption") /> }.into_any()
        }}
        <Pagination
            previous=(current > 1).then(|| href(current - 1))
            next=(current < pages).then(|| href(current + 1))
            position=(current, pages)
        />
        <p class="kern-body">
            {i18n.t("reuse.list.downloads")}" "
            <a class="kern-link" href=format!("/nachnutzung/export.csv{filters}")>"CSV"</a>", "
            <a class="kern-link" href=format!("/nachnutzung/export.json{filters}")>"JSON"</a>", "
            <a class="kern-link" href=format!("/nachnutzung/feed.atom{filters}") type="application/atom+xml">{i18n.t("reuse.list.feed")}</a>
        </p>
    }
}

/// Agreements as a table: the software page shows its own with it.
#[component]
pub fn AgreementTable(items: Vec<AgreementSummary>, caption: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let headers = vec![
        i18n.t("reuse.list.software"),
        i18n.t("reuse.party.provider"),
        i18n.t("reuse.list.reusers"),
        i18n.t("reuse.request.kind"),
        i18n.t("reuse.agreement.status"),
        i18n.t("reuse.list.changed"),
    ];
    let rows = items
        .into_iter()
        .map(|a| {
            let reusers = a
                .reusers
                .iter()
                .map(|r| view! { <li><a class="kern-link" href=format!("/verwaltungen/{}", r.slug)>{r.name.clone()}</a></li> })
                .collect_view();
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">
                        <a class="kern-link" href=format!("/nachnutzung/vereinbarungen/{}", a.id)>{a.software_name.clone()}</a>
                    </td>
                    <td class="kern-table__cell">
                        <a class="kern-link" href=format!("/verwaltungen/{}", a.provider.slug)>{a.provider.name.clone()}</a>
                    </td>
                    <td class="kern-table__cell"><ul class="cell-list">{reusers}</ul></td>
                    <td class="kern-table__cell">{i18n.t(a.kind.label_key())}</td>
                    <td class="kern-table__cell">
                        <span class=super::agreement_page::status_badge(a.status)><span class="kern-label kern-label--small">{i18n.t(a.status.label_key())}</span></span>
                    </td>
                    <td class="kern-table__cell">
                        <time datetime=a.changed_at.clone()>{format_date(i18n.locale, &a.changed_at)}</time>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! { <Table caption headers>{rows}</Table> }
}
