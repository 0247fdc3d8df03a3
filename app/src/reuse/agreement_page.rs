//! `/nachnutzung/vereinbarungen/:id`: an agreement's public summary (entry,
//! kind, status, parties and their signatures, history) and, for members of
//! a party, the steps the status machine allows them now, each a plain form.

use super::dto::{AgreementView, PartyActions};
use super::terms_form::FIELDS;
use super::terms_page::{label_key, shown};
use super::workflow::AgreementStatus;
use crate::accounts::dto::format_timestamp;
use crate::components::loaded_page;
use crate::error::AppError;
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[server(prefix = "/api/fn", endpoint = "agreement")]
pub async fn fetch_agreement(id: String) -> Result<AgreementView, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?.reuse.agreement(viewer.as_ref(), &id).await
}

#[component]
pub fn AgreementPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let data = OnceResource::new(fetch_agreement(id));
    view! {
        <Title text=i18n.t("reuse.agreement.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("reuse.agreement.title"), agreement)}
        </div>
    }
}

/// The KERN badge of a status: in force, over, or on the way.
pub fn status_badge(status: AgreementStatus) -> &'static str {
    if status.is_in_force() {
        "kern-badge kern-badge--success"
    } else if status.is_final() {
        "kern-badge kern-badge--warning"
    } else {
        "kern-badge kern-badge--info"
    }
}

fn agreement(view: AgreementView) -> impl IntoView {
    let i18n = use_i18n();
    let steps = view
        .actions
        .iter()
        .filter(|a| !a.actions.is_empty())
        .map(|a| step_forms(i18n, &view, a))
        .collect_view();
    let history = view
        .history
        .iter()
        .map(|h| {
            let what = match h.action.as_str() {
                "open" => i18n.t("reuse.history.open").to_owned(),
                "edit" => {
                    let fields: Vec<&str> = h.changed_fields.iter().map(|f| i18n.t(label_key(f))).collect();
                    format!("{} ({})", i18n.t("reuse.history.edit"), fields.join(", "))
                }
                code => super::workflow::Action::from_code(code)
                    .map(|a| i18n.t(a.label_key()).to_owned())
                    .unwrap_or_else(|| code.to_owned()),
            };
            let who = match (&h.actor_name, &h.acting_for) {
                (Some(person), Some(party)) => format!("{person} ({party})"),
                (Some(person), None) => person.clone(),
                (None, Some(party)) => party.clone(),
                (None, None) => i18n.t("notification.someone").to_owned(),
            };
            view! {
                <li class="agreement-history__entry">
                    <time class="kern-body kern-body--small" datetime=h.at.clone()>{format_timestamp(i18n.locale, &h.at)}</time>
                    <p class="kern-body">{who}": "{what}" → "{i18n.t(h.to_status.label_key())}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <hgroup class="kern-hgroup">
            <h1 class="kern-heading kern-heading-x-large">
                {i18n.t_with("reuse.agreement.heading", &[("software", &view.software_name)])}
            </h1>
            <p class="kern-subline">{i18n.t(view.terms.kind.label_key())}</p>
        </hgroup>
        <p class="kern-body">
            {i18n.t("reuse.agreement.status")}": "
            <span class=status_badge(view.status)><span class="kern-label kern-label--small">{i18n.t(view.status.label_key())}</span></span>
        </p>
        <p class="kern-body">
            <a class="kern-link" href=format!("/software/{}", view.software_slug)>{i18n.t_with("reuse.agreement.to_entry", &[("software", &view.software_name)])}</a>
        </p>
        {view.request_message.clone().map(|message| view! {
            <section aria-labelledby="agreement-request" class="account-section">
                <h2 class="kern-heading kern-heading-medium" id="agreement-request">{i18n.t("reuse.agreement.request")}</h2>
                <p class="kern-body">{i18n.t(view.confidentiality_key())}</p>
                <blockquote class="agreement-request">{message}</blockquote>
            </section>
        })}
        <section aria-labelledby="agreement-terms" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="agreement-terms">{i18n.t("reuse.terms.section")}</h2>
            <dl class="kern-description-list">
                {FIELDS.iter().map(|field| view! {
                    <div class="kern-description-list-item">
                        <dt class="kern-description-list-item__key">{i18n.t(label_key(field))}</dt>
                        <dd class="kern-description-list-item__value">{shown(i18n, &view.terms, field)}</dd>
                    </div>
                }).collect_view()}
            </dl>
            {view.actions.iter().any(|a| a.edit_terms).then(|| view! {
                <p class="kern-body">
                    <a class="kern-btn kern-btn--secondary" href=format!("/nachnutzung/vereinbarungen/{}/bedingungen", view.id)>
                        <span class="kern-label">{i18n.t("reuse.terms.edit")}</span>
                    </a>
                </p>
            })}
        </section>
        <super::costs_section::CostsSection view=view.clone() />
        <super::documents_section::DocumentsSection view=view.clone() />
        <super::parties_section::PartiesSection view=view.clone() />
        {steps}
        <section aria-labelledby="agreement-history" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="agreement-history">{i18n.t("reuse.agreement.history")}</h2>
            <ol class="agreement-history">{history}</ol>
        </section>
    }
}

/// The steps one party may take, one form each; the version the page shows
/// goes along, so a step on an outdated page is refused, not applied.
fn step_forms(i18n: I18n, view: &AgreementView, party: &PartyActions) -> impl IntoView {
    let name = view
        .parties
        .iter()
        .find(|p| p.organisation_id == party.organisation_id)
        .map(|p| p.organisation_name.clone())
        .unwrap_or_default();
    let heading_id = format!("steps-{}", party.organisation_id);
    let labelled_by = heading_id.clone();
    let action = format!("/nachnutzung/vereinbarungen/{}/schritt", view.id);
    let buttons = party
        .actions
        .iter()
        .map(|step| {
            view! {
                <form method="post" action=action.clone() class="inline-form">
                    <input type="hidden" name="organisation" value=party.organisation_id.clone() />
                    <input type="hidden" name="version" value=view.version.to_string() />
                    <button class="kern-btn kern-btn--secondary" type="submit" name="aktion" value=step.code()>
                        <span class="kern-label">{i18n.t(step.label_key())}</span>
                    </button>
                </form>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby=labelled_by class="account-section">
            <h2 class="kern-heading kern-heading-medium" id=heading_id>{i18n.t_with("reuse.agreement.act_for", &[("organisation", &name)])}</h2>
            <p class="kern-body">{i18n.t("reuse.agreement.steps")}</p>
            <div class="form-actions">{buttons}</div>
        </section>
    }
}
