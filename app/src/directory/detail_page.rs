use super::api::fetch_organisation;
use super::dto::{land_name, OrganisationSummary};
use crate::accounts::MembershipPanel;
use crate::i18n::use_i18n;
use crate::pages::ErrorPanel;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// One administration: its identifiers, where it sits in the hierarchy, and
/// (with later capabilities) its software, agreements and members.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let detail = OnceResource::new(fetch_organisation(slug.clone()));
    let software = OnceResource::new(crate::catalog::api::fetch_organisation_software(slug));
    view! {
        <div class="kern-container page">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(org) => {
                            let name = org.summary.name.clone();
                            let land = org.summary.land.as_deref().and_then(land_name);
                            let row = |key: &'static str, value: Option<AnyView>| {
                                value.map(|value| view! {
                                    <div class="kern-description-list-item">
                                        <dt class="kern-description-list-item__key">{i18n.t(key)}</dt>
                                        <dd class="kern-description-list-item__value">{value}</dd>
                                    </div>
                                })
                            };
                            let link = |href: String| { let text = href.clone(); view! { <a class="kern-link" href=href>{text}</a> }.into_any() };
                            view! {
                                <Title text=name.clone() />
                                <hgroup class="kern-hgroup">
                                    <h1 class="kern-heading kern-heading-x-large">{name}</h1>
                                    {org.name_other.clone().map(|other| view! { <p class="kern-subline">{other}</p> })}
                                </hgroup>
                                {org.summary.verified.then(|| view! {
                                    <p><span class="kern-badge kern-badge--success"><span class="kern-label kern-label--small">{i18n.t("directory.verified")}</span></span></p>
                                })}
                                <dl class="kern-description-list">
                                    {row("directory.table.kind", Some(i18n.t(org.summary.kind.label_key()).into_any()))}
                                    {row("directory.detail.short_name", org.summary.short_name.clone().map(|s| s.into_any()))}
                                    {row("directory.table.land", land.map(|l| l.into_any()))}
                                    {row("directory.detail.parent", org.parent.clone().map(organisation_link))}
                                    {row("directory.detail.ars", org.ars.clone().map(|s| s.into_any()))}
                                    {row("directory.detail.leitweg_id", org.leitweg_id.clone().map(|s| s.into_any()))}
                                    {row("directory.detail.website", org.website.clone().map(link))}
                                    {row("directory.detail.uri", org.uri.clone().map(|s| view! { <code>{s}</code> }.into_any()))}
                                    {row("directory.detail.contact", org.contact_email.clone().map(|m| { let href = format!("mailto:{m}"); view! { <a class="kern-link" href=href>{m}</a> }.into_any() }))}
                                </dl>
                                {(!org.children.is_empty()).then(|| view! {
                                    <h2 class="kern-heading kern-heading-medium">{i18n.t("directory.detail.children")}</h2>
                                    <ul class="kern-list">
                                        {org.children.clone().into_iter().map(|c| view! { <li>{organisation_link(c)}</li> }).collect_view()}
                                    </ul>
                                })}
                                {may_edit(&org.summary.slug).then(|| view! {
                                    <p class="kern-body"><a class="kern-link" href=format!("/verwaltungen/{}/bearbeiten", org.summary.slug)>{i18n.t("organisations.edit_link")}</a></p>
                                })}
                                <crate::catalog::OrganisationSoftware list=software />
                                <p class="kern-body"><a class="kern-link" href=format!("/verwaltungen/{}/repositorien", org.summary.slug)>{i18n.t("mirror.list.link")}</a></p>
                                <p class="kern-body"><a class="kern-link" href=format!("/verwaltungen/{}/nachnutzung", org.summary.slug)>{i18n.t("reuse.reports.organisation_link")}</a></p>
                                <MembershipPanel slug=org.summary.slug.clone() />
                                <p class="kern-body"><a class="kern-link" href="/verwaltungen">{i18n.t("directory.back")}</a></p>
                            }
                                .into_any()
                        }
                        Err(error) => view! {
                            <Title text=i18n.t("error.not_found.title") />
                            <h1 class="kern-heading kern-heading-x-large">{i18n.t("directory.not_found")}</h1>
                            <ErrorPanel error />
                        }
                            .into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

fn organisation_link(org: OrganisationSummary) -> AnyView {
    view! { <a class="kern-link" href=format!("/verwaltungen/{}", org.slug)>{org.name}</a> }.into_any()
}

/// Owners and site administrators see the link to the edit form (the server
/// checks again when the form is loaded and sent).
fn may_edit(slug: &str) -> bool {
    crate::request::viewer()
        .is_some_and(|v| v.is_site_admin || v.role_in(slug) == Some(crate::accounts::dto::Role::Owner))
}
