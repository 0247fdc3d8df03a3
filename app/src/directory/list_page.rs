use super::api::search_directory;
use super::dto::{land_name, DirectoryQuery, OrganisationKind, LAENDER};
use crate::components::{Pagination, SelectField, Table};
use crate::i18n::use_i18n;
use crate::pages::ErrorPanel;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// All administrations, searchable by name and filtered by Land and kind.
/// A plain GET form: every state of the page is a shareable URL.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map().get_untracked();
    let query = DirectoryQuery::from_params(
        params.get("q"),
        params.get("land"),
        params.get("art"),
        params.get("seite"),
    );
    let results = OnceResource::new(search_directory(query.clone()));
    let text = query.text.clone().unwrap_or_default();
    let selected_land = query.land.clone().unwrap_or_default();
    let selected_kind = query.kind;
    view! {
        <Title text=i18n.t("directory.title") />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("directory.title")}</h1>
            <p class="kern-body kern-body--large">{i18n.t("directory.intro")}</p>
            <p class="kern-body"><a class="kern-link" href="/verwaltungen/neu">{i18n.t("organisations.new_link")}</a></p>
            <form class="filter-form" method="get" action="/verwaltungen" role="search" aria-label=i18n.t("directory.filter.label")>
                <div class="kern-form-input">
                    <label class="kern-label" for="directory-q">{i18n.t("directory.filter.text")}</label>
                    <input class="kern-form-input__input" id="directory-q" name="q" type="search" maxlength="100" value=text />
                </div>
                <SelectField
                    id="directory-land"
                    name="land"
                    label=i18n.t("directory.filter.land")
                    any=i18n.t("directory.filter.all_laender")
                    options=LAENDER.to_vec()
                    selected=LAENDER.iter().map(|(code, _)| *code).find(|code| *code == selected_land)
                />
                <SelectField
                    id="directory-kind"
                    name="art"
                    label=i18n.t("directory.filter.kind")
                    any=i18n.t("directory.filter.all_kinds")
                    options=OrganisationKind::ALL.iter().map(|k| (k.code(), i18n.t(k.label_key()))).collect()
                    selected=selected_kind.map(|k| k.code())
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
                            Ok(data) => {
                                let total = data.total.to_string();
                                let pages = data.total.div_ceil(DirectoryQuery::PAGE_SIZE as u64).max(1) as u32;
                                view! {
                                    <p class="kern-body" role="status">{i18n.t_with("directory.count", &[("count", &total)])}</p>
                                    <Table caption={i18n.t("directory.table.caption")} headers=vec![i18n.t("directory.table.name"), i18n.t("directory.table.kind"), i18n.t("directory.table.land")]>
                                                {data
                                                    .items
                                                    .into_iter()
                                                    .map(|org| {
                                                        let land = org.land.as_deref().and_then(land_name).unwrap_or("–");
                                                        view! {
                                                            <tr class="kern-table__row">
                                                                <td class="kern-table__cell">
                                                                    <a class="kern-link" href=format!("/verwaltungen/{}", org.slug)>{org.name}</a>
                                                                </td>
                                                                <td class="kern-table__cell">{i18n.t(org.kind.label_key())}</td>
                                                                <td class="kern-table__cell">{land}</td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                    </Table>
                                    <DirectoryPages query pages />
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn DirectoryPages(query: DirectoryQuery, pages: u32) -> impl IntoView {
    let current = query.page.min(pages);
    let href = |page: u32| format!("/verwaltungen{}", query.to_query_string(page));
    view! {
        <Pagination
            previous=(current > 1).then(|| href(current - 1))
            next=(current < pages).then(|| href(current + 1))
            position=(current, pages)
        />
    }
}
