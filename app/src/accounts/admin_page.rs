use super::api::fetch_admin;
use super::dto::format_timestamp;
use crate::components::{loaded, Table};
use crate::forms::ActionButton;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/admin`: site administrators verify organisations and name other
/// administrators.
#[component]
pub fn AdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = OnceResource::new(fetch_admin());
    view! {
        <Title text=i18n.t("admin.title") />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("admin.title")}</h1>
            {loaded(data, move |data| {
                let ts = move |t: &str| format_timestamp(i18n.locale, t);
                view! {
                    <p class="kern-body"><a class="kern-link" href="/admin/protokoll">{i18n.t("audit.title")}</a>" · "<a class="kern-link" href="/admin/synchronisation">{i18n.t("mirror.queue.title")}</a></p>
                    <section aria-labelledby="nutzer" class="account-section">
                        <h2 class="kern-heading kern-heading-medium" id="nutzer">{i18n.t("admin.users")}</h2>
                        <Table caption={i18n.t("admin.users")} headers=vec![i18n.t("members.name"), i18n.t("form.email"), i18n.t("admin.last_login"), i18n.t("admin.site_admin")] small=true>
                                    {data.users.iter().map(|u| {
                                        let (value, label) = if u.is_site_admin { ("false", i18n.t("admin.revoke_admin")) } else { ("true", i18n.t("admin.make_admin")) };
                                        let aria = format!("{label}: {}", u.display_name);
                                        view! {
                                            <tr class="kern-table__row">
                                                <td class="kern-table__cell">{u.display_name.clone()}</td>
                                                <td class="kern-table__cell">{u.email.clone().unwrap_or_default()}</td>
                                                <td class="kern-table__cell">{u.last_login_at.as_deref().map(ts).unwrap_or_else(|| "–".into())}</td>
                                                <td class="kern-table__cell">
                                                    {if u.is_site_admin { i18n.t("admin.yes") } else { i18n.t("admin.no") }}
                                                    " "<ActionButton action=format!("/admin/nutzer/{}/admin", u.id) label aria_label=aria hidden=("admin", value) />
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                        </Table>
                    </section>
                    <section aria-labelledby="verwaltungen" class="account-section">
                        <h2 class="kern-heading kern-heading-medium" id="verwaltungen">{i18n.t("admin.organisations")}</h2>
                        <Table caption={i18n.t("admin.organisations")} headers=vec![i18n.t("directory.table.name"), i18n.t("admin.verified")] small=true>
                                    {data.organisations.iter().map(|o| {
                                        let (value, label) = if o.verified { ("false", i18n.t("admin.unverify")) } else { ("true", i18n.t("admin.verify")) };
                                        let aria = format!("{label}: {}", o.name);
                                        view! {
                                            <tr class="kern-table__row">
                                                <td class="kern-table__cell"><a class="kern-link" href=format!("/verwaltungen/{}", o.slug)>{o.name.clone()}</a></td>
                                                <td class="kern-table__cell">
                                                    {if o.verified { i18n.t("admin.yes") } else { i18n.t("admin.no") }}
                                                    " "<ActionButton action=format!("/admin/verwaltungen/{}/pruefung", o.slug) label aria_label=aria hidden=("verified", value) />
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                        </Table>
                    </section>
                }
            })}
        </div>
    }
}
