//! `/verwaltungen/:slug/repositorien`: an organisation's mirrored
//! repositories with their status; publishers register new ones here.

use super::api::fetch_organisation_repositories;
use super::dto::RepositoriesPage;
use super::status::RepositoryStatus;
use crate::accounts::dto::format_timestamp;
use crate::components::{loaded_page, Table};
use crate::forms::{use_flash, ErrorSummary, Flash, SubmitButton, TextField};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RepositoriesPageView() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let data = OnceResource::new(fetch_organisation_repositories(slug));
    view! {
        <Title text=i18n.t("mirror.list.title") />
        <div class="kern-container page">
            {loaded_page(data, i18n.t("mirror.list.title"), move |data| repositories(data, flash.clone()))}
        </div>
    }
}

fn repositories(data: RepositoriesPage, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let base = format!("/verwaltungen/{}", data.organisation_slug);
    let form = flash.form("register");
    let back = format!("{base}/repositorien");
    let rows = data
        .repositories
        .iter()
        .map(|r| {
            let sync = format!("/repositorien/{}/synchronisieren", r.id);
            let remove = format!("/repositorien/{}/entfernen", r.id);
            let back = back.clone();
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell"><code>{r.url.clone()}</code></td>
                    <td class="kern-table__cell">
                        <span class=r.status.badge_class()><span class="kern-label kern-label--small">{i18n.t(r.status.label_key())}</span></span>
                        {r.status_detail.clone().filter(|_| r.status != RepositoryStatus::Ok).map(|d| view! { <br /><span class="kern-body kern-body--small">{d}</span> })}
                    </td>
                    <td class="kern-table__cell">{r.last_success_at.as_deref().map(|t| format_timestamp(i18n.locale, t)).unwrap_or_else(|| i18n.t("mirror.never").to_string())}</td>
                    <td class="kern-table__cell">{match (&r.software_slug, &r.software_name) {
                        (Some(slug), Some(name)) => view! { <a class="kern-link" href=format!("/software/{slug}")>{name.clone()}</a> }.into_any(),
                        _ => i18n.t("mirror.list.no_entry").into_any(),
                    }}</td>
                    {data.may_manage.then(|| view! {
                        <td class="kern-table__cell">
                            <form method="post" action=sync class="inline-form">
                                <input type="hidden" name="zurueck" value=back.clone() />
                                <button class="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit" disabled=r.queued
                                    aria-label=i18n.t_with("mirror.sync_of", &[("url", &r.url)])>
                                    <span class="kern-label">{if r.queued { i18n.t("mirror.queued") } else { i18n.t("mirror.sync_now") }}</span>
                                </button>
                            </form>
                            <form method="post" action=remove class="inline-form">
                                <input type="hidden" name="zurueck" value=back.clone() />
                                <button class="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit"
                                    aria-label=i18n.t_with("mirror.remove_of", &[("url", &r.url)])>
                                    <span class="kern-label">{i18n.t("mirror.remove")}</span>
                                </button>
                            </form>
                        </td>
                    })}
                </tr>
            }
        })
        .collect_view();
    let mut headers = vec![
        i18n.t("mirror.list.url"),
        i18n.t("mirror.list.status"),
        i18n.t("mirror.list.last_sync"),
        i18n.t("mirror.list.entry"),
    ];
    if data.may_manage {
        headers.push(i18n.t("mirror.list.actions"));
    }
    let empty = data.repositories.is_empty();
    view! {
        <hgroup class="kern-hgroup">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("mirror.list.title")}</h1>
            <p class="kern-subline"><a class="kern-link" href=base.clone()>{data.organisation_name.clone()}</a></p>
        </hgroup>
        <p class="kern-body">{i18n.t("mirror.list.intro")}</p>
        {if empty {
            view! { <p class="kern-body">{i18n.t("mirror.list.empty")}</p> }.into_any()
        } else {
            view! { <Table caption=i18n.t("mirror.list.title") headers>{rows}</Table> }.into_any()
        }}
        {data.may_manage.then(|| view! {
            <section aria-labelledby="register-heading" class="account-section">
                <h2 class="kern-heading kern-heading-medium" id="register-heading">{i18n.t("mirror.register")}</h2>
                <ErrorSummary state=form.clone() prefix="register" />
                <form method="post" action=format!("{base}/repositorien") class="stack">
                    <TextField state=form.clone() id="register-url".into() name="url" label=i18n.t("mirror.register.url")
                        hint=i18n.t("mirror.register.hint") input_type="text" maxlength=500 />
                    <SubmitButton label=i18n.t("mirror.register.submit") />
                </form>
            </section>
        })}
    }
}
