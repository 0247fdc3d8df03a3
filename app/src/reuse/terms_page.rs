//! `/nachnutzung/vereinbarungen/:id/bedingungen`: the terms form, for a
//! publisher or owner of a party while the parties coordinate. A save on
//! an outdated page comes back with the reader's input kept and, above the
//! form, each field someone else changed meanwhile with its saved value.

use super::agreement_page::fetch_agreement;
use super::dto::AgreementView;
use super::terms::{AgreementKind, LegalBasis};
use super::terms_form::Terms;
use crate::components::loaded_page;
use crate::forms::{
    use_flash, ChoiceField, ErrorSummary, Flash, FormState, HiddenField, SubmitButton, TextArea, TextField,
};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

pub const FORM: &str = "agreement-terms";
/// The error a field gets when someone else saved it meanwhile.
pub const CHANGED_MEANWHILE: &str = "reuse.terms.changed_meanwhile";

#[component]
pub fn TermsPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let id = use_params_map().get_untracked().get("id").unwrap_or_default();
    let data = OnceResource::new(fetch_agreement(id));
    view! {
        <Title text=i18n.t("reuse.terms.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("reuse.terms.title"), move |view| terms_form(view, flash.clone()))}
        </div>
    }
}

/// The label of a terms field, for the conflict list.
pub fn label_key(field: &str) -> &'static str {
    match field {
        "kind" => "reuse.request.kind",
        "legal_basis" => "reuse.terms.legal_basis",
        "legal_basis_note" => "reuse.terms.legal_basis_note",
        "versions" => "reuse.terms.versions",
        "support" => "reuse.terms.support",
        "maintenance" => "reuse.terms.maintenance",
        "contribute_back" => "reuse.terms.contribute_back",
        "starts_on" => "reuse.terms.starts_on",
        "ends_on" => "reuse.terms.ends_on",
        "costs" => "reuse.costs.heading",
        "documents" => "reuse.documents.heading",
        "contact" => "reuse.contact.label",
        "publication" => "reuse.publication.label",
        _ => "reuse.terms.notice_months",
    }
}

/// A saved value as the reader reads it.
pub fn shown(i18n: I18n, terms: &Terms, field: &str) -> String {
    let text = terms.field(field);
    match field {
        "kind" => i18n.t(terms.kind.label_key()).to_owned(),
        "legal_basis" => terms
            .legal_basis
            .map_or(i18n.t("reuse.terms.none"), |b| i18n.t(b.label_key()))
            .to_owned(),
        "contribute_back" => i18n
            .t(if terms.contribute_back {
                "reuse.terms.yes"
            } else {
                "reuse.terms.no"
            })
            .to_owned(),
        _ if text.is_empty() => i18n.t("reuse.terms.none").to_owned(),
        _ => text,
    }
}

fn conflicts(i18n: I18n, state: &Option<FormState>, terms: &Terms) -> impl IntoView {
    let changed: Vec<String> = state
        .iter()
        .flat_map(|s| s.errors.iter())
        .filter(|e| e.key == CHANGED_MEANWHILE)
        .map(|e| e.field.clone())
        .collect();
    (!changed.is_empty()).then(|| {
        view! {
            <div class="kern-alert kern-alert--warning" role="alert">
                <div class="kern-alert__header">
                    <span class="kern-icon kern-icon--warning" aria-hidden="true"></span>
                    <h2 class="kern-title">{i18n.t("reuse.terms.conflict.title")}</h2>
                </div>
                <div class="kern-alert__body">
                    <p class="kern-body">{i18n.t("reuse.terms.conflict.text")}</p>
                    <dl class="kern-description-list">
                        {changed.into_iter().map(|field| view! {
                            <div class="kern-description-list-item">
                                <dt class="kern-description-list-item__key">{i18n.t(label_key(&field))}</dt>
                                <dd class="kern-description-list-item__value">{shown(i18n, terms, &field)}</dd>
                            </div>
                        }).collect_view()}
                    </dl>
                </div>
            </div>
        }
    })
}

