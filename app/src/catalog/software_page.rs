use super::api::fetch_software;
use super::dto::{SoftwareDetail, SoftwareLink};
use super::labels::code_label;
use super::publiccode::model::{Dependency, PublicCode};
use crate::components::loaded_page;
use crate::directory::dto::land_name;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// One software: what it does (in the reader's language, else another),
/// who publishes, maintains, funds and uses it, and where its code is.
#[component]
pub fn SoftwarePage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let detail = OnceResource::new(fetch_software(slug.clone()));
    let repository = OnceResource::new(crate::mirror::api::fetch_software_repository(slug.clone()));
    let back = format!("/software/{slug}");
    view! {
        <div class="kern-container page">
            {loaded_page(detail, i18n.t("catalog.not_found"), |d| view! { <SoftwareView detail=d /> })}
            {crate::components::loaded(repository, move |r| r.map(|repo| view! { <crate::mirror::panel::RepositoryPanel repo back=back.clone() /> }))}
        </div>
    }
}

fn today() -> String {
    #[cfg(feature = "ssr")]
    {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        civil_date(now as i64 / 86_400)
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// YYYY-MM-DD of a day count since 1970 (Howard Hinnant's algorithm).
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub(crate) fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}")
}

fn links(items: Vec<SoftwareLink>) -> impl IntoView {
    view! {
        <ul class="kern-list">
            {items.into_iter().map(|l| view! { <li><a class="kern-link" href=format!("/software/{}", l.slug)>{l.name}</a></li> }).collect_view()}
        </ul>
    }
}

fn dependency_text(d: &Dependency) -> String {
    let mut text = d.name.clone();
    match (&d.version, &d.version_min, &d.version_max) {
        (Some(v), _, _) => text.push_str(&format!(" {v}")),
        (None, Some(min), Some(max)) => text.push_str(&format!(" {min}–{max}")),
        (None, Some(min), None) => text.push_str(&format!(" ≥ {min}")),
        (None, None, Some(max)) => text.push_str(&format!(" ≤ {max}")),
        _ => {}
    }
    text
}

/// Screenshot and logo paths are relative to the repository: they are served
/// from its mirror (pages load nothing from other hosts). Absolute https
/// URLs are kept; without a mirror a relative path cannot be shown.
fn resolve(url: &str, repository: Option<&str>) -> Option<String> {
    if url.starts_with("https://") {
        return Some(url.to_string());
    }
    if url.contains(':') || url.split('/').any(|p| p == "..") {
        return None;
    }
    let path = url.trim_start_matches("./").trim_start_matches('/');
    repository.map(|id| format!("/repositorien/{id}/roh/{path}"))
}

