//! The working groups of a software page: those about the entry that the
//! reader may see, and a link to found one. Loaded on its own, so that
//! the catalog does not read the groups' tables.

use super::directory_page::GroupCardView;
use super::dto::GroupCard;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[server(prefix = "/api/fn", endpoint = "software_groups")]
pub async fn fetch_software_groups(slug: String) -> Result<Vec<GroupCard>, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .groups
        .software_groups(viewer.as_ref(), &slug)
        .await
}

#[component]
pub fn SoftwareGroupsSection(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let data = OnceResource::new(fetch_software_groups(slug.clone()));
    let found = format!("/arbeitsgruppen/neu?software={}", crate::catalog::dto::encode(&slug));
    view! {
        <section aria-labelledby="entry-groups" class="entry-groups">
            <h2 class="kern-heading kern-heading-medium" id="entry-groups">{i18n.t("groups.entry.heading")}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    // A failure here leaves the rest of the page readable.
                    data.await.ok().map(|groups| {
                        if groups.is_empty() {
                            view! { <p class="kern-body">{i18n.t("groups.entry.none")}</p> }.into_any()
                        } else {
                            view! { <ul class="card-list">{groups.into_iter().map(|g| view! { <GroupCardView group=g heading_level=3 /> }).collect_view()}</ul> }.into_any()
                        }
                    })
                })}
            </Suspense>
            <p class="kern-body"><a class="kern-link" href=found>{i18n.t("groups.entry.found")}</a></p>
        </section>
    }
}
