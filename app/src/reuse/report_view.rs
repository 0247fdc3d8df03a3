//! A reuse report as a page shows it, for a Land or an organisation: what
//! it provides and to whom, what it reuses and from whom, what it declares
//! it uses, its partners,
//! and its cost shares per period. Tables with captions, so that each
//! figure reads without the picture.

use super::cost_blocks::format_amount;
use super::dto::OrganisationRef;
use super::report::{ReportLine, ReuseReport, Scope};
use crate::components::Table;
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;

fn names(organisations: &[OrganisationRef]) -> impl IntoView {
    organisations
        .iter()
        .enumerate()
        .map(|(i, o)| {
            view! {
                {(i > 0).then_some(", ")}
                <a class="kern-link" href=format!("/verwaltungen/{}", o.slug)>{o.name.clone()}</a>
            }
        })
        .collect_view()
}

fn lines(i18n: I18n, lines: &[ReportLine]) -> impl IntoView {
    lines
        .iter()
        .map(|l| {
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell"><a class="kern-link" href=format!("/software/{}", l.software_slug)>{l.software_name.clone()}</a></td>
                    <td class="kern-table__cell"><a class="kern-link" href=format!("/verwaltungen/{}", l.provider.slug)>{l.provider.name.clone()}</a></td>
                    <td class="kern-table__cell">{names(&l.reusers)}</td>
                    <td class="kern-table__cell amount">{i18n.number(l.agreements as i64)}</td>
                </tr>
            }
        })
        .collect_view()
}

/// "The 100 most frequent of 340" when a table is cut.
fn cut(i18n: I18n, shown: usize, all: usize) -> Option<impl IntoView> {
    (all > shown).then(|| {
        view! {
            <p class="kern-body kern-body--small">
                {i18n.t_with("reuse.report.cut", &[("shown", &shown.to_string()), ("all", &i18n.number(all as i64))])}
            </p>
        }
    })
}

#[component]
pub fn ReportView(report: ReuseReport) -> impl IntoView {
    let i18n = use_i18n();
    let list = match &report.scope {
        Scope::Land(code) => format!("/nachnutzung?land={code}"),
        Scope::Organisation(_) => "/nachnutzung".to_owned(),
    };
    let line_headers = || {
        vec![
            i18n.t("reuse.report.software"),
            i18n.t("reuse.report.provider"),
            i18n.t("reuse.report.reusers"),
            i18n.t("reuse.report.agreements"),
        ]
    };
    let partners = report
        .partners
        .iter()
        .map(|p| {
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{p.name.clone()}</td>
                    <td class="kern-table__cell amount">{i18n.number(p.provided_to as i64)}</td>
                    <td class="kern-table__cell amount">{i18n.number(p.reused_from as i64)}</td>
                </tr>
            }
        })
        .collect_view();
    let costs = report
        .costs
        .iter()
        .map(|c| {
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{c.period.clone()}</td>
                    <td class="kern-table__cell amount">{format_amount(i18n.locale, c.cents)}</td>
                </tr>
            }
        })
        .collect_view();
    let name = report.name.clone();
    let provided_cut = cut(i18n, report.provided.len(), report.provided_lines);
    let reused_cut = cut(i18n, report.reused.len(), report.reused_lines);
    let partners_cut = cut(i18n, report.partners.len(), report.partner_count);
    let declared_cut = cut(i18n, report.declared.len(), report.declared_count);
    let declared_rows = report
        .declared
        .iter()
        .map(|d| {
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell"><a class="kern-link" href=format!("/software/{}#nutzung", d.software_slug)>{d.software_name.clone()}</a></td>
                    <td class="kern-table__cell"><a class="kern-link" href=format!("/verwaltungen/{}", d.organisation.slug)>{d.organisation.name.clone()}</a></td>
                    <td class="kern-table__cell">{d.version.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let provided_rows = lines(i18n, &report.provided);
    let reused_rows = lines(i18n, &report.reused);
    view! {
        <p class="kern-body">{i18n.t("reuse.report.in_force")}" "<a class="kern-link" href=list>{i18n.t("reuse.report.to_list")}</a></p>
        <section aria-labelledby="report-provided" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="report-provided">{i18n.t_with("reuse.report.provided", &[("name", &name)])}</h2>
            {if report.provided.is_empty() {
                view! { <p class="kern-body">{i18n.t("reuse.report.none_provided")}</p> }.into_any()
            } else {
                view! {
                    <Table caption=i18n.t("reuse.report.provided_caption") headers=line_headers()>{provided_rows}</Table>
                    {provided_cut}
                }.into_any()
            }}
        </section>
        <section aria-labelledby="report-reused" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="report-reused">{i18n.t_with("reuse.report.reused", &[("name", &name)])}</h2>
            {if report.reused.is_empty() {
                view! { <p class="kern-body">{i18n.t("reuse.report.none_reused")}</p> }.into_any()
            } else {
                view! {
                    <Table caption=i18n.t("reuse.report.reused_caption") headers=line_headers()>{reused_rows}</Table>
                    {reused_cut}
                }.into_any()
            }}
        </section>
        <section aria-labelledby="report-declared" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="report-declared">{i18n.t_with("reuse.report.declared", &[("name", &name)])}</h2>
            {if report.declared.is_empty() {
                view! { <p class="kern-body">{i18n.t("reuse.report.none_declared")}</p> }.into_any()
            } else {
                view! {
                    <Table caption=i18n.t("reuse.report.declared_caption")
                        headers=vec![i18n.t("reuse.report.software"), i18n.t("reuse.usage.organisation"), i18n.t("reuse.usage.version")]>
                        {declared_rows}
                    </Table>
                    {declared_cut}
                }.into_any()
            }}
        </section>
        <section aria-labelledby="report-partners" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="report-partners">{i18n.t("reuse.report.partners")}</h2>
            {if report.partners.is_empty() {
                view! { <p class="kern-body">{i18n.t("reuse.report.none_partners")}</p> }.into_any()
            } else {
                view! {
                    <Table caption=i18n.t("reuse.report.partners")
                        headers=vec![i18n.t("reuse.report.partner"), i18n.t("reuse.report.provided_to"), i18n.t("reuse.report.reused_from")]>
                        {partners}
                    </Table>
                    {partners_cut}
                }.into_any()
            }}
        </section>
        <section aria-labelledby="report-costs" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="report-costs">{i18n.t_with("reuse.report.costs", &[("name", &name)])}</h2>
            <p class="kern-body">{i18n.t("reuse.report.costs_explained")}</p>
            {if report.costs.is_empty() {
                view! { <p class="kern-body">{i18n.t("reuse.report.none_costs")}</p> }.into_any()
            } else {
                view! {
                    <Table caption=i18n.t("reuse.report.costs_caption") headers=vec![i18n.t("reuse.costs.period"), i18n.t("reuse.costs.share")]>
                        {costs}
                    </Table>
                }.into_any()
            }}
            {(report.costs_hidden > 0).then(|| view! {
                <p class="kern-body kern-body--small">
                    {i18n.t_with("reuse.report.costs_hidden", &[("count", &i18n.number(report.costs_hidden as i64))])}
                </p>
            })}
        </section>
    }
}
