//! The route table and the page frame.

use crate::accounts::{
    AccountPage, AdminPage, ForgotPasswordPage, InvitationPage, LoginPage, MembersPage, OrganisationAuditPage,
    RegisterPage, ResetPasswordPage, SiteAuditPage, VerifyEmailPage,
};
use crate::api_docs::ApiDocsPage;
use crate::catalog::{CatalogSearchPage, PublishPage, SoftwarePage};
use crate::directory::{DirectoryPage, EditOrganisationPage, NewOrganisationPage, OrganisationPage};
use crate::dto::LegalPageKind;
use crate::forms::{use_flash, FlashNotice};
use crate::i18n::Locale;
use crate::layout::{Footer, Header, SkipLink, MAIN_ID};
use crate::pages::{ErrorPage, HomePage, LegalTextPage, NotFoundPage};
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
        <Title formatter=|text: String| crate::raw_text::title(&text) />
        <Router>
            <SkipLink />
            <Header />
            <main id=MAIN_ID tabindex="-1">
                // What the previous request left to say (saved, signed out ...).
                {use_flash().notice.is_some().then(|| view! { <div class="kern-container flash-area"><FlashNotice flash=use_flash() /></div> })}
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage ssr=ssr.clone() />
                    <Route path=path!("/software") view=CatalogSearchPage ssr=ssr.clone() />
                    <Route path=path!("/software/veroeffentlichen") view=PublishPage ssr=ssr.clone() />
                    <Route path=path!("/software/:slug") view=SoftwarePage ssr=ssr.clone() />
                    <Route path=path!("/api") view=ApiDocsPage ssr=ssr.clone() />
                    <Route path=path!("/nachnutzung") view=crate::reuse::list_page::AgreementsPage ssr=ssr.clone() />
                    <Route path=path!("/nachnutzung/berichte") view=crate::reuse::reports_page::ReportsPage ssr=ssr.clone() />
                    <Route path=path!("/nachnutzung/berichte/:land") view=crate::reuse::reports_page::LandReportPage ssr=ssr.clone() />
                    <Route path=path!("/nachnutzung/vereinbarungen/:id") view=crate::reuse::agreement_page::AgreementPage ssr=ssr.clone() />
                    <Route path=path!("/nachnutzung/vereinbarungen/:id/bedingungen") view=crate::reuse::terms_page::TermsPage ssr=ssr.clone() />
                    <Route path=path!("/software/:slug/nachnutzung-anfragen") view=crate::reuse::request_page::ReuseRequestPage ssr=ssr.clone() />
                    <Route path=path!("/software/:slug/nutzung") view=crate::reuse::usage_page::UsagePage ssr=ssr.clone() />
                    <Route path=path!("/arbeitsgruppen") view=crate::groups::directory_page::GroupsPage ssr=ssr.clone() />
                    <Route path=path!("/arbeitsgruppen/neu") view=crate::groups::new_group_page::NewGroupPage ssr=ssr.clone() />
                    <Route path=path!("/arbeitsgruppen/:slug") view=crate::groups::group_page::GroupPage ssr=ssr.clone() />
                    <Route path=path!("/arbeitsgruppen/:slug/neues-thema") view=crate::groups::new_thread_page::NewThreadPage ssr=ssr.clone() />
                    <Route path=path!("/arbeitsgruppen/:slug/themen/:number") view=crate::groups::thread_page::ThreadPage ssr=ssr.clone() />
                    <Route path=path!("/arbeitsgruppen/:slug/themen/:number/beitraege/:post/versionen") view=crate::groups::versions_page::PostVersionsPage ssr=ssr.clone() />
                    <Route path=path!("/arbeitsgruppen/:slug/themen/:number/beitraege/:post/melden") view=crate::groups::post_moderation_pages::FlagPostPage ssr=ssr.clone() />
                    <Route path=path!("/arbeitsgruppen/:slug/themen/:number/beitraege/:post/moderieren") view=crate::groups::post_moderation_pages::ModeratePostPage ssr=ssr.clone() />
                    <Route path=path!("/arbeitsgruppen/:slug/moderationsprotokoll") view=crate::groups::modlog_page::ModLogPageView ssr=ssr.clone() />
                    <Route path=path!("/arbeitsgruppen/:slug/pruefen") view=crate::groups::modlog_page::ReviewPageView ssr=ssr.clone() />
                    <Route path=path!("/verwaltungen") view=DirectoryPage ssr=ssr.clone() />
                    <Route path=path!("/verwaltungen/neu") view=NewOrganisationPage ssr=ssr.clone() />
                    <Route path=path!("/verwaltungen/:slug") view=OrganisationPage ssr=ssr.clone() />
                    <Route path=path!("/verwaltungen/:slug/bearbeiten") view=EditOrganisationPage ssr=ssr.clone() />
                    <Route path=path!("/verwaltungen/:slug/mitglieder") view=MembersPage ssr=ssr.clone() />
                    <Route path=path!("/verwaltungen/:slug/repositorien") view=crate::mirror::repositories_page::RepositoriesPageView ssr=ssr.clone() />
                    <Route path=path!("/verwaltungen/:slug/nachnutzung") view=crate::reuse::reports_page::OrganisationReportPage ssr=ssr.clone() />
                    <Route path=path!("/verwaltungen/:slug/protokoll") view=OrganisationAuditPage ssr=ssr.clone() />
                    <Route path=path!("/anmelden") view=LoginPage ssr=ssr.clone() />
                    <Route path=path!("/registrieren") view=RegisterPage ssr=ssr.clone() />
                    <Route path=path!("/bestaetigen") view=VerifyEmailPage ssr=ssr.clone() />
                    <Route path=path!("/passwort-vergessen") view=ForgotPasswordPage ssr=ssr.clone() />
                    <Route path=path!("/passwort-neu") view=ResetPasswordPage ssr=ssr.clone() />
                    <Route path=path!("/konto") view=AccountPage ssr=ssr.clone() />
                    <Route path=path!("/einladung") view=InvitationPage ssr=ssr.clone() />
                    <Route path=path!("/benachrichtigungen") view=crate::notifications::page::NotificationsPage ssr=ssr.clone() />
                    <Route path=path!("/benachrichtigungen/abbestellen") view=crate::notifications::unsubscribe_page::UnsubscribePage ssr=ssr.clone() />
                    <Route path=path!("/benachrichtigungen/abbestellt") view=crate::notifications::unsubscribe_page::UnsubscribedPage ssr=ssr.clone() />
                    <Route path=path!("/admin") view=AdminPage ssr=ssr.clone() />
                    <Route path=path!("/admin/protokoll") view=SiteAuditPage ssr=ssr.clone() />
                    <Route path=path!("/admin/synchronisation") view=crate::mirror::queue_page::SyncQueuePage ssr=ssr.clone() />
                    <Route path=path!("/fehler") view=ErrorPage ssr=ssr.clone() />
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
