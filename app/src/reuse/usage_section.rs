//! "Wer nutzt es?" on a software page: the organisations that declared
//! their use, verified ones first, each with version, purpose, whom to
//! ask and, where public, the running instance.

use super::usage::{EntryUsage, UsageView};
use crate::accounts::dto::format_date;
use crate::components::Table;
use crate::forms::ActionButton;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn UsageSection(usage: EntryUsage, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let verified = usage.verified.to_string();
    let total = usage.declarations.len();
    let headers = vec![
        i18n.t("reuse.usage.organisation"),
        i18n.t("reuse.usage.version"),
        i18n.t("reuse.usage.use_case"),
        i18n.t("reuse.usage.contact"),
        i18n.t("reuse.usage.instance"),
        i18n.t("reuse.usage.valid_until"),
        i18n.t("reuse.usage.actions"),
    ];
    let rows = usage.declarations.into_iter().map(row).collect_view();
    view! {
        <h3 class="kern-heading kern-heading-small" id="nutzung">{i18n.t("reuse.usage.heading")}</h3>
        <p class="kern-body">
            {i18n.t_with("reuse.usage.counts", &[("verified", &verified)])}
            " "
            <a class="kern-link" href=format!("/software/{slug}/nutzung")>{i18n.t("reuse.usage.link")}</a>
        </p>
        {(total > 0).then(|| view! { <Table caption=i18n.t("reuse.usage.caption") headers>{rows}</Table> })}
    }
}

fn row(d: UsageView) -> impl IntoView {
    let i18n = use_i18n();
    let contact = match (d.contact_name.clone(), d.contact_email.clone()) {
        (Some(name), Some(email)) => {
            view! { <a class="kern-link" href=format!("mailto:{email}")>{name}</a> }.into_any()
        }
        (Some(name), None) => view! { <span>{name}</span> }.into_any(),
        _ => view! { <span>{i18n.t("reuse.usage.no_contact")}</span> }.into_any(),
    };
    let instance = match d.instance_url.clone() {
        Some(url) => {
            let internal = (!d.instance_public).then(|| format!(" ({})", i18n.t("reuse.usage.internal")));
            let href = url.clone();
            view! {
                <a class="kern-link" href=href rel="nofollow noopener noreferrer">{url}</a>
                {internal}
            }
            .into_any()
        }
        None => view! { <span>"–"</span> }.into_any(),
    };
    let org = d.organisation.name.clone();
    view! {
        <tr class="kern-table__row">
            <td class="kern-table__cell">
                <a class="kern-link" href=format!("/verwaltungen/{}", d.organisation.slug)>{org.clone()}</a>
                {(!d.verified).then(|| view! {
                    " "
                    <span class="kern-badge kern-badge--warning"><span class="kern-label kern-label--small">{i18n.t("reuse.usage.unverified")}</span></span>
                })}
            </td>
            <td class="kern-table__cell">{d.version.clone()}</td>
            <td class="kern-table__cell">{d.use_case.clone()}</td>
            <td class="kern-table__cell">{contact}</td>
            <td class="kern-table__cell">{instance}</td>
            <td class="kern-table__cell">
                <time datetime=d.expires_at.clone()>{format_date(i18n.locale, &d.expires_at)}</time>
            </td>
            <td class="kern-table__cell">
                {d.may_renew.then(|| view! {
                    <ActionButton action=format!("/nutzung/{}/erneuern", d.id) label=i18n.t("reuse.usage.renew")
                        aria_label=i18n.t_with("reuse.usage.renew_of", &[("organisation", &org)]) />
                })}
                {d.may_withdraw.then(|| view! {
                    <ActionButton action=format!("/nutzung/{}/zurueckziehen", d.id) label=i18n.t("reuse.usage.withdraw")
                        aria_label=i18n.t_with("reuse.usage.withdraw_of", &[("organisation", &org)]) />
                })}
            </td>
        </tr>
    }
}
