use super::api::fetch_audit;
use super::dto::{format_timestamp, AuditPageData};
use crate::components::{loaded_page, Pagination, Table};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn page_number() -> u32 {
    use_query_map()
        .get_untracked()
        .get("seite")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
}

/// `/admin/protokoll`: every event, for site administrators.
#[component]
pub fn SiteAuditPage() -> impl IntoView {
    let data = OnceResource::new(fetch_audit(None, page_number()));
    view! { <AuditLog data base="/admin/protokoll".to_owned() /> }
}

/// `/verwaltungen/:slug/protokoll`: an organisation's events, for its owners.
#[component]
pub fn OrganisationAuditPage() -> impl IntoView {
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let base = format!("/verwaltungen/{slug}/protokoll");
    let data = OnceResource::new(fetch_audit(Some(slug), page_number()));
    view! { <AuditLog data base /> }
}

#[component]
fn AuditLog(data: OnceResource<Result<AuditPageData, crate::error::AppError>>, base: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("audit.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("audit.title"), move |data| {
                let base = base.clone();
                let ts = move |t: &str| format_timestamp(i18n.locale, t);
                let show_ip = data.entries.iter().any(|e| e.ip.is_some());
                view! {
                    <hgroup class="kern-hgroup">
                        <h1 class="kern-heading kern-heading-x-large">{i18n.t("audit.title")}</h1>
                        {data.organisation.clone().map(|o| view! { <p class="kern-subline"><a class="kern-link" href=format!("/verwaltungen/{}", o.slug)>{o.name}</a></p> })}
                    </hgroup>
                    {if data.entries.is_empty() {
                        view! { <p class="kern-body">{i18n.t("audit.empty")}</p> }.into_any()
                    } else {
                        view! {
                            <Table caption={i18n.t("audit.title")} headers={ let mut h = vec![i18n.t("audit.when"), i18n.t("audit.who"), i18n.t("audit.what"), i18n.t("audit.subject"), i18n.t("audit.organisation")]; if show_ip { h.push(i18n.t("audit.ip")); } h } small=true>
                                        {data.entries.iter().map(|e| view! {
                                            <tr class="kern-table__row">
                                                <td class="kern-table__cell">{ts(&e.occurred_at)}</td>
                                                <td class="kern-table__cell">{e.actor.clone().unwrap_or_else(|| "–".into())}</td>
                                                <td class="kern-table__cell">{i18n.text(&format!("audit.action.{}", e.action))}</td>
                                                <td class="kern-table__cell">{e.subject.clone()}</td>
                                                <td class="kern-table__cell">{e.organisation.clone().unwrap_or_else(|| "–".into())}</td>
                                                {show_ip.then(|| view! { <td class="kern-table__cell">{e.ip.clone().unwrap_or_default()}</td> })}
                                            </tr>
                                        }).collect_view()}
                            </Table>
                        }.into_any()
                    }}
                    <Pagination
                        previous=(data.page > 1).then(|| format!("{base}?seite={}", data.page - 1))
                        next=data.has_more.then(|| format!("{base}?seite={}", data.page + 1))
                    />
                }
            })}
        </div>
    }
}
