//! The reuse part of a software page: the agreements in force with their
//! parties, and how many are on the way. Loaded on its own, so that the
//! catalog does not read the reuse tables.

use super::dto::EntryReuse;
use super::list_page::AgreementTable;
use super::usage_section::UsageSection;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[server(prefix = "/api/fn", endpoint = "entry_reuse")]
pub async fn fetch_entry_reuse(slug: String) -> Result<EntryReuse, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .reuse
        .entry_reuse(viewer.as_ref(), &slug)
        .await
}

#[component]
pub fn EntryReuseSection(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let data = OnceResource::new(fetch_entry_reuse(slug.clone()));
    view! {
        <section aria-labelledby="entry-reuse" class="entry-reuse">
            <h2 class="kern-heading kern-heading-medium" id="entry-reuse">{i18n.t("reuse.entry.heading")}</h2>
            <Suspense fallback=|| ()>
                {move || { let slug = slug.clone(); Suspend::new(async move {
                    // A failure here leaves the rest of the page readable.
                    data.await.ok().map(move |reuse| {
                        let in_force = reuse.in_force.len().to_string();
                        let under_way = reuse.under_way.to_string();
                        view! {
                            <p class="kern-body">
                                {i18n.t_with("reuse.entry.counts", &[("in_force", &in_force), ("under_way", &under_way)])}
                            </p>
                            {(!reuse.in_force.is_empty()).then(|| view! {
                                <AgreementTable items=reuse.in_force caption=i18n.t("reuse.entry.caption") />
                            })}
                            <UsageSection usage=reuse.usage slug=slug.clone() />
                        }
                    })
                })}}
            </Suspense>
        </section>
    }
}
