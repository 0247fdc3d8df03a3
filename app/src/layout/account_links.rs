use crate::forms::SubmitButton;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// "Anmelden", or the signed-in person's account, administration and sign-out.
#[component]
pub fn AccountLinks() -> impl IntoView {
    let i18n = use_i18n();
    match crate::request::viewer() {
        None => view! {
            <a class="kern-link account-links__link" href="/anmelden">{i18n.t("nav.login")}</a>
        }
        .into_any(),
        Some(viewer) => view! {
            <div class="account-links">
                {viewer.is_site_admin.then(|| view! { <a class="kern-link account-links__link" href="/admin">{i18n.t("nav.admin")}</a> })}
                {notifications_link(&viewer)}
                <a class="kern-link account-links__link" href="/konto">
                    <span class="kern-sr-only">{i18n.t("nav.account")}": "</span>{viewer.display_name.clone()}
                </a>
                <form method="post" action="/abmelden">
                    <SubmitButton label=i18n.t("nav.logout") class="kern-btn kern-btn--tertiary kern-btn--x-small" />
                </form>
            </div>
        }
        .into_any(),
    }
}

/// "Benachrichtigungen", with the unread count as a badge (its words for
/// screen readers: "3 ungelesen"). Read with the viewer, so it costs no query.
fn notifications_link(viewer: &crate::accounts::dto::Viewer) -> impl IntoView {
    let i18n = use_i18n();
    let unread = viewer.unread_notifications;
    let shown = if unread > 99 {
        "99+".to_owned()
    } else {
        unread.to_string()
    };
    view! {
        <a class="kern-link account-links__link" href="/benachrichtigungen">
            {i18n.t("nav.notifications")}
            {(unread > 0).then(|| view! {
                " "
                <span class="kern-badge kern-badge--info notification-badge" aria-hidden="true">
                    <span class="kern-label">{shown}</span>
                </span>
                <span class="kern-sr-only">{format!(" ({})", i18n.t_with("nav.unread", &[("count", &unread.to_string())]))}</span>
            })}
        </a>
    }
}
