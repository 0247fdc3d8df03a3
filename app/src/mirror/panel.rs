//! The repository part of a software page: sync status, activity chart,
//! health, releases, languages, licence, community files and the README.

use super::chart::ActivityChart;
use super::dto::{Facts, PubliccodeState, RepositoryView};
use super::format;
use super::health_panel::HealthPanel;
use super::status::RepositoryStatus;
use crate::accounts::dto::format_timestamp;
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;

fn item(i18n: I18n, key: &'static str, value: AnyView) -> impl IntoView {
    view! {
        <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{i18n.t(key)}</dt>
            <dd class="kern-description-list-item__value">{value}</dd>
        </div>
    }
}

#[component]
pub fn RepositoryPanel(
    repo: RepositoryView,
    /// The page to come back to after a form.
    back: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let last = repo
        .last_success_at
        .as_deref()
        .map(|t| format_timestamp(i18n.locale, t))
        .unwrap_or_else(|| i18n.t("mirror.never").to_string());
    let manage = repo.manage.clone().map(|m| {
        let sync_action = format!("/repositorien/{}/synchronisieren", repo.id);
        let rotate_action = format!("/repositorien/{}/geheimnis", repo.id);
        view! {
            <details class="repository-manage">
                <summary class="kern-body">{i18n.t("mirror.manage")}</summary>
                <p class="kern-body">{i18n.t("mirror.webhook.intro")}</p>
                <dl class="kern-description-list">
                    {item(i18n, "mirror.webhook.url", view! { <code class="webhook-url">{m.webhook_url.clone()}</code> }.into_any())}
                    {item(i18n, "mirror.webhook.secret", view! { <code class="webhook-secret">{m.webhook_secret.clone()}</code> }.into_any())}
                </dl>
                <form method="post" action=sync_action class="inline-form">
                    <input type="hidden" name="zurueck" value=back.clone() class="return-to" />
                    <button class="kern-btn kern-btn--secondary kern-btn--small" type="submit" disabled=m.queued>
                        <span class="kern-label">{if m.queued { i18n.t("mirror.queued") } else { i18n.t("mirror.sync_now") }}</span>
                    </button>
                </form>
                " "
                <form method="post" action=rotate_action class="inline-form">
                    <input type="hidden" name="zurueck" value=back.clone() class="return-to" />
                    <button class="kern-btn kern-btn--tertiary kern-btn--small" type="submit">
                        <span class="kern-label">{i18n.t("mirror.webhook.rotate")}</span>
                    </button>
                </form>
            </details>
        }
    });
    let facts = repo.facts.clone();
    view! {
        <section class="repository-panel" aria-labelledby="repository-heading">
            <h2 class="kern-heading kern-heading-large" id="repository-heading">{i18n.t("mirror.title")}</h2>
            <p class="kern-body">
                <span class=repo.status.badge_class()><span class="kern-label kern-label--small">{i18n.t(repo.status.label_key())}</span></span>
                " " {i18n.t_with("mirror.last_sync", &[("date", &last)])}
            </p>
            {repo.status_detail.clone().filter(|_| repo.status != RepositoryStatus::Ok).map(|d| view! { <p class="kern-body kern-body--small repository-status-detail">{d}</p> })}
            <p class="kern-body">
                {match repo.web_url.clone() {
                    Some(href) => view! { <a class="kern-link" href=href rel="noopener">{repo.url.clone()}</a> }.into_any(),
                    None => view! { <code>{repo.url.clone()}</code> }.into_any(),
                }}
            </p>
            {manage}
            {facts.map(|f| view! { <FactsView facts=f /> })}
            {repo.health.clone().map(|h| view! { <HealthPanel health=h /> })}
            {repo.readme_html.clone().map(|html| view! {
                <section class="readme" aria-labelledby="readme-heading">
                    <h2 class="kern-heading kern-heading-medium" id="readme-heading">"README"</h2>
                    <div class="readme__body" inner_html=html></div>
                </section>
            })}
        </section>
    }
}

