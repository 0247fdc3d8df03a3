use super::api::search_catalog;
use super::dto::{encode, Facet, FacetCounts, SearchQuery, SearchResults, SoftwareSummary, Sort};
use super::labels::code_label;
use crate::components::loaded;
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::use_query_map;

/// Facet values shown before "more"; the rest stay one click away.
const SHOWN_VALUES: usize = 8;

/// The catalog: full-text search, facets and sorting in one GET form, so
/// every state is a URL and the page works without JavaScript.
#[component]
pub fn CatalogSearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map().get_untracked();
    let pairs: Vec<(String, String)> = ["q", "sortierung", "nach"]
        .into_iter()
        .chain(Facet::ALL.iter().map(|f| f.page_param()))
        .flat_map(|name| {
            params
                .get_all(name)
                .unwrap_or_default()
                .into_iter()
                .map(move |v| (name.to_string(), v))
        })
        .collect();
    let query = SearchQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), false);
    let results = OnceResource::new(search_catalog(query.clone()));
    view! {
        <Title text=i18n.t("catalog.title") />
        <Link rel="alternate" type_="application/atom+xml" href="/software/feed.atom" title=i18n.t("catalog.feed") />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("catalog.title")}</h1>
            <p class="kern-body kern-body--large">{i18n.t("catalog.intro")}</p>
            <p class="kern-body">
                <a class="kern-link" href="/software/veroeffentlichen">{i18n.t("catalog.publish.link")}</a>
            </p>
            {loaded(results, move |data| view! { <SearchForm query=query.clone() data /> })}
            <p class="kern-body catalog-exports">
                <a class="kern-link" href="/software/feed.atom">{i18n.t("catalog.feed")}</a>
                " · "
                <a class="kern-link" href="/software/export.csv" download="">{i18n.t("catalog.export.csv")}</a>
                " · "
                <a class="kern-link" href="/software/export.json" download="">{i18n.t("catalog.export.json")}</a>
                " · "
                <a class="kern-link" href="/api">{i18n.t("catalog.api_docs")}</a>
            </p>
        </div>
    }
}

#[component]
fn SearchForm(query: SearchQuery, data: SearchResults) -> impl IntoView {
    let i18n = use_i18n();
    let text = query.text.clone().unwrap_or_default();
    let count = i18n.t_with("catalog.count", &[("count", &i18n.number(data.total as i64))]);
    let sort_options = Sort::ALL
        .into_iter()
        .filter(|s| *s != Sort::Relevance || query.text.is_some())
        .map(|s| view! { <option value=s.page_param() selected=s == query.sort>{i18n.t(s.label_key())}</option> })
        .collect_view();
    let suggestion = data.suggestion.clone().map(|s| {
        let mut corrected = query.clone();
        corrected.text = Some(s.clone());
        corrected.cursor = None;
        view! {
            <p class="kern-body">{i18n.t("catalog.suggestion")}" "<a class="kern-link" href=corrected.page_url()>{s}</a>"?"</p>
        }
    });
    let chips = query
        .filters
        .iter()
        .map(|(facet, value)| {
            let href = query.toggled(*facet, value).page_url();
            let label = format!(
                "{}: {}",
                i18n.t(facet.label_key()),
                value_label(&i18n, *facet, value, None)
            );
            let aria = i18n.t_with("catalog.filter.remove", &[("filter", &label)]);
            view! { <li><a class="kern-link" href=href aria-label=aria>{label}" ×"</a></li> }
        })
        .collect_view();
    let next = data.next_cursor.clone().map(|cursor| {
        let href = format!(
            "{}{}nach={}",
            query.page_url(),
            if query.page_url().contains('?') { "&" } else { "?" },
            encode(&cursor)
        );
        view! { <a class="kern-link" rel="next" href=href>{i18n.t("catalog.next")}</a> }
    });
    let first = query
        .cursor
        .is_some()
        .then(|| view! { <a class="kern-link" href=query.page_url()>{i18n.t("catalog.first")}</a> });
    let facets = data.facets.clone();
    let items = data.items.clone();
    view! {
        <form class="catalog-search" method="get" action="/software" role="search" aria-label=i18n.t("catalog.search.label")>
            <div class="catalog-search__bar">
                <div class="kern-form-input">
                    <label class="kern-label" for="catalog-q">{i18n.t("catalog.search.text")}</label>
                    <input class="kern-form-input__input" id="catalog-q" name="q" type="search" maxlength="200" value=text />
                </div>
                <div class="kern-form-input">
                    <label class="kern-label" for="catalog-sort">{i18n.t("catalog.sort.label")}</label>
                    <div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="catalog-sort" name="sortierung">{sort_options}</select></div>
                </div>
                <button class="kern-btn kern-btn--primary" type="submit"><span class="kern-label">{i18n.t("catalog.search.submit")}</span></button>
            </div>
            <div class="catalog-layout">
                <div class="catalog-facets">
                    <h2 class="kern-heading kern-heading-small">{i18n.t("catalog.filter.heading")}</h2>
                    {facets.into_iter().map(|f| view! { <FacetGroup counts=f /> }).collect_view()}
                    <button class="kern-btn kern-btn--secondary" type="submit"><span class="kern-label">{i18n.t("catalog.filter.apply")}</span></button>
                </div>
                <div class="catalog-results">
                    <p class="kern-body" role="status">{count}</p>
                    {suggestion}
                    {(!query.filters.is_empty()).then(|| view! {
                        <ul class="filter-chips" aria-label=i18n.t("catalog.filter.active")>{chips}</ul>
                    })}
                    <ul class="software-list">
                        {items.into_iter().map(|s| view! { <SoftwareCard software=s /> }).collect_view()}
                    </ul>
                    <nav class="pagination" aria-label=i18n.t("catalog.pagination")>{first}{next}</nav>
                </div>
            </div>
        </form>
    }
}

