use super::ErrorPanel;
use crate::api::fetch_legal_page;
use crate::dto::LegalPageKind;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// Impressum, Datenschutzerklärung or Erklärung zur Barrierefreiheit: the
/// operator's text, rendered from Markdown and sanitised on the server.
#[component]
pub fn LegalTextPage(kind: LegalPageKind) -> impl IntoView {
    let i18n = use_i18n();
    let page = OnceResource::new(fetch_legal_page(kind));
    view! {
        <Title text=i18n.t(kind.title_key()) />
        <div class="kern-container page">
            <h1 class="kern-heading kern-heading-x-large">{i18n.t(kind.title_key())}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let fallback = (page.lang != i18n.locale.tag())
                                .then(|| view! { <p class="kern-body kern-body--muted">{i18n.t("legal.fallback_note")}</p> });
                            view! {
                                {fallback}
                                <div class="prose" lang=page.lang inner_html=page.html></div>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
