//! `/nachnutzung/berichte`: reuse in force between the Länder, as a graph
//! and as a table; `/nachnutzung/berichte/:land`: one Land's report; and
//! `/verwaltungen/:slug/nachnutzung`: one organisation's. All read paths,
//! rendered on the server.

use super::graph::ReuseGraphImage;
use super::report::{nodes, ReuseGraph, ReuseReport};
use super::report_view::ReportView;
use crate::components::{loaded_page, Table};
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[server(prefix = "/api/fn", endpoint = "reuse_graph")]
pub async fn fetch_graph() -> Result<ReuseGraph, AppError> {
    crate::ports::services()?.reuse.graph().await
}

#[server(prefix = "/api/fn", endpoint = "land_report")]
pub async fn fetch_land_report(land: String) -> Result<ReuseReport, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .reuse
        .land_report(viewer.as_ref(), &land)
        .await
}

#[server(prefix = "/api/fn", endpoint = "organisation_report")]
pub async fn fetch_organisation_report(slug: String) -> Result<ReuseReport, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .reuse
        .organisation_report(viewer.as_ref(), &slug)
        .await
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = OnceResource::new(fetch_graph());
    view! {
        <Title text=i18n.t("reuse.reports.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("reuse.reports.title"), graph_page)}
        </div>
    }
}

fn graph_page(graph: ReuseGraph) -> impl IntoView {
    let i18n = use_i18n();
    let rows = nodes()
        .into_iter()
        .map(|(code, name)| {
            let link = (code != super::report::FEDERAL).then(|| {
                view! { <a class="kern-link" href=format!("/nachnutzung/berichte/{code}")>{i18n.t_with("reuse.reports.report_of", &[("land", name)])}</a> }
            });
            view! {
                <tr class="kern-table__row">
                    <th class="kern-table__cell" scope="row">{name}</th>
                    <td class="kern-table__cell amount">{i18n.number(graph.provided_by(code) as i64)}</td>
                    <td class="kern-table__cell amount">{i18n.number(graph.reused_by(code) as i64)}</td>
                    <td class="kern-table__cell amount">{i18n.number(graph.within(code) as i64)}</td>
                    <td class="kern-table__cell">{link}</td>
                </tr>
            }
        })
        .collect_view();
    let edges = graph
        .edges
        .iter()
        .filter(|(from, to, _)| from != to)
        .map(|(from, to, count)| {
            let name = |code: &str| super::report::land_label(Some(code).filter(|c| *c != super::report::FEDERAL));
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{name(from)}</td>
                    <td class="kern-table__cell">{name(to)}</td>
                    <td class="kern-table__cell amount">{i18n.number(*count as i64)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1 class="kern-heading kern-heading-x-large">{i18n.t("reuse.reports.title")}</h1>
        <p class="kern-body kern-body--large">{i18n.t("reuse.reports.intro")}</p>
        <ReuseGraphImage graph=graph.clone() />
        <section aria-labelledby="reports-laender" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="reports-laender">{i18n.t("reuse.reports.per_land")}</h2>
            <Table caption=i18n.t("reuse.reports.per_land")
                headers=vec![i18n.t("reuse.reports.land"), i18n.t("reuse.reports.provided"), i18n.t("reuse.reports.reused"), i18n.t("reuse.reports.within"), i18n.t("reuse.reports.report")]>
                {rows}
            </Table>
        </section>
        <section aria-labelledby="reports-edges" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="reports-edges">{i18n.t("reuse.reports.between")}</h2>
            <Table caption=i18n.t("reuse.reports.between")
                headers=vec![i18n.t("reuse.reports.from"), i18n.t("reuse.reports.to"), i18n.t("reuse.report.agreements")]>
                {edges}
            </Table>
        </section>
    }
}

#[component]
pub fn LandReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let land = use_params_map().get_untracked().get("land").unwrap_or_default();
    let data = OnceResource::new(fetch_land_report(land));
    view! {
        <Title text=i18n.t("reuse.reports.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("reuse.reports.title"), report_page)}
        </div>
    }
}

#[component]
pub fn OrganisationReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let data = OnceResource::new(fetch_organisation_report(slug));
    view! {
        <Title text=i18n.t("reuse.reports.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("reuse.reports.title"), report_page)}
        </div>
    }
}

fn report_page(report: ReuseReport) -> impl IntoView {
    let i18n = use_i18n();
    let back = match &report.scope {
        super::report::Scope::Land(_) => ("/nachnutzung/berichte".to_owned(), i18n.t("reuse.reports.all")),
        super::report::Scope::Organisation(o) => (
            format!("/verwaltungen/{}", o.slug),
            i18n.t("reuse.reports.to_organisation"),
        ),
    };
    view! {
        <Title text=i18n.t_with("reuse.report.title", &[("name", &report.name)]) />
        <h1 class="kern-heading kern-heading-x-large">{i18n.t_with("reuse.report.title", &[("name", &report.name)])}</h1>
        <p class="kern-body"><a class="kern-link" href=back.0>{back.1}</a></p>
        <ReportView report=report.clone() />
    }
}
