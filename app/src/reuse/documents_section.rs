//! The documents of an agreement on its page, for readers who see the
//! confidential parts: each with its type, size, who added it and its
//! SHA-256 (to compare with `sha256sum` after downloading), and, for a
//! party's publishers, a plain multipart form to add one and a button to
//! remove their party's own.

use super::documents::{format_size, MAX_BYTES};
use super::dto::{AgreementView, DocumentView};
use crate::accounts::dto::format_timestamp;
use crate::components::Table;
use crate::forms::{use_flash, ErrorSummary, HiddenField, SubmitButton, TextField};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;

pub const FORM: &str = "agreement-documents";

fn row(i18n: I18n, agreement: &str, d: DocumentView) -> impl IntoView {
    let href = format!("/nachnutzung/vereinbarungen/{agreement}/dokumente/{}", d.id);
    let added = [d.uploaded_by.clone(), d.uploaded_for.clone().map(|p| format!("({p})"))]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let remove = d.removable_for.clone().map(|party| {
        let label = i18n.t_with("reuse.documents.remove_named", &[("title", &d.title)]);
        view! {
            <form method="post" action=format!("{href}/entfernen") class="inline-form">
                <input type="hidden" name="organisation" value=party />
                <button class="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit" aria-label=label>
                    <span class="kern-label">{i18n.t("reuse.documents.remove")}</span>
                </button>
            </form>
        }
    });
    view! {
        <tr class="kern-table__row">
            <td class="kern-table__cell">
                <a class="kern-link" href=href download=d.file_name.clone()>{d.title.clone()}</a>
                <span class="kern-body kern-body--small document-file">{d.file_name.clone()}</span>
            </td>
            <td class="kern-table__cell">{format!("{}, {}", i18n.t(d.kind.label_key()), format_size(i18n.locale, d.size_bytes))}</td>
            <td class="kern-table__cell">
                <time datetime=d.uploaded_at.clone()>{format_timestamp(i18n.locale, &d.uploaded_at)}</time>
                " "{added}
            </td>
            <td class="kern-table__cell"><code class="checksum">{d.sha256.clone()}</code></td>
            <td class="kern-table__cell">{remove}</td>
        </tr>
    }
}

#[component]
pub fn DocumentsSection(view: AgreementView) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_flash().form(FORM);
    let Some(documents) = view.documents.clone() else {
        return ().into_any();
    };
    // The first party the reader keeps records for adds for the form.
    let keeper = view
        .actions
        .iter()
        .find(|a| a.keep_records)
        .map(|a| a.organisation_id.clone());
    let limit = format_size(i18n.locale, MAX_BYTES as i64);
    let hint = i18n.t_with("reuse.documents.file_hint", &[("limit", &limit)]);
    let form = keeper.map(|organisation| {
        let error = state.as_ref().and_then(|s| s.error("datei")).map(|k| i18n.text_with(k, &[("limit", &limit)]));
        let described = if error.is_some() {
            format!("{FORM}-datei-hint {FORM}-datei-error")
        } else {
            format!("{FORM}-datei-hint")
        };
        view! {
            <h3 class="kern-heading kern-heading-small" id="documents-add">{i18n.t("reuse.documents.add")}</h3>
            <ErrorSummary state=state.clone() prefix=FORM />
            <form method="post" enctype="multipart/form-data" action=format!("/nachnutzung/vereinbarungen/{}/dokumente", view.id)
                class="stack" aria-labelledby="documents-add">
                <HiddenField name="organisation" value=organisation />
                <TextField state=state.clone() id=format!("{FORM}-titel") name="titel" label=i18n.t("reuse.documents.title")
                    hint=i18n.t("reuse.documents.title_hint") required=false maxlength=200 />
                <div class="kern-form-input">
                    <label class="kern-label" for=format!("{FORM}-datei")>{i18n.t("reuse.documents.file")}</label>
                    <p class="kern-hint" id=format!("{FORM}-datei-hint")>{hint.clone()}</p>
                    {error.clone().map(|text| view! {
                        <p class="kern-error" id=format!("{FORM}-datei-error")>
                            <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
                            <span class="kern-body">{text}</span>
                        </p>
                    })}
                    <input class="kern-form-input__input" id=format!("{FORM}-datei") name="datei" type="file" required=true
                        accept=".pdf,.odt,.ods,.odp,application/pdf,application/vnd.oasis.opendocument.text,application/vnd.oasis.opendocument.spreadsheet,application/vnd.oasis.opendocument.presentation"
                        aria-invalid=error.is_some().then_some("true") aria-describedby=described />
                </div>
                <SubmitButton label=i18n.t("reuse.documents.submit") />
            </form>
        }
    });
    let headers = vec![
        i18n.t("reuse.documents.document"),
        i18n.t("reuse.documents.kind"),
        i18n.t("reuse.documents.added"),
        i18n.t("reuse.documents.checksum"),
        i18n.t("reuse.documents.actions"),
    ];
    let agreement = view.id.clone();
    view! {
        <section aria-labelledby="agreement-documents" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="agreement-documents">{i18n.t("reuse.documents.heading")}</h2>
            <p class="kern-body">{i18n.t(view.confidentiality_key())}</p>
            {if documents.is_empty() {
                view! { <p class="kern-body">{i18n.t("reuse.documents.none")}</p> }.into_any()
            } else {
                view! {
                    <Table caption=i18n.t("reuse.documents.heading") headers>
                        {documents.into_iter().map(|d| row(i18n, &agreement, d)).collect_view()}
                    </Table>
                    <p class="kern-body kern-body--small">{i18n.t("reuse.documents.checksum_hint")}</p>
                }.into_any()
            }}
            {form}
        </section>
    }
    .into_any()
}
