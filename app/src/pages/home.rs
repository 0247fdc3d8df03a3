use super::ErrorPanel;
use crate::api::fetch_home_stats;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// What Allmende is, its figures, and the way into its three areas.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let stats = OnceResource::new(fetch_home_stats());
    view! {
        <Title text=i18n.t("home.title") />
        <div class="kern-container page">
            <hgroup class="kern-hgroup">
                <h1 class="kern-heading kern-heading-x-large">{i18n.t("home.heading")}</h1>
                <p class="kern-subline kern-subline--large">{i18n.t("home.lead")}</p>
            </hgroup>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match stats.await {
                        Ok(stats) => {
                            let organisations = i18n.number(stats.organisations);
                            let laender = i18n.number(stats.laender);
                            view! {
                                <p class="kern-body home-stats">
                                    {i18n.t_with("home.stats.organisations", &[("count", &organisations), ("laender", &laender)])}
                                    " "
                                    <a class="kern-link" href="/verwaltungen">{i18n.t("home.stats.link")}</a>
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    }
                })}
            </Suspense>
            <h2 class="kern-heading kern-heading-medium">{i18n.t("home.areas.heading")}</h2>
            <ul class="home-areas">
                <AreaCard href="/software" title="nav.catalog" text="home.areas.catalog" />
                <AreaCard href="/nachnutzung" title="nav.reuse" text="home.areas.reuse" />
                <AreaCard href="/arbeitsgruppen" title="nav.groups" text="home.areas.groups" />
            </ul>
        </div>
    }
}

#[component]
fn AreaCard(href: &'static str, title: &'static str, text: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="kern-card kern-card--interactive">
            <div class="kern-card__container">
                <div class="kern-card__header">
                    <h3 class="kern-title">
                        <a class="kern-link kern-link--stretched" href=href>{i18n.t(title)}</a>
                    </h3>
                </div>
                <div class="kern-card__body">
                    <p class="kern-body">{i18n.t(text)}</p>
                </div>
            </div>
        </li>
    }
}
