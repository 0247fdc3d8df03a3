//! `/benachrichtigungen`: what happened for the signed-in person, newest
//! first, unread marked; mark one or all read; and how each kind comes by
//! mail. Every action is a plain form, so all of it works without JavaScript.

use super::dto::{NotificationsPageData, DELIVERIES};
use crate::accounts::dto::format_timestamp;
use crate::components::{loaded, Pagination};
use crate::error::AppError;
use crate::forms::SubmitButton;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[server(prefix = "/api/fn", endpoint = "notifications")]
pub async fn fetch_notifications(page: u32) -> Result<NotificationsPageData, AppError> {
    let viewer = crate::request::require_viewer()?;
    let locale = crate::request::request_locale();
    crate::ports::services()?
        .notifications
        .page(&viewer, page, locale)
        .await
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = use_query_map()
        .get_untracked()
        .get("seite")
        .and_then(|p| p.parse::<u32>().ok())
        .unwrap_or(1);
    let data = OnceResource::new(fetch_notifications(page));
    view! {
        <Title text=i18n.t("notifications.title") />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t("notifications.title")}</h1>
            {loaded(data, sections)}
        </div>
    }
}

fn sections(data: NotificationsPageData) -> impl IntoView {
    let i18n = use_i18n();
    let unread = data.unread;
    view! {
        <section aria-labelledby="notifications-list" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="notifications-list">
                {i18n.t("notifications.list")}
            </h2>
            <p class="kern-body">
                {if unread == 0 {
                    i18n.t("notifications.none_unread").to_owned()
                } else {
                    i18n.t_with("notifications.unread_count", &[("count", &i18n.number(unread))])
                }}
            </p>
            {(unread > 0).then(|| view! {
                <form method="post" action="/benachrichtigungen/gelesen">
                    <SubmitButton label=i18n.t("notifications.mark_all") class="kern-btn kern-btn--secondary kern-btn--small" />
                </form>
            })}
            {if data.items.is_empty() {
                view! { <p class="kern-body">{i18n.t("notifications.empty")}</p> }.into_any()
            } else {
                view! {
                    <ol class="notification-list">
                        {data.items.into_iter().map(|n| {
                            let when = format_timestamp(i18n.locale, &n.created_at);
                            let mark_label = format!("{}: {}", i18n.t("notifications.mark_one"), n.text);
                            view! {
                                <li class=if n.read { "notification" } else { "notification notification--unread" }>
                                    {(!n.read).then(|| view! {
                                        <span class="kern-badge kern-badge--info"><span class="kern-label">{i18n.t("notifications.new")}</span></span>
                                    })}
                                    <p class="kern-body notification__text"><a class="kern-link" href=n.link.clone()>{n.text.clone()}</a></p>
                                    <p class="kern-body kern-body--small notification__time"><time datetime=n.created_at.clone()>{when}</time></p>
                                    {(!n.read).then(|| view! {
                                        <form method="post" action=format!("/benachrichtigungen/{}/gelesen", n.id) class="inline-form">
                                            <button class="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit" aria-label=mark_label>
                                                <span class="kern-label">{i18n.t("notifications.mark_one")}</span>
                                            </button>
                                        </form>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <Pagination
                label=i18n.t("notifications.pages")
                previous=(data.page > 1).then(|| format!("/benachrichtigungen?seite={}", data.page - 1))
                next=data.has_more.then(|| format!("/benachrichtigungen?seite={}", data.page + 1))
            />
        </section>

        <section aria-labelledby="einstellungen" class="account-section">
            <h2 class="kern-heading kern-heading-medium" id="einstellungen">{i18n.t("notifications.settings")}</h2>
            <p class="kern-body">
                {match &data.email {
                    Some(email) => i18n.t_with("notifications.settings_hint", &[("email", email)]),
                    None => i18n.t("notifications.no_email").to_owned(),
                }}
            </p>
            <form method="post" action="/benachrichtigungen/einstellungen" class="stack">
                {data.settings.into_iter().map(|s| {
                    let id = format!("delivery-{}", s.kind);
                    let label = i18n.text(&format!("notification.kind.{}", s.kind));
                    if s.mailable {
                        let options = DELIVERIES.map(|d| view! {
                            <option value=d selected=d == s.delivery>{i18n.text(&format!("notifications.delivery.{d}"))}</option>
                        });
                        view! {
                            <div class="kern-form-input">
                                <label class="kern-label" for=id.clone()>{label}</label>
                                <div class="kern-form-input__select-wrapper">
                                    <select class="kern-form-input__select" id=id name=s.kind.clone()>{options}</select>
                                </div>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <p class="kern-body"><strong>{label}</strong>": "{i18n.t("notifications.own_mail")}</p>
                        }.into_any()
                    }
                }).collect_view()}
                <SubmitButton label=i18n.t("form.save") />
            </form>
        </section>
    }
}
