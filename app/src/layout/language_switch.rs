use crate::i18n::{use_i18n, Locale};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Switches the interface language with a plain form: it works without
/// JavaScript, the server remembers the choice in a cookie and sends the
/// reader back to the page they were on.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let back = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        }
    };
    let others = Locale::ALL.into_iter().filter(move |l| *l != i18n.locale);
    view! {
        <form class="language-switch" method="post" action="/sprache" aria-label=i18n.t("layout.language.label")>
            <input type="hidden" name="back" value=back />
            {others
                .map(|locale| {
                    view! {
                        <button
                            class="kern-btn kern-btn--tertiary kern-btn--x-small"
                            type="submit"
                            name="lang"
                            value=locale.tag()
                            lang=locale.tag()
                        >
                            <span class="kern-icon kern-icon--language kern-icon--small" aria-hidden="true"></span>
                            <span class="kern-label">{locale.endonym()}</span>
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}
