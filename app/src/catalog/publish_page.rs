#[cfg(feature = "ssr")]
use super::api::{fetch_publish_targets, fetch_software};
use super::dto::{PublishAttempt, PublishTarget};
use super::editor::{IssueItem, PubliccodeEditor};
use super::publiccode::{IssueJson, Severity};
use crate::components::loaded_page;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "ssr")]
const EXAMPLE: &str = include_str!("publiccode/testdata/minimal.yml");

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct PublishSetup {
    targets: Vec<PublishTarget>,
    text: String,
    organisation: Option<String>,
}

#[server(prefix = "/api/fn", endpoint = "publish_page")]
async fn publish_page_data(software: Option<String>) -> Result<PublishSetup, AppError> {
    let targets = fetch_publish_targets().await?;
    if targets.is_empty() {
        return Err(AppError::Forbidden);
    }
    // Editing an entry starts from its latest file.
    let (text, organisation) = match software {
        Some(slug) => {
            let detail = fetch_software(slug).await?;
            let raw = detail.maintainer.map(|m| m.raw).ok_or(AppError::Forbidden)?;
            (raw, Some(detail.summary.organisation_slug))
        }
        None => (EXAMPLE.to_string(), None),
    };
    Ok(PublishSetup {
        targets,
        text,
        organisation,
    })
}

/// Publishing a publiccode.yml: paste or upload it, or write it in the
/// editor; the result comes back line by line.
#[component]
pub fn PublishPage() -> impl IntoView {
    let i18n = use_i18n();
    let software = use_query_map().get_untracked().get("software");
    let attempt = crate::request::request_extension::<PublishAttempt>();
    if attempt.is_some() {
        crate::request::set_status(422);
    }
    let data = OnceResource::new(publish_page_data(software));
    view! {
        <Title text=i18n.t("catalog.publish.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("catalog.publish.title"), move |d| view! { <PublishForm data=d attempt=attempt.clone() /> })}
        </div>
    }
}

#[component]
fn PublishForm(data: PublishSetup, attempt: Option<PublishAttempt>) -> impl IntoView {
    let i18n = use_i18n();
    let text = attempt.as_ref().map(|a| a.text.clone()).unwrap_or(data.text.clone());
    let selected = attempt
        .as_ref()
        .map(|a| a.organisation.clone())
        .or(data.organisation.clone());
    let options = data
        .targets
        .iter()
        .map(|t| view! { <option value=t.slug.clone() selected=selected.as_deref() == Some(t.slug.as_str())>{t.name.clone()}</option> })
        .collect_view();
    view! {
        <h1 class="kern-heading kern-heading-x-large">{i18n.t("catalog.publish.title")}</h1>
        <p class="kern-body kern-body--large">{i18n.t("catalog.publish.intro")}</p>
        {attempt.map(|a| view! { <AttemptResult attempt=a /> })}
        <form class="publish-form" method="post" action="/software/veroeffentlichen" enctype="multipart/form-data">
            <div class="kern-form-input">
                <label class="kern-label" for="publish-organisation">{i18n.t("catalog.publish.organisation")}</label>
                <div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="publish-organisation" name="organisation">{options}</select></div>
            </div>
            <PubliccodeEditor initial=text lang=i18n.locale.tag().to_string() />
            <div class="kern-form-input">
                <label class="kern-label" for="publish-file">{i18n.t("catalog.publish.file")}</label>
                <p class="kern-hint" id="publish-file-hint">{i18n.t("catalog.publish.file_hint")}</p>
                <input class="kern-form-input__input" id="publish-file" name="datei" type="file" accept=".yml,.yaml,text/yaml" aria-describedby="publish-file-hint" />
            </div>
            <div class="form-actions">
                <button class="kern-btn kern-btn--secondary" type="submit" name="aktion" value="pruefen"><span class="kern-label">{i18n.t("catalog.publish.check")}</span></button>
                <button class="kern-btn kern-btn--primary" type="submit" name="aktion" value="veroeffentlichen"><span class="kern-label">{i18n.t("catalog.publish.submit")}</span></button>
            </div>
        </form>
        <p class="kern-body">{i18n.t("catalog.publish.api_hint")}" "<a class="kern-link" href="/api">{i18n.t("catalog.api_docs")}</a></p>
    }
}

/// The server's verdict on the file just sent.
#[component]
fn AttemptResult(attempt: PublishAttempt) -> impl IntoView {
    let i18n = use_i18n();
    let errors = attempt.issues.iter().filter(|i| i.severity == Severity::Error).count();
    let (kind, title) = if attempt.refusal.is_some() {
        ("danger", i18n.t("catalog.publish.refused"))
    } else if errors > 0 {
        ("danger", i18n.t("catalog.publish.invalid"))
    } else {
        ("success", i18n.t("catalog.publish.valid"))
    };
    view! {
        <div class=format!("kern-alert kern-alert--{kind}") role=if kind == "danger" { "alert" } else { "status" } id="publish-result" tabindex="-1">
            <div class="kern-alert__header">
                <span class=format!("kern-icon kern-icon--{kind}") aria-hidden="true"></span>
                <span class="kern-title">{title}</span>
            </div>
            <div class="kern-alert__body">
                {attempt.refusal.clone().map(|r| view! { <p class="kern-body">{r}</p> })}
                {attempt.deactivated.clone().map(|slug| view! {
                    <p class="kern-body">{i18n.t("catalog.publish.deactivated")}" "<a class="kern-link" href=format!("/software/{slug}")>{format!("/software/{slug}")}</a></p>
                })}
                {(attempt.checked_only && errors == 0 && attempt.refusal.is_none()).then(|| view! { <p class="kern-body">{i18n.t("catalog.publish.checked_only")}</p> })}
            </div>
        </div>
        {(!attempt.issues.is_empty()).then(|| view! { <IssueList issues=attempt.issues.clone() /> })}
    }
}

/// The issues of a file as the server found them, with counts.
#[component]
pub fn IssueList(issues: Vec<IssueJson>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = issues.iter().filter(|i| i.severity == Severity::Error).count();
    let warnings = issues.len() - errors;
    let locale = i18n.locale;
    view! {
        <section class="issues" aria-labelledby="issues-heading">
            <h2 class="kern-heading kern-heading-small" id="issues-heading">
                {i18n.t_with("catalog.issues.heading", &[("errors", &errors.to_string()), ("warnings", &warnings.to_string())])}
            </h2>
            <ul class="issue-list">{issues.into_iter().map(|i| view! { <IssueItem issue=i locale /> }).collect_view()}</ul>
        </section>
    }
}