fn value_label(i18n: &I18n, facet: Facet, value: &str, label: Option<&str>) -> String {
    match facet {
        Facet::DevelopmentStatus => code_label(i18n, "status", value),
        Facet::SoftwareType => code_label(i18n, "type", value),
        Facet::MaintenanceType => code_label(i18n, "maintenance", value),
        Facet::Reuse => code_label(i18n, "reuse", value),
        _ => label.unwrap_or(value).to_string(),
    }
}

#[component]
fn FacetGroup(counts: FacetCounts) -> impl IntoView {
    let i18n = use_i18n();
    let facet = counts.facet;
    let param = facet.page_param();
    let boxes: Vec<AnyView> = counts
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let id = format!("f-{param}-{i}");
            let label = value_label(&i18n, facet, &v.value, v.label.as_deref());
            view! {
                <div class="kern-form-check">
                    <input class="kern-form-check__checkbox" type="checkbox" id=id.clone() name=param value=v.value.clone() checked=v.selected />
                    <label class="kern-label" for=id>{label}" "<span class="facet-count">{format!("({})", v.count)}</span></label>
                </div>
            }
            .into_any()
        })
        .collect();
    let mut boxes = boxes.into_iter();
    let shown: Vec<AnyView> = boxes.by_ref().take(SHOWN_VALUES).collect();
    let rest: Vec<AnyView> = boxes.collect();
    let more = (!rest.is_empty()).then(|| {
        view! {
            <details class="facet-more">
                <summary class="kern-body">{i18n.t("catalog.filter.more")}</summary>
                {rest}
            </details>
        }
    });
    view! {
        <fieldset class="kern-fieldset facet">
            <legend class="kern-label">{i18n.t(facet.label_key())}</legend>
            <div class="kern-fieldset__body">{shown}{more}</div>
        </fieldset>
    }
}

#[component]
pub fn SoftwareCard(software: SoftwareSummary) -> impl IntoView {
    let i18n = use_i18n();
    let status = code_label(&i18n, "status", &software.development_status);
    view! {
        <li class="software-card">
            <h3 class="kern-heading kern-heading-small">
                <a class="kern-link" href=format!("/software/{}", software.slug)>{software.name}</a>
            </h3>
            {(!software.active).then(|| view! {
                <p><span class="kern-badge kern-badge--danger"><span class="kern-label kern-label--small">{i18n.t("catalog.inactive")}</span></span></p>
            })}
            <p class="kern-body">{software.summary}</p>
            <p class="kern-body kern-body--small software-card__meta">
                <a class="kern-link" href=format!("/verwaltungen/{}", software.organisation_slug)>{software.organisation_name}</a>
                " · " {status} " · " {software.license}
                {(software.reuse_count > 0).then(|| {
                    let n = software.reuse_count.to_string();
                    format!(" · {}", i18n.t_with("catalog.reuse_count", &[("count", &n)]))
                })}
            </p>
        </li>
    }
}

/// The software an organisation publishes, for its directory page. The
/// page creates the resource up front (next to its own), so that rendering
/// never starts a request inside another one's suspense.
#[component]
pub fn OrganisationSoftware(list: OnceResource<Result<Vec<SoftwareSummary>, crate::error::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2 class="kern-heading kern-heading-medium">{i18n.t("directory.detail.software")}</h2>
        {loaded(list, move |items: Vec<SoftwareSummary>| {
            if items.is_empty() {
                view! { <p class="kern-body">{i18n.t("directory.detail.no_software")}</p> }.into_any()
            } else {
                view! { <ul class="software-list">{items.into_iter().map(|s| view! { <SoftwareCard software=s /> }).collect_view()}</ul> }.into_any()
            }
        })}
    }
}