#[component]
fn FactsView(facts: Facts) -> impl IntoView {
    let i18n = use_i18n();
    let total_bytes: u64 = facts.languages.iter().map(|l| l.bytes).sum::<u64>().max(1);
    let files = [
        ("README", facts.files.readme.clone()),
        ("CHANGELOG", facts.files.changelog.clone()),
        ("CONTRIBUTING", facts.files.contributing.clone()),
        ("SECURITY", facts.files.security.clone()),
    ];
    let licence = if facts.licence.detected.is_empty() {
        i18n.t("mirror.licence.none").to_string()
    } else {
        facts.licence.detected.join(", ")
    };
    let publiccode = match &facts.publiccode {
        PubliccodeState::Missing => i18n.t("mirror.publiccode.missing").to_string(),
        PubliccodeState::Symlink => i18n.t("mirror.publiccode.symlink").to_string(),
        PubliccodeState::TooLarge { bytes } => i18n.t_with(
            "mirror.publiccode.too_large",
            &[("size", &format::size(i18n.locale, *bytes))],
        ),
        PubliccodeState::Published { .. } => i18n.t("mirror.publiccode.published").to_string(),
        PubliccodeState::Invalid { errors, .. } => {
            i18n.t_with("mirror.publiccode.invalid", &[("n", &errors.to_string())])
        }
        PubliccodeState::Refused { reason } => i18n.t_with("mirror.publiccode.refused", &[("reason", reason)]),
    };
    view! {
        <dl class="kern-description-list repository-facts">
            {item(i18n, "mirror.facts.commits", view! { <span class="commit-count">{i18n.number(facts.commit_count as i64)}</span> }.into_any())}
            {item(i18n, "mirror.facts.contributors", view! { <span class="contributor-count">{i18n.number(facts.contributor_count as i64)}</span> }.into_any())}
            {item(i18n, "mirror.facts.first_commit", format::date(i18n.locale, facts.first_commit).into_any())}
            {item(i18n, "mirror.facts.last_commit", format::date(i18n.locale, facts.last_commit).into_any())}
            {item(i18n, "mirror.facts.branch", view! { <code>{facts.default_branch.clone()}</code>" " <code>{facts.head.chars().take(10).collect::<String>()}</code> }.into_any())}
            {item(i18n, "mirror.facts.releases", i18n.number(facts.tag_count as i64).into_any())}
            {item(i18n, "mirror.facts.licence", view! {
                {licence}
                {facts.licence.declared_mismatch.clone().map(|declared| view! {
                    " " <span class="kern-badge kern-badge--warning"><span class="kern-label kern-label--small">
                        {i18n.t_with("mirror.licence.mismatch", &[("declared", &declared)])}
                    </span></span>
                })}
            }.into_any())}
            {item(i18n, "mirror.facts.publiccode", publiccode.into_any())}
            {item(i18n, "mirror.facts.files", view! {
                <ul class="plain-list">
                    {files.into_iter().map(|(name, path)| view! {
                        <li>{match path {
                            Some(p) => format!("✓ {name} ({p})"),
                            None => format!("✗ {name} – {}", i18n.t("mirror.facts.missing")),
                        }}</li>
                    }).collect_view()}
                </ul>
            }.into_any())}
        </dl>
        <h3 class="kern-heading kern-heading-medium">{i18n.t("mirror.chart.title")}</h3>
        <ActivityChart weeks=facts.weeks.clone() weeks_end=facts.weeks_end />
        {(!facts.languages.is_empty()).then(|| view! {
            <h3 class="kern-heading kern-heading-medium">{i18n.t("mirror.languages")}</h3>
            <ul class="plain-list language-list">
                {facts.languages.iter().take(8).map(|l| {
                    let share = l.bytes as f64 * 100.0 / total_bytes as f64;
                    view! { <li>{format!("{} – {:.1} % ({})", l.name, share, format::size(i18n.locale, l.bytes))}</li> }
                }).collect_view()}
            </ul>
        })}
        {(!facts.releases.is_empty()).then(|| view! {
            <h3 class="kern-heading kern-heading-medium">{i18n.t("mirror.releases")}</h3>
            <div class="kern-table-responsive">
                <table class="kern-table kern-table--small release-table">
                    <caption class="kern-sr-only">{i18n.t("mirror.releases")}</caption>
                    <thead><tr><th scope="col">{i18n.t("mirror.release.tag")}</th><th scope="col">{i18n.t("mirror.release.date")}</th><th scope="col">{i18n.t("mirror.release.message")}</th></tr></thead>
                    <tbody>
                        {facts.releases.iter().take(10).map(|r| view! {
                            <tr>
                                <td><code>{r.tag.clone()}</code></td>
                                <td>{r.date.map(|d| format::date(i18n.locale, d)).unwrap_or_default()}</td>
                                <td>{r.message.clone().unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        {(!facts.top_contributors.is_empty()).then(|| view! {
            <h3 class="kern-heading kern-heading-medium">{i18n.t("mirror.contributors")}</h3>
            <p class="kern-body kern-body--small">{i18n.t("mirror.contributors.counted")}</p>
            <ul class="plain-list">
                {facts.top_contributors.iter().map(|c| view! { <li>{format!("{} ({})", c.name, c.commits)}</li> }).collect_view()}
            </ul>
        })}
    }
}