fn terms_form(view: AgreementView, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let state = flash.form(FORM);
    let terms = view.terms.clone();
    let editors: Vec<(String, String)> = view
        .actions
        .iter()
        .filter(|a| a.edit_terms)
        .filter_map(|a| {
            view.parties
                .iter()
                .find(|p| p.organisation_id == a.organisation_id)
                .map(|p| (p.organisation_id.clone(), p.organisation_name.clone()))
        })
        .collect();
    let back = format!("/nachnutzung/vereinbarungen/{}", view.id);
    let heading = i18n.t_with("reuse.terms.heading", &[("software", &view.software_name)]);
    let body = if editors.is_empty() {
        view! { <p class="kern-body">{i18n.t("reuse.terms.not_now")}</p> }.into_any()
    } else {
        let kinds = AgreementKind::ALL
            .iter()
            .map(|k| (k.code().to_owned(), i18n.t(k.label_key()).to_owned()))
            .collect::<Vec<_>>();
        let bases = std::iter::once((String::new(), i18n.t("reuse.terms.none").to_owned()))
            .chain(
                LegalBasis::ALL
                    .iter()
                    .map(|b| (b.code().to_owned(), i18n.t(b.label_key()).to_owned())),
            )
            .collect::<Vec<_>>();
        let contribute = state
            .as_ref()
            .map_or(terms.contribute_back, |s| s.value("contribute_back") == Some("ja"));
        let organisation = if editors.len() == 1 {
            view! { <HiddenField name="organisation" value=editors[0].0.clone() /> }.into_any()
        } else {
            view! {
                <ChoiceField state=state.clone() id="agreement-terms-organisation".into() name="organisation"
                    label=i18n.t("reuse.terms.acting_for") options=editors.clone() />
            }
            .into_any()
        };
        view! {
            {conflicts(i18n, &state, &terms)}
            <ErrorSummary state=state.clone() prefix=FORM />
            <form method="post" action=format!("{back}/bedingungen") class="stack">
                {organisation}
                <HiddenField name="version" value=view.version.to_string() />
                <ChoiceField state=state.clone() id="agreement-terms-kind".into() name="kind"
                    label=i18n.t("reuse.request.kind") options=kinds selected=terms.field("kind") />
                <ChoiceField state=state.clone() id="agreement-terms-legal_basis".into() name="legal_basis"
                    label=i18n.t("reuse.terms.legal_basis") options=bases selected=terms.field("legal_basis") />
                <TextField state=state.clone() id="agreement-terms-legal_basis_note".into() name="legal_basis_note"
                    label=i18n.t("reuse.terms.legal_basis_note") hint=i18n.t("reuse.terms.legal_basis_hint")
                    required=false maxlength=1000 value=terms.legal_basis_note.clone() />
                <TextField state=state.clone() id="agreement-terms-versions".into() name="versions"
                    label=i18n.t("reuse.terms.versions") hint=i18n.t("reuse.terms.versions_hint")
                    required=false maxlength=100 value=terms.versions.clone() />
                <TextArea state=state.clone() id="agreement-terms-support".into() name="support"
                    label=i18n.t("reuse.terms.support") maxlength=4000 value=terms.support.clone() />
                <TextArea state=state.clone() id="agreement-terms-maintenance".into() name="maintenance"
                    label=i18n.t("reuse.terms.maintenance") maxlength=4000 value=terms.maintenance.clone() />
                <div class="kern-form-check">
                    <input class="kern-form-check__checkbox" type="checkbox" id="agreement-terms-contribute_back"
                        name="contribute_back" value="ja" checked=contribute />
                    <label class="kern-label" for="agreement-terms-contribute_back">{i18n.t("reuse.terms.contribute_back")}</label>
                </div>
                <TextField state=state.clone() id="agreement-terms-starts_on".into() name="starts_on"
                    label=i18n.t("reuse.terms.starts_on") input_type="date" required=false value=terms.field("starts_on") />
                <TextField state=state.clone() id="agreement-terms-ends_on".into() name="ends_on"
                    label=i18n.t("reuse.terms.ends_on") input_type="date" required=false value=terms.field("ends_on") />
                <TextField state=state.clone() id="agreement-terms-notice_months".into() name="notice_months"
                    label=i18n.t("reuse.terms.notice_months") input_type="number" required=false value=terms.field("notice_months") />
                <SubmitButton label=i18n.t("reuse.terms.submit") />
            </form>
        }
        .into_any()
    };
    view! {
        <hgroup class="kern-hgroup">
            <h1 class="kern-heading kern-heading-x-large">{heading}</h1>
            <p class="kern-subline"><a class="kern-link" href=back.clone()>{i18n.t("reuse.terms.back")}</a></p>
        </hgroup>
        <p class="kern-body">{i18n.t("reuse.terms.intro")}</p>
        {body}
    }
}
