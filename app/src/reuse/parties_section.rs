//! An agreement's parties on its page: role, signature, contact person (for
//! readers who see the confidential parts) and consent to publish; and, per
//! party the reader keeps records for, plain forms to name the contact and,
//! for its owners, to give or withdraw the consent.

use super::dto::{AgreementView, PartyActions};
use crate::accounts::dto::format_timestamp;
use crate::components::Table;
use crate::forms::{use_flash, ChoiceField, HiddenField, SubmitButton};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;

pub const CONTACT_FORM: &str = "agreement-contact";

#[component]
pub fn PartiesSection(view: AgreementView) -> impl IntoView {
    let i18n = use_i18n();
    let confidential = view.documents.is_some();
    let rows = view
        .parties
        .iter()
        .map(|p| {
            let signed = p
                .signed_at
                .as_deref()
                .map(|t| format_timestamp(i18n.locale, t))
                .unwrap_or_else(|| i18n.t("reuse.agreement.not_signed").to_owned());
            let contact = p.contact.clone().map(|c| match c.email {
                Some(email) => view! {
                    {c.name}" "<a class="kern-link" href=format!("mailto:{email}")>{email.clone()}</a>
                }
                .into_any(),
                None => view! { {c.name} }.into_any(),
            });
            let consent = i18n.t(if p.publishes {
                "reuse.publication.agrees"
            } else {
                "reuse.publication.keeps"
            });
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell"><a class="kern-link" href=format!("/verwaltungen/{}", p.organisation_slug)>{p.organisation_name.clone()}</a></td>
                    <td class="kern-table__cell">{i18n.t(p.role.label_key())}</td>
                    <td class="kern-table__cell">{signed}</td>
                    {confidential.then(|| view! {
                        <td class="kern-table__cell">{contact.unwrap_or_else(|| i18n.t("reuse.contact.none").into_any())}</td>
                    })}
                    <td class="kern-table__cell">{consent}</td>
                </tr>
            }
        })
        .collect_view();
    let mut headers = vec![
        i18n.t("reuse.agreement.party"),
        i18n.t("reuse.agreement.role"),
        i18n.t("reuse.agreement.signature"),
    ];
    if confidential {
        headers.push(i18n.t("reuse.contact.label"));
    }
    headers.push(i18n.t("reuse.publication.label"));
    let forms = view
        .actions
        .iter()
        .filter(|a| a.keep_records || a.consent.is_some())
        .map(|a| party_forms(i18n, &view, a))
        .collect_view();
    view! {
        <section aria-labelledby="agreement-parties" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="agreement-parties">{i18n.t("reuse.agreement.parties")}</h2>
            <Table caption=i18n.t("reuse.agreement.parties") headers>{rows}</Table>
            <p class="kern-body kern-body--small">{i18n.t("reuse.publication.explained")}</p>
            {forms}
        </section>
    }
}

/// The contact and consent forms for one party the reader belongs to.
fn party_forms(i18n: I18n, view: &AgreementView, party: &PartyActions) -> impl IntoView {
    let state = use_flash().form(CONTACT_FORM);
    let current = view.parties.iter().find(|p| p.organisation_id == party.organisation_id);
    let name = current.map(|p| p.organisation_name.clone()).unwrap_or_default();
    let base = format!("/nachnutzung/vereinbarungen/{}", view.id);
    let contact = party.keep_records.then(|| {
        let chosen = current
            .and_then(|p| p.contact.as_ref())
            .map(|c| c.user_id.clone())
            .unwrap_or_default();
        let options = std::iter::once((String::new(), i18n.t("reuse.contact.nobody").to_owned()))
            .chain(party.members.iter().cloned())
            .collect::<Vec<_>>();
        view! {
            <form method="post" action=format!("{base}/kontakt") class="stack">
                <HiddenField name="organisation" value=party.organisation_id.clone() />
                <ChoiceField state=state.clone() id=format!("{CONTACT_FORM}-{}", party.organisation_id) name="kontakt"
                    label=i18n.t("reuse.contact.choose") options selected=chosen />
                <SubmitButton label=i18n.t("reuse.contact.submit") class="kern-btn kern-btn--secondary" />
            </form>
        }
    });
    let consent = party.consent.map(|agrees| {
        let (label, value) = if agrees {
            (i18n.t("reuse.publication.withdraw"), "nein")
        } else {
            (i18n.t("reuse.publication.agree"), "ja")
        };
        view! {
            <form method="post" action=format!("{base}/veroeffentlichung") class="inline-form">
                <HiddenField name="organisation" value=party.organisation_id.clone() />
                <SubmitButton label class="kern-btn kern-btn--secondary" name="zustimmung" value=value.to_owned() />
            </form>
        }
    });
    let heading_id = format!("records-{}", party.organisation_id);
    view! {
        <h3 class="kern-heading kern-heading-small" id=heading_id>{i18n.t_with("reuse.agreement.act_for", &[("organisation", &name)])}</h3>
        {contact}
        {consent}
    }
}
