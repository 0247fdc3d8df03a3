//! The route table and the page frame.

use crate::directory::{DirectoryPage, OrganisationPage};
use crate::dto::LegalPageKind;
use crate::i18n::Locale;
use crate::layout::{Footer, Header, SkipLink, MAIN_ID};
use crate::pages::{HomePage, LegalTextPage, NotFoundPage, Section, SectionPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(current_locale());
    // Every page is rendered completely before it is sent: readers without
    // JavaScript get the whole content, and errors can still set the status.
    let ssr = SsrMode::Async;
    view! {
        <Title formatter=|text: String| if text.is_empty() { "Allmende".to_owned() } else { format!("{text} – Allmende") } />
        <Router>
            <SkipLink />
            <Header />
            <main id=MAIN_ID tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage ssr=ssr.clone() />
                    <Route path=path!("/katalog") view=|| view! { <SectionPage section=Section::Catalog /> } />
                    <Route path=path!("/nachnutzung") view=|| view! { <SectionPage section=Section::Reuse /> } />
                    <Route path=path!("/arbeitsgruppen") view=|| view! { <SectionPage section=Section::Groups /> } />
                    <Route path=path!("/verwaltungen") view=DirectoryPage ssr=ssr.clone() />
                    <Route path=path!("/verwaltungen/:slug") view=OrganisationPage ssr=ssr.clone() />
                    <Route path=path!("/impressum") view=|| view! { <LegalTextPage kind=LegalPageKind::Impressum /> } ssr=ssr.clone() />
                    <Route path=path!("/datenschutz") view=|| view! { <LegalTextPage kind=LegalPageKind::Datenschutz /> } ssr=ssr.clone() />
                    <Route path=path!("/barrierefreiheit") view=|| view! { <LegalTextPage kind=LegalPageKind::Barrierefreiheit /> } ssr=ssr />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// On the server, the locale negotiated for the request; in the browser, the
/// one the server wrote into `<html lang>`.
fn current_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        crate::request::request_locale()
    }
    #[cfg(not(feature = "ssr"))]
    {
        leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Locale::from_tag(&tag))
            .unwrap_or_default()
    }
}
