use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Links to the previous and next page of a list, and where the reader is
/// when the number of pages is known. Nothing when there is one page.
#[component]
pub fn Pagination(
    previous: Option<String>,
    next: Option<String>,
    /// `(page, pages)`, 1-based.
    #[prop(optional)]
    position: Option<(u32, u32)>,
    /// The navigation's name when a page has several lists.
    #[prop(optional)]
    label: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = label.unwrap_or_else(|| i18n.t("pagination.label"));
    (previous.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pagination" aria-label=label>
                {previous.map(|href| view! { <a class="kern-link" rel="prev" href=href>{i18n.t("pagination.previous")}</a> })}
                {position.map(|(page, pages)| view! {
                    <span class="kern-body">
                        {i18n.t_with("pagination.position", &[("page", &page.to_string()), ("pages", &pages.to_string())])}
                    </span>
                })}
                {next.map(|href| view! { <a class="kern-link" rel="next" href=href>{i18n.t("pagination.next")}</a> })}
            </nav>
        }
    })
}
