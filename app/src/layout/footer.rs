use crate::dto::LegalPageKind;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Links to the operator's legal texts, on every page.
#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <div class="kern-container">
                <nav aria-label=i18n.t("layout.footer.label")>
                    <ul class="site-footer__links">
                        {LegalPageKind::ALL
                            .into_iter()
                            .map(|kind| {
                                view! {
                                    <li>
                                        <a class="kern-link" href=format!("/{}", kind.slug())>{i18n.t(kind.title_key())}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
                <p class="kern-body kern-body--small site-footer__note">{i18n.t("layout.footer.note")}</p>
            </div>
        </footer>
    }
}
