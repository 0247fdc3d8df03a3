use super::{AccountLinks, LanguageSwitch};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;

/// Kopfzeile (the federal identity bar), product name, main navigation and
/// language switch.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="site-header">
            <div class="kern-kopfzeile">
                <div class="kern-container">
                    <div class="kern-kopfzeile__content">
                        <span class="kern-kopfzeile__flagge" aria-hidden="true">
                            <svg xmlns="http://www.w3.org/2000/svg" fill="none" viewBox="0 0 24 16" focusable="false">
                                <path fill="#000" d="M0 .5h24v5.333H0z" />
                                <path fill="red" d="M0 5.833h24v5.333H0z" />
                                <path fill="#FACA2C" d="M0 11.167h24V16.5H0z" />
                            </svg>
                        </span>
                        <span class="kern-kopfzeile__label">{i18n.t("layout.kopfzeile")}</span>
                    </div>
                </div>
            </div>
            <div class="kern-container site-header__bar">
                <a class="site-brand" href="/">
                    <span class="site-brand__name">"Allmende"</span>
                    <span class="site-brand__claim">{i18n.t("layout.claim")}</span>
                </a>
                <div class="site-header__tools">
                    <AccountLinks />
                    <LanguageSwitch />
                </div>
            </div>
            <nav class="site-nav" aria-label=i18n.t("layout.nav.label")>
                <div class="kern-container">
                    <ul class="site-nav__list">
                        <li><A href="/software">{i18n.t("nav.catalog")}</A></li>
                        <li><A href="/nachnutzung">{i18n.t("nav.reuse")}</A></li>
                        <li><A href="/arbeitsgruppen">{i18n.t("nav.groups")}</A></li>
                    </ul>
                </div>
            </nav>
        </header>
    }
}
