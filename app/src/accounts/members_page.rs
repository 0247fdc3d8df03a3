use super::api::fetch_members;
use super::dto::{format_timestamp, MembersPageData, Role};
use crate::components::{loaded_page, Table};
use crate::forms::{use_flash, ActionButton, ErrorSummary, Flash, SubmitButton, TextArea, TextField};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn role_select(id: String, selected: Role) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="kern-form-input__select-wrapper">
            <select class="kern-form-input__select" id=id name="role">
                {Role::ALL.into_iter().map(|r| view! { <option value=r.code() selected=r == selected>{i18n.t(r.label_key())}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// `/verwaltungen/:slug/mitglieder`: members for every member to see; for
/// owners also invitations, requests, roles and mail domains.
#[component]
pub fn MembersPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let slug = use_params_map().get_untracked().get("slug").unwrap_or_default();
    let data = OnceResource::new(fetch_members(slug));
    view! {
        <div class="kern-container page">
            {loaded_page(data, i18n.t("members.title"), move |data| members(data, flash.clone()))}
        </div>
        <Title text=i18n.t("members.title") />
    }
}

fn members(data: MembersPageData, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let slug = data.organisation.slug.clone();
    let base = format!("/verwaltungen/{slug}");
    let can_manage = data.can_manage;
    let invite_form = flash.form("invite");
    let domain_form = flash.form("domain");
    let viewer_id = crate::request::viewer().map(|v| v.user_id).unwrap_or_default();
    // Built before the view: the table's children closure takes what it uses.
    let rows = data.members.iter().map(|m| {
                        let id = format!("role-{}", m.user_id);
                        let action = format!("{base}/mitglieder/{}/rolle", m.user_id);
                        let remove = format!("{base}/mitglieder/{}/entfernen", m.user_id);
                        let role_label = i18n.t_with("members.role_of", &[("name", &m.display_name)]);
                        let remove_label = i18n.t_with("members.remove_named", &[("name", &m.display_name)]);
                        let is_me = m.user_id == viewer_id;
                        view! {
                            <tr class="kern-table__row">
                                <td class="kern-table__cell">{m.display_name.clone()}{m.email.clone().map(|e| view! { <br /><span class="kern-body kern-body--small">{e}</span> })}</td>
                                <td class="kern-table__cell">{i18n.t(m.role.label_key())}</td>
                                <td class="kern-table__cell">{format_timestamp(i18n.locale, &m.since)}</td>
                                {can_manage.then(|| view! {
                                    <td class="kern-table__cell">
                                        <form method="post" action=action class="inline-form">
                                            <label class="kern-sr-only" for=id.clone()>{role_label}</label>
                                            {role_select(id.clone(), m.role)}
                                            <SubmitButton label=i18n.t("members.change_role") class="kern-btn kern-btn--secondary kern-btn--x-small" />
                                        </form>
                                        <ActionButton action=remove label=if is_me { i18n.t("members.leave") } else { i18n.t("members.remove") } aria_label=remove_label />
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view();
    view! {
        <hgroup class="kern-hgroup">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("members.title")}</h1>
            <p class="kern-subline"><a class="kern-link" href=base.clone()>{data.organisation.name.clone()}</a></p>
        </hgroup>
        <Table caption={i18n.t("members.title")} headers={ let mut h = vec![i18n.t("members.name"), i18n.t("members.role"), i18n.t("members.since")]; if can_manage { h.push(i18n.t("members.actions")); } h }>
                    {rows}
        </Table>
        {(!can_manage).then(|| view! {
            <form method="post" action=format!("{base}/mitglieder/{viewer_id}/entfernen")>
                <SubmitButton label=i18n.t("members.leave") class="kern-btn kern-btn--secondary" />
            </form>
        })}
        {can_manage.then(|| view! {
            <section aria-labelledby="members-requests" class="account-section">
                <h2 class="kern-heading kern-heading-medium" id="members-requests">{i18n.t("members.requests")}</h2>
                {if data.requests.is_empty() {
                    view! { <p class="kern-body">{i18n.t("members.no_requests")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list">
                            {data.requests.iter().map(|r| {
                                let action = format!("{base}/antraege/{}", r.id);
                                view! {
                                    <li class="request">
                                        <p class="kern-body"><strong>{r.display_name.clone()}</strong>" · "{format_timestamp(i18n.locale, &r.created_at)}</p>
                                        {(!r.message.is_empty()).then(|| view! { <p class="kern-body">{r.message.clone()}</p> })}
                                        <form method="post" action=action class="button-row">
                                            <SubmitButton label=i18n.t("members.approve") name="decision" value="approve".to_owned() />
                                            <SubmitButton label=i18n.t("members.decline") class="kern-btn kern-btn--secondary" name="decision" value="decline".to_owned() />
                                        </form>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section aria-labelledby="members-invite" class="account-section">
                <h2 class="kern-heading kern-heading-medium" id="members-invite">{i18n.t("members.invite")}</h2>
                <ErrorSummary state=invite_form.clone() prefix="invite" />
                <form method="post" action=format!("{base}/einladungen") class="stack">
                    <TextField state=invite_form.clone() id="invite-email".into() name="email" label=i18n.t("form.email") input_type="email" maxlength=254 />
                    <div class="kern-form-input">
                        <label class="kern-label" for="invite-role">{i18n.t("members.role")}</label>
                        {role_select("invite-role".into(), Role::Member)}
                    </div>
                    <SubmitButton label=i18n.t("members.send_invitation") />
                </form>
                {(!data.invitations.is_empty()).then(|| view! {
                    <h3 class="kern-heading kern-heading-small">{i18n.t("members.open_invitations")}</h3>
                    <ul class="plain-list">
                        {data.invitations.iter().map(|inv| {
                            let action = format!("{base}/einladungen/{}/zurueckziehen", inv.id);
                            let label = i18n.t_with("members.revoke_named", &[("email", &inv.email)]);
                            view! {
                                <li>
                                    <span class="kern-body">{inv.email.clone()}" – "{i18n.t(inv.role.label_key())}" – "{i18n.t_with("members.valid_until", &[("date", &format_timestamp(i18n.locale, &inv.expires_at))])}</span>" "
                                    <ActionButton action label=i18n.t("members.revoke") aria_label=label />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </section>
            <section aria-labelledby="members-domains" class="account-section">
                <h2 class="kern-heading kern-heading-medium" id="members-domains">{i18n.t("members.domains")}</h2>
                <p class="kern-body">{i18n.t("members.domains_intro")}</p>
                <ul class="plain-list">
                    {data.domains.iter().map(|d| {
                        let action = format!("{base}/domains/{d}/entfernen");
                        let label = i18n.t_with("members.remove_domain", &[("domain", d)]);
                        view! {
                            <li>
                                <code>{format!("@{d}")}</code>" "
                                <ActionButton action label=i18n.t("members.remove") aria_label=label />
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <ErrorSummary state=domain_form.clone() prefix="domain" />
                <form method="post" action=format!("{base}/domains") class="stack">
                    <TextField state=domain_form.clone() id="domain-domain".into() name="domain" label=i18n.t("members.domain") hint=i18n.t("members.domain_hint") maxlength=253 />
                    <SubmitButton label=i18n.t("members.add_domain") />
                </form>
            </section>
            <p class="kern-body"><a class="kern-link" href=format!("{base}/protokoll")>{i18n.t("audit.title")}</a></p>
        })}
    }
}

/// On an organisation's page: the reader's membership, a request to join, or
/// a hint to sign in.
#[component]
pub fn MembershipPanel(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let state = flash.form("request");
    let viewer = crate::request::viewer();
    let content = match viewer {
        None => view! {
            <p class="kern-body">
                <a class="kern-link" href=format!("/anmelden?zurueck=/verwaltungen/{slug}")>{i18n.t("members.sign_in_to_join")}</a>
            </p>
        }
        .into_any(),
        Some(viewer) => match viewer.role_in(&slug) {
            Some(role) => view! {
                <p class="kern-body">
                    {i18n.t_with("members.your_role", &[("role", i18n.t(role.label_key()))])}" "
                    <a class="kern-link" href=format!("/verwaltungen/{slug}/mitglieder")>{i18n.t("members.title")}</a>
                </p>
            }
            .into_any(),
            None => view! {
                <ErrorSummary state=state.clone() prefix="request" />
                <form method="post" action=format!("/verwaltungen/{slug}/beitreten") class="stack">
                    <TextArea state=state.clone() id="request-message".into() name="message" label=i18n.t("members.request_message") maxlength=1000 />
                    <SubmitButton label=i18n.t("members.request") class="kern-btn kern-btn--secondary" />
                </form>
            }
            .into_any(),
        },
    };
    view! {
        <section aria-labelledby="membership" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="membership">{i18n.t("members.membership")}</h2>
            {content}
        </section>
    }
}
