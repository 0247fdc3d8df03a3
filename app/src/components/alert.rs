use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlertKind {
    Info,
    Danger,
}

/// KERN's alert box. Errors are announced at once (`role="alert"`), notes
/// politely (`role="status"`).
#[component]
pub fn Alert(kind: AlertKind, title: &'static str, text: &'static str) -> impl IntoView {
    let (class, icon, role) = match kind {
        AlertKind::Info => ("kern-alert kern-alert--info", "kern-icon kern-icon--info", "status"),
        AlertKind::Danger => ("kern-alert kern-alert--danger", "kern-icon kern-icon--danger", "alert"),
    };
    view! {
        <div class=class role=role>
            <div class="kern-alert__header">
                <span class=icon aria-hidden="true"></span>
                <span class="kern-title">{title}</span>
            </div>
            <div class="kern-alert__body">
                <p class="kern-body">{text}</p>
            </div>
        </div>
    }
}