#[component]
fn SoftwareView(detail: SoftwareDetail) -> impl IntoView {
    let i18n = use_i18n();
    let doc: PublicCode = detail.document.clone();
    let lang = i18n.locale.tag();
    let name = doc.name_in(lang).to_string();
    let (desc_lang, desc) = doc
        .description_in(lang)
        .map(|(t, d)| (t.to_string(), d.clone()))
        .unwrap_or_default();
    let other_language = !desc_lang.starts_with(lang);
    let today = today();
    let s = detail.summary.clone();
    let row = move |key: &'static str, value: AnyView| {
        view! {
            <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{i18n.t(key)}</dt>
                <dd class="kern-description-list-item__value">{value}</dd>
            </div>
        }
    };
    let ext_link =
        |href: String, text: String| view! { <a class="kern-link" href=href rel="noopener">{text}</a> }.into_any();
    let land = detail
        .organisation_land
        .as_deref()
        .and_then(land_name)
        .map(str::to_string);
    let contractors = doc.maintenance.contractors.clone();
    let contacts = doc.maintenance.contacts.clone();
    let deps: Vec<(&'static str, Vec<Dependency>)> = vec![
        ("catalog.detail.depends_open", doc.depends_on.open.clone()),
        ("catalog.detail.depends_proprietary", doc.depends_on.proprietary.clone()),
        ("catalog.detail.depends_hardware", doc.depends_on.hardware.clone()),
    ];
    let has_deps = deps.iter().any(|(_, d)| !d.is_empty());
    let repository = detail.repository_id.as_deref();
    let logo = doc.logo.as_deref().and_then(|l| resolve(l, repository));
    let screenshots: Vec<String> = desc.screenshots.iter().filter_map(|s| resolve(s, repository)).collect();
    let maintainer = detail.maintainer.clone();
    view! {
        <Title text=name.clone() />
        <div class="software-head">
            {logo.map(|src| view! { <img class="software-head__logo" src=src alt="" width="96" height="96" /> })}
            <hgroup class="kern-hgroup">
                <h1 class="kern-heading kern-heading-x-large">{name}</h1>
                <p class="kern-subline">{desc.short_description.clone()}</p>
            </hgroup>
        </div>
        {(!s.active).then(|| view! {
            <div class="kern-alert kern-alert--danger" role="alert">
                <div class="kern-alert__header"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span><span class="kern-title">{i18n.t("catalog.inactive")}</span></div>
                <div class="kern-alert__body"><p class="kern-body">{i18n.t("catalog.inactive.text")}</p></div>
            </div>
        })}
        {s.active.then(|| view! {
            <p class="software-reuse">
                <a class="kern-btn kern-btn--secondary" href=format!("/software/{}/nachnutzung-anfragen", s.slug)>
                    <span class="kern-label">{i18n.t("reuse.request.link")}</span>
                </a>
                " "
                <a class="kern-btn kern-btn--tertiary" href=format!("/software/{}/nutzung", s.slug)>
                    <span class="kern-label">{i18n.t("reuse.usage.link")}</span>
                </a>
            </p>
        })}
        {other_language.then(|| view! { <p class="kern-body kern-body--small" lang=desc_lang.clone()>{i18n.t("catalog.detail.other_language")}</p> })}
        <div lang=desc_lang.clone()>
            {desc.long_description.clone().map(|long| view! {
                <div class="software-description">
                    {long.split("\n\n").map(|p| view! { <p class="kern-body">{p.to_string()}</p> }).collect_view()}
                </div>
            })}
            {(!desc.features.is_empty()).then(|| view! {
                <h2 class="kern-heading kern-heading-medium">{i18n.t("catalog.detail.features")}</h2>
                <ul class="kern-list">{desc.features.clone().into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
            })}
            {(!screenshots.is_empty()).then(|| view! {
                <h2 class="kern-heading kern-heading-medium">{i18n.t("catalog.detail.screenshots")}</h2>
                <ul class="screenshots">
                    {screenshots.into_iter().enumerate().map(|(i, src)| view! { <li><img src=src alt=i18n.t_with("catalog.detail.screenshot_alt", &[("n", &(i + 1).to_string())]) loading="lazy" /></li> }).collect_view()}
                </ul>
            })}
        </div>
        <h2 class="kern-heading kern-heading-medium">{i18n.t("catalog.detail.facts")}</h2>
        <dl class="kern-description-list">
            {row("catalog.facet.organisation", view! {
                <a class="kern-link" href=format!("/verwaltungen/{}", s.organisation_slug)>{s.organisation_name.clone()}</a>
                {land.map(|l| format!(" ({l})"))}
            }.into_any())}
            {row("catalog.facet.status", code_label(&i18n, "status", &doc.development_status).into_any())}
            {row("catalog.facet.type", code_label(&i18n, "type", &doc.software_type).into_any())}
            {row("catalog.facet.license", view! { <code>{doc.legal.license.clone()}</code> }.into_any())}
            {doc.software_version.clone().map(|v| row("catalog.detail.version", format!("{v}{}", doc.release_date.as_ref().map(|d| format!(" ({d})")).unwrap_or_default()).into_any()))}
            {row("catalog.facet.platform", doc.platforms.join(", ").into_any())}
            {(!doc.categories.is_empty()).then(|| row("catalog.facet.category", doc.categories.join(", ").into_any()))}
            {(!doc.localisation.available_languages.is_empty()).then(|| row("catalog.facet.language", doc.localisation.available_languages.join(", ").into_any()))}
            {(!doc.intended_audience.scope.is_empty()).then(|| row("catalog.facet.scope", doc.intended_audience.scope.join(", ").into_any()))}
            {(!doc.supports.is_empty()).then(|| row("catalog.facet.standard", view! {
                {doc.supports.clone().into_iter().map(|st| {
                    let label = st.label();
                    if st.id.starts_with("https://") || st.id.starts_with("http://") {
                        view! { <span class="inline-item">{ext_link(st.id.clone(), label)}</span> }.into_any()
                    } else {
                        view! { <span class="inline-item">{label}</span> }.into_any()
                    }
                }).collect_view()}
            }.into_any()))}
            {doc.legal.main_copyright_owner.clone().map(|o| row("catalog.detail.copyright", o.into_any()))}
            {(!doc.funded_by.is_empty()).then(|| row("catalog.detail.funded_by", doc.funded_by.iter().filter_map(|f| f.name.clone().or_else(|| f.uri.clone())).collect::<Vec<_>>().join(", ").into_any()))}
            {doc.italy.clone().filter(|it| !it.conforme.is_empty()).map(|it| row("catalog.detail.italy_conforme", it.conforme.iter().map(|(flag, yes)| {
                format!("{}: {}", i18n.t(italian_flag_key(flag)), i18n.t(if *yes { "common.yes" } else { "common.no" }))
            }).collect::<Vec<_>>().join(" · ").into_any()))}
            {doc.italy.clone().map(|it| it.piattaforme.iter().filter(|(_, yes)| *yes).map(|(flag, _)| italian_platform(flag)).collect::<Vec<_>>()).filter(|p| !p.is_empty()).map(|p| row("catalog.detail.italy_platforms", p.join(", ").into_any()))}
        </dl>
        <h2 class="kern-heading kern-heading-medium">{i18n.t("catalog.detail.links")}</h2>
        <ul class="kern-list">
            <li>{ext_link(s.url.clone(), i18n.t("catalog.detail.repository").to_string())}</li>
            {doc.landing_url.clone().map(|u| view! { <li>{ext_link(u, i18n.t("catalog.detail.landing").to_string())}</li> })}
            {desc.documentation.clone().map(|u| view! { <li>{ext_link(u, i18n.t("catalog.detail.documentation").to_string())}</li> })}
            {desc.api_documentation.clone().map(|u| view! { <li>{ext_link(u, i18n.t("catalog.detail.api_documentation").to_string())}</li> })}
            {doc.roadmap.clone().map(|u| view! { <li>{ext_link(u, i18n.t("catalog.detail.roadmap").to_string())}</li> })}
        </ul>
        <h2 class="kern-heading kern-heading-medium">{i18n.t("catalog.detail.maintenance")}</h2>
        <p class="kern-body">{code_label(&i18n, "maintenance", &doc.maintenance.kind)}</p>
        {(!contractors.is_empty()).then(|| view! {
            <h3 class="kern-heading kern-heading-small">{i18n.t("catalog.detail.contractors")}</h3>
            <ul class="kern-list">
                {contractors.into_iter().map(|c| {
                    let ended = !today.is_empty() && c.until.as_str() < today.as_str();
                    view! {
                        <li>
                            {match c.website.clone() { Some(w) => ext_link(w, c.name.clone()), None => c.name.clone().into_any() }}
                            {format!(" – {} {}", i18n.t("catalog.detail.until"), c.until)}
                            {ended.then(|| view! { " " <span class="kern-badge kern-badge--warning"><span class="kern-label kern-label--small">{i18n.t("catalog.detail.contract_ended")}</span></span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
        {(!contacts.is_empty()).then(|| view! {
            <h3 class="kern-heading kern-heading-small">{i18n.t("catalog.detail.contacts")}</h3>
            <ul class="kern-list">
                {contacts.into_iter().map(|c| view! {
                    <li>
                        {c.name.clone()}
                        {c.affiliation.clone().map(|a| format!(" ({a})"))}
                        {c.email.clone().map(|m| view! { " – " <a class="kern-link" href=format!("mailto:{m}")>{m.clone()}</a> })}
                    </li>
                }).collect_view()}
            </ul>
        })}
        {has_deps.then(|| view! {
            <h2 class="kern-heading kern-heading-medium">{i18n.t("catalog.detail.dependencies")}</h2>
            <dl class="kern-description-list">
                {deps.into_iter().filter(|(_, d)| !d.is_empty()).map(|(key, list)| row(key, view! {
                    <ul class="kern-list">{list.iter().map(|d| view! { <li>{dependency_text(d)}{d.optional.then(|| format!(" ({})", i18n.t("catalog.detail.optional")))}</li> }).collect_view()}</ul>
                }.into_any())).collect_view()}
            </dl>
        })}
        <crate::reuse::entry_section::EntryReuseSection slug=s.slug.clone() />
        <crate::groups::software_section::SoftwareGroupsSection slug=s.slug.clone() />
        <h2 class="kern-heading kern-heading-medium">{i18n.t("catalog.detail.used_by")}</h2>
        {if doc.used_by.is_empty() {
            view! { <p class="kern-body">{i18n.t("catalog.detail.used_by_none")}</p> }.into_any()
        } else {
            view! { <ul class="kern-list">{doc.used_by.clone().into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul> }.into_any()
        }}
        {(!detail.origin.is_empty()).then(|| view! {
            <h2 class="kern-heading kern-heading-medium">{i18n.t("catalog.detail.based_on")}</h2>
            {links(detail.origin.clone())}
        })}
        {(!detail.variants.is_empty()).then(|| view! {
            <h2 class="kern-heading kern-heading-medium">{i18n.t("catalog.detail.variants")}</h2>
            {links(detail.variants.clone())}
        })}
        {maintainer.map(|m| view! {
            <h2 class="kern-heading kern-heading-medium">{i18n.t("catalog.detail.maintainers")}</h2>
            {(!m.issues.is_empty()).then(|| view! { <super::publish_page::IssueList issues=m.issues.clone() /> })}
            <p class="kern-body"><a class="kern-link" href=format!("/software/veroeffentlichen?software={}", s.slug)>{i18n.t("catalog.detail.edit")}</a></p>
            <table class="kern-table">
                <caption class="kern-title">{i18n.t("catalog.detail.imports")}</caption>
                <thead class="kern-table__head"><tr class="kern-table__row">
                    <th class="kern-table__header" scope="col">{i18n.t("catalog.imports.at")}</th>
                    <th class="kern-table__header" scope="col">{i18n.t("catalog.imports.source")}</th>
                    <th class="kern-table__header" scope="col">{i18n.t("catalog.imports.outcome")}</th>
                    <th class="kern-table__header" scope="col">{i18n.t("catalog.imports.issues")}</th>
                    <th class="kern-table__header" scope="col">{i18n.t("catalog.imports.by")}</th>
                </tr></thead>
                <tbody class="kern-table__body">
                    {m.imports.into_iter().map(|r| view! {
                        <tr class="kern-table__row">
                            <td class="kern-table__cell">{r.at}</td>
                            <td class="kern-table__cell">{i18n.text(&format!("catalog.source.{}", r.source))}</td>
                            <td class="kern-table__cell">{i18n.text(&format!("catalog.outcome.{}", r.outcome))}</td>
                            <td class="kern-table__cell">{i18n.t_with("catalog.imports.counts", &[("errors", &r.errors.to_string()), ("warnings", &r.warnings.to_string())])}</td>
                            <td class="kern-table__cell">{r.by.unwrap_or_else(|| "–".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        <p class="kern-body"><a class="kern-link" href="/software">{i18n.t("catalog.back")}</a></p>
    }
}

/// The conformity flags of the Italian section, in words.
fn italian_flag_key(flag: &str) -> &'static str {
    match flag {
        "lineeGuidaDesign" => "catalog.italy.design",
        "modelloInteroperabilita" => "catalog.italy.interoperability",
        "misureMinimeSicurezza" => "catalog.italy.security",
        _ => "catalog.italy.gdpr",
    }
}

/// Italy's national platforms as they are named.
fn italian_platform(flag: &str) -> &'static str {
    match flag {
        "spid" => "SPID",
        "pagopa" => "pagoPA",
        "cie" => "CIE",
        "anpr" => "ANPR",
        _ => "IO",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_date(0), "1970-01-01");
        assert_eq!(super::civil_date(20_784), "2026-11-27");
        assert_eq!(super::civil_date(11_016), "2000-02-29");
    }
}
