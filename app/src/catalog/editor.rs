//! The publiccode.yml editor: a plain textarea that a form posts (so it
//! works without JavaScript), made live in the browser by the same
//! validator the server runs, compiled to wasm.

use super::publiccode::{self, IssueJson, Severity};
use crate::i18n::{message, message_with, Locale};
use leptos::prelude::*;

/// The issues of `text`, in `locale`.
pub fn check(text: &str, locale: Locale) -> Vec<IssueJson> {
    publiccode::validate(text)
        .issues
        .iter()
        .map(|i| i.to_json(locale))
        .collect()
}

/// A `data:` URL with the text, for the download link.
fn data_url(text: &str) -> String {
    format!("data:text/yaml;charset=utf-8,{}", super::dto::encode(text))
}

#[island]
pub fn PubliccodeEditor(initial: String, lang: String) -> impl IntoView {
    let locale = if lang == "en" { Locale::En } else { Locale::De };
    let text = RwSignal::new(initial.clone());
    // The live result appears once the wasm runs; before that (and without
    // JavaScript) the server's result above the form is what counts.
    let live = RwSignal::new(false);
    let area: NodeRef<leptos::html::Textarea> = NodeRef::new();
    // Effects run once the island is hydrated: take over what was typed
    // before the wasm arrived, then show the live result.
    Effect::new(move |_| {
        if let Some(area) = area.get() {
            text.set(area.value());
        }
        live.set(true);
    });
    let issues = Memo::new(move |_| text.with(|t| check(t, locale)));
    let summary = move || {
        let list = issues.get();
        let errors = list.iter().filter(|i| i.severity == Severity::Error).count();
        let warnings = list.len() - errors;
        if errors == 0 {
            message_with(locale, "catalog.editor.valid", &[("warnings", &warnings.to_string())])
        } else {
            message_with(
                locale,
                "catalog.editor.invalid",
                &[("errors", &errors.to_string()), ("warnings", &warnings.to_string())],
            )
        }
    };
    // One root and no conditional branches: the server renders the same
    // tree (the live part hidden), so hydration has nothing to reconcile.
    view! {
        <div class="publiccode-editor">
            <div class="kern-form-input">
                <label class="kern-label" for="publish-text">{message(locale, "catalog.publish.text")}</label>
                <p class="kern-hint" id="publish-text-hint">{message(locale, "catalog.publish.text_hint")}</p>
                <textarea
                    class="kern-form-input__input code-editor"
                    id="publish-text"
                    node_ref=area
                    name="publiccode"
                    rows="24"
                    spellcheck="false"
                    autocapitalize="off"
                    aria-describedby="publish-text-hint"
                    on:input=move |ev| text.set(event_target_value(&ev))
                >{crate::raw_text::textarea(initial)}</textarea>
            </div>
            <div class="live-check" aria-live="polite" hidden=move || !live.get()>
                <p class="kern-body"><strong>{summary}</strong></p>
                <ul class="issue-list">
                    {move || issues.get().into_iter().map(|i| view! { <IssueItem issue=i locale /> }).collect_view()}
                </ul>
                <p class="kern-body">
                    <a class="kern-link" download="publiccode.yml" href=move || data_url(&text.get())>{message(locale, "catalog.editor.download")}</a>
                </p>
            </div>
        </div>
    }
}

/// One issue: where, how bad, and what is wrong.
#[component]
pub fn IssueItem(issue: IssueJson, locale: Locale) -> impl IntoView {
    let (class, label) = match issue.severity {
        Severity::Error => ("issue issue--error", message(locale, "catalog.issue.error")),
        Severity::Warning => ("issue issue--warning", message(locale, "catalog.issue.warning")),
    };
    let place = message_with(
        locale,
        "catalog.issue.place",
        &[("line", &issue.line.to_string()), ("column", &issue.column.to_string())],
    );
    view! {
        <li class=class>
            <span class="issue__place">{place}</span>" "
            <span class="issue__severity">{label}</span>": "
            {(!issue.key.is_empty()).then(|| view! { <code>{issue.key.clone()}</code>": " })}
            {issue.description.clone()}
        </li>
    }
}
