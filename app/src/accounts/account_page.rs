use super::api::fetch_account;
use super::dto::{format_timestamp, AccountOverview};
use crate::components::{loaded, Table};
use crate::forms::{use_flash, ActionButton, ErrorSummary, Flash, SubmitButton, TextField};
use crate::i18n::{use_i18n, Locale};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/konto`: profile, memberships, sign-in methods and sessions, API tokens,
/// personal data.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = use_flash();
    let account = OnceResource::new(fetch_account());
    view! {
        <Title text=i18n.t("account.title") />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("account.title")}</h1>
            {loaded(account, move |account| sections(account, flash.clone()))}
        </div>
    }
}

fn sections(account: AccountOverview, flash: Flash) -> impl IntoView {
    let i18n = use_i18n();
    let ts = move |t: &str| format_timestamp(i18n.locale, t);
    let profile = flash.form("profile");
    let token_form = flash.form("token");
    let delete_form = flash.form("delete");
    let locale_options = Locale::ALL.map(|l| {
        let selected = l.tag() == account.locale;
        view! { <option value=l.tag() selected=selected>{l.endonym()}</option> }
    });
    view! {
        <section aria-labelledby="account-profile" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="account-profile">{i18n.t("account.profile")}</h2>
            {account.email.clone().map(|email| {
                let status = if account.email_verified { i18n.t("account.email_verified") } else { i18n.t("account.email_unverified") };
                view! { <p class="kern-body">{i18n.t("form.email")}": "<strong>{email}</strong>" ("{status}")"</p> }
            })}
            <ErrorSummary state=profile.clone() prefix="profile" />
            <form method="post" action="/konto/profil" class="stack">
                <TextField state=profile.clone() id="profile-display_name".into() name="display_name" label=i18n.t("form.display_name") autocomplete="name" maxlength=120 value=account.display_name.clone() />
                <div class="kern-form-input">
                    <label class="kern-label" for="profile-locale">{i18n.t("account.locale")}</label>
                    <div class="kern-form-input__select-wrapper">
                        <select class="kern-form-input__select" id="profile-locale" name="locale">{locale_options}</select>
                    </div>
                </div>
                <SubmitButton label=i18n.t("form.save") />
            </form>
        </section>

        <section aria-labelledby="account-memberships" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="account-memberships">{i18n.t("account.memberships")}</h2>
            {if account.memberships.is_empty() {
                view! { <p class="kern-body">{i18n.t("account.no_memberships")}" "<a class="kern-link" href="/verwaltungen">{i18n.t("account.find_organisation")}</a></p> }.into_any()
            } else {
                view! {
                    <ul class="kern-list">
                        {account.memberships.iter().map(|m| view! {
                            <li>
                                <a class="kern-link" href=format!("/verwaltungen/{}", m.slug)>{m.name.clone()}</a>
                                " – "{i18n.t(m.role.label_key())}" · "
                                <a class="kern-link" href=format!("/verwaltungen/{}/mitglieder", m.slug)>{i18n.t("members.title")}</a>" · "<a class="kern-link" href=format!("/verwaltungen/{}/repositorien", m.slug)>{i18n.t("mirror.list.title")}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!account.pending_requests.is_empty()).then(|| view! {
                <h3 class="kern-heading kern-heading-small">{i18n.t("account.pending_requests")}</h3>
                <ul class="kern-list">
                    {account.pending_requests.iter().map(|o| view! { <li><a class="kern-link" href=format!("/verwaltungen/{}", o.slug)>{o.name.clone()}</a></li> }).collect_view()}
                </ul>
            })}
        </section>

        <section aria-labelledby="account-signin" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="account-signin">{i18n.t("account.signin")}</h2>
            <ul class="kern-list">
                {account.has_password.then(|| view! { <li>{i18n.t("account.method_password")}" · "<a class="kern-link" href="/passwort-vergessen">{i18n.t("account.change_password")}</a></li> })}
                {account.identities.iter().map(|p| view! { <li>{i18n.t_with("account.method_provider", &[("provider", p)])}</li> }).collect_view()}
            </ul>
            <h3 class="kern-heading kern-heading-small">{i18n.t("account.sessions")}</h3>
            <Table caption={i18n.t("account.sessions")} headers=vec![i18n.t("account.session_started"), i18n.t("account.session_seen")] small=true>
                        {account.sessions.iter().map(|s| view! {
                            <tr class="kern-table__row">
                                <td class="kern-table__cell">{ts(&s.created_at)}</td>
                                <td class="kern-table__cell">{ts(&s.last_seen_at)}</td>
                            </tr>
                        }).collect_view()}
            </Table>
            <div class="button-row">
                <form method="post" action="/abmelden"><SubmitButton label=i18n.t("nav.logout") class="kern-btn kern-btn--secondary" /></form>
                <form method="post" action="/abmelden/ueberall"><SubmitButton label=i18n.t("account.logout_everywhere") class="kern-btn kern-btn--secondary" /></form>
            </div>
        </section>

        <section aria-labelledby="tokens" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="tokens">{i18n.t("tokens.title")}</h2>
            <p class="kern-body">{i18n.t("tokens.intro")}</p>
            {flash.secret.clone().map(|secret| view! {
                <div class="kern-alert kern-alert--warning" role="status">
                    <div class="kern-alert__header">
                        <span class="kern-icon kern-icon--warning" aria-hidden="true"></span>
                        <span class="kern-title">{i18n.t("tokens.once")}</span>
                    </div>
                    <div class="kern-alert__body">
                        <p class="kern-body"><code class="token-secret" id="new-token">{secret}</code></p>
                    </div>
                </div>
            })}
            {(!account.tokens.is_empty()).then(|| view! {
                <Table caption={i18n.t("tokens.title")} headers=vec![i18n.t("tokens.name"), i18n.t("tokens.organisation"), i18n.t("tokens.scopes"), i18n.t("tokens.expires"), i18n.t("tokens.last_used"), i18n.t("tokens.state")] small=true>
                            {account.tokens.iter().map(|t| {
                                let state = if t.revoked {
                                    i18n.t("tokens.revoked").into_any()
                                } else if t.expired {
                                    i18n.t("tokens.expired").into_any()
                                } else {
                                    let label = i18n.t_with("tokens.revoke_named", &[("name", &t.name)]);
                                    view! { <ActionButton action=format!("/konto/token/{}/widerrufen", t.id) label=i18n.t("tokens.revoke") aria_label=label /> }.into_any()
                                };
                                view! {
                                    <tr class="kern-table__row">
                                        <td class="kern-table__cell">{t.name.clone()}<br /><code>{format!("{}…", t.prefix)}</code></td>
                                        <td class="kern-table__cell">{t.organisation.clone()}</td>
                                        <td class="kern-table__cell">{t.scopes.join(", ")}</td>
                                        <td class="kern-table__cell">{ts(&t.expires_at)}</td>
                                        <td class="kern-table__cell">{t.last_used_at.as_deref().map(ts).unwrap_or_else(|| "–".into())}</td>
                                        <td class="kern-table__cell">{state}</td>
                                    </tr>
                                }
                            }).collect_view()}
                </Table>
            })}
            {if account.token_targets.is_empty() {
                view! { <p class="kern-body">{i18n.t("tokens.need_membership")}</p> }.into_any()
            } else {
                let scopes: Vec<String> = {
                    let mut all: Vec<String> = account.token_targets.iter().flat_map(|t| t.scopes.clone()).collect();
                    all.sort();
                    all.dedup();
                    all
                };
                let selected_org = token_form.as_ref().and_then(|f| f.value("organisation").map(str::to_owned));
                let scope_error = token_form.as_ref().and_then(|f| f.error("scopes")).map(|k| i18n.text(k));
                view! {
                    <h3 class="kern-heading kern-heading-small">{i18n.t("tokens.create")}</h3>
                    <ErrorSummary state=token_form.clone() prefix="token" />
                    <form method="post" action="/konto/token" class="stack">
                        <div class="kern-form-input">
                            <label class="kern-label" for="token-organisation">{i18n.t("tokens.organisation")}</label>
                            <div class="kern-form-input__select-wrapper">
                                <select class="kern-form-input__select" id="token-organisation" name="organisation">
                                    {account.token_targets.iter().map(|t| {
                                        let selected = selected_org.as_deref() == Some(t.slug.as_str());
                                        view! { <option value=t.slug.clone() selected=selected>{t.name.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                        </div>
                        <TextField state=token_form.clone() id="token-name".into() name="name" label=i18n.t("tokens.name") maxlength=100 hint=i18n.t("tokens.name_hint") />
                        <fieldset class="kern-fieldset" id="token-scopes" aria-describedby=scope_error.as_ref().map(|_| "token-scopes-error")>
                            <legend class="kern-label">{i18n.t("tokens.scopes")}</legend>
                            {scope_error.clone().map(|e| view! { <p class="kern-error" id="token-scopes-error"><span class="kern-body">{e}</span></p> })}
                            <div class="kern-fieldset__body">
                                {scopes.into_iter().map(|scope| {
                                    let id = format!("token-scope-{}", scope.replace(':', "-"));
                                    let label = i18n.text(&format!("tokens.scope.{}", scope.replace(':', "_")));
                                    view! {
                                        <div class="kern-form-check">
                                            <input class="kern-form-check__checkbox" type="checkbox" id=id.clone() name="scopes" value=scope.clone() />
                                            <label class="kern-label" for=id>{label}" ("<code>{scope.clone()}</code>")"</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                        <TextField state=token_form.clone() id="token-days".into() name="days" label=i18n.t("tokens.days") input_type="number" value="90".to_owned() hint=i18n.t("tokens.days_hint") />
                        <SubmitButton label=i18n.t("tokens.create") />
                    </form>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="account-data" class="account-section" id="loeschen">
            <h2 class="kern-heading kern-heading-medium" id="account-data">{i18n.t("account.data")}</h2>
            <p class="kern-body">{i18n.t("account.export_intro")}" "<a class="kern-link" href="/konto/daten.json" download="allmende-daten.json">{i18n.t("account.export")}</a></p>
            <h3 class="kern-heading kern-heading-small">{i18n.t("account.delete")}</h3>
            <p class="kern-body">{i18n.t("account.delete_intro")}</p>
            <ErrorSummary state=delete_form.clone() prefix="delete" />
            <form method="post" action="/konto/loeschen" class="stack">
                <TextField state=delete_form.clone() id="delete-confirm".into() name="confirm" label=i18n.t("account.delete_confirm") autocomplete="off" />
                <SubmitButton label=i18n.t("account.delete") class="kern-btn kern-btn--secondary" />
            </form>
        </section>
    }
}
