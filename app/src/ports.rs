//! What the pages need from the server, as traits: `app` declares them,
//! `server` implements them over the database, and one `Services` value reaches
//! every page render and server function through the Leptos context.

use crate::accounts::dto::{
    AccountOverview, AdminPageData, AuditPageData, InvitationPageData, LoginOptions, MembersPageData, Viewer,
};
use crate::catalog::dto::{PublishTarget, SearchQuery, SearchResults, SoftwareDetail, SoftwareSummary};
use crate::directory::dto::{DirectoryPageData, DirectoryQuery, OrganisationDetail};
use crate::directory::editing::OrganisationForm;
use crate::dto::{HomeStats, LegalPage, LegalPageKind};
use crate::error::AppError;
use crate::i18n::Locale;
use std::sync::Arc;

#[async_trait::async_trait]
pub trait SiteService: Send + Sync {
    async fn home_stats(&self) -> Result<HomeStats, AppError>;
    async fn legal_page(&self, kind: LegalPageKind, locale: Locale) -> Result<LegalPage, AppError>;
}

/// The public directory of administrations.
#[async_trait::async_trait]
pub trait DirectoryService: Send + Sync {
    async fn search(&self, query: &DirectoryQuery, locale: Locale) -> Result<DirectoryPageData, AppError>;
    async fn organisation(&self, slug: &str, locale: Locale) -> Result<OrganisationDetail, AppError>;
}

/// Accounts, memberships and administration, as the pages read them. Every
/// method checks what the viewer may see; writes go through the server's
/// form handlers.
#[async_trait::async_trait]
pub trait AccountsService: Send + Sync {
    fn login_options(&self) -> LoginOptions;
    async fn account(&self, viewer: &Viewer, locale: Locale) -> Result<AccountOverview, AppError>;
    async fn members(&self, viewer: &Viewer, slug: &str, locale: Locale) -> Result<MembersPageData, AppError>;
    async fn invitation(&self, token: &str, locale: Locale) -> Result<InvitationPageData, AppError>;
    async fn admin(&self, viewer: &Viewer, locale: Locale) -> Result<AdminPageData, AppError>;
    async fn audit(
        &self,
        viewer: &Viewer,
        slug: Option<&str>,
        page: u32,
        locale: Locale,
    ) -> Result<AuditPageData, AppError>;
    /// An organisation's details for its edit form (owners and site administrators).
    async fn organisation_form(&self, viewer: &Viewer, slug: &str) -> Result<OrganisationForm, AppError>;
}

/// The software catalog as pages read it. Inactive entries and import logs
/// are shown to the organisation's publishers only (checked here, not in
/// the page).
#[async_trait::async_trait]
pub trait CatalogService: Send + Sync {
    async fn search(&self, query: &SearchQuery, locale: Locale) -> Result<SearchResults, AppError>;
    async fn software(&self, viewer: Option<&Viewer>, slug: &str, locale: Locale) -> Result<SoftwareDetail, AppError>;
    async fn organisation_software(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        locale: Locale,
    ) -> Result<Vec<SoftwareSummary>, AppError>;
    async fn publish_targets(&self, viewer: &Viewer) -> Result<Vec<PublishTarget>, AppError>;
}

/// Mirrored repositories as pages read them; who may see webhook secrets
/// and the queue is decided here.
#[async_trait::async_trait]
pub trait MirrorService: Send + Sync {
    async fn software_repository(
        &self,
        viewer: Option<&Viewer>,
        software_slug: &str,
    ) -> Result<Option<crate::mirror::dto::RepositoryView>, AppError>;
    async fn organisation_repositories(
        &self,
        viewer: Option<&Viewer>,
        organisation_slug: &str,
    ) -> Result<crate::mirror::dto::RepositoriesPage, AppError>;
    async fn queue(&self, viewer: &Viewer) -> Result<crate::mirror::dto::QueuePage, AppError>;
}

/// The signed-in person's notifications.
#[async_trait::async_trait]
pub trait NotificationsService: Send + Sync {
    async fn page(
        &self,
        viewer: &Viewer,
        page: u32,
        locale: Locale,
    ) -> Result<crate::notifications::dto::NotificationsPageData, AppError>;
}

/// Reuse agreements as pages read them; what a reader may see and do is
/// decided here.
#[async_trait::async_trait]
pub trait ReuseService: Send + Sync {
    async fn agreement(&self, viewer: Option<&Viewer>, id: &str) -> Result<crate::reuse::dto::AgreementView, AppError>;
    async fn request_form(
        &self,
        viewer: &Viewer,
        software_slug: &str,
    ) -> Result<crate::reuse::dto::ReuseRequestForm, AppError>;
    /// Public summaries: anyone may read them.
    async fn agreements(
        &self,
        query: &crate::reuse::query::AgreementQuery,
    ) -> Result<crate::reuse::dto::AgreementList, AppError>;
    /// The agreements in force and the usage declarations, as `viewer`
    /// may see them (contacts' addresses only for the signed-in).
    async fn entry_reuse(
        &self,
        viewer: Option<&Viewer>,
        software_slug: &str,
    ) -> Result<crate::reuse::dto::EntryReuse, AppError>;
    async fn usage_form(
        &self,
        viewer: &Viewer,
        software_slug: &str,
    ) -> Result<crate::reuse::usage::UsageFormData, AppError>;
    /// Cost shares only where the reader sees an agreement's costs.
    async fn land_report(
        &self,
        viewer: Option<&Viewer>,
        land: &str,
    ) -> Result<crate::reuse::report::ReuseReport, AppError>;
    async fn organisation_report(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
    ) -> Result<crate::reuse::report::ReuseReport, AppError>;
    async fn graph(&self) -> Result<crate::reuse::report::ReuseGraph, AppError>;
}

/// Working groups as pages read them; what a reader may see (a
/// members-only group is not found for outsiders) and do is decided here.
#[async_trait::async_trait]
pub trait GroupsService: Send + Sync {
    async fn directory(
        &self,
        viewer: Option<&Viewer>,
        query: &crate::groups::query::GroupQuery,
    ) -> Result<crate::groups::dto::GroupDirectory, AppError>;
    /// The group with one page of its threads (pinned first, then by the
    /// latest post).
    async fn group(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        page: u32,
    ) -> Result<crate::groups::dto::GroupPageData, AppError>;
    async fn thread(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        number: u32,
        page: u32,
    ) -> Result<crate::groups::dto::ThreadPageData, AppError>;
    async fn post(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        thread: u32,
        number: u32,
    ) -> Result<crate::groups::dto::PostEditData, AppError>;
    async fn new_group(
        &self,
        viewer: &Viewer,
        software: Option<&str>,
    ) -> Result<crate::groups::dto::NewGroupData, AppError>;
    /// The group's moderation log: anyone who reads the group reads it.
    async fn moderation_log(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
    ) -> Result<crate::groups::dto::ModLogPage, AppError>;
    /// Posts with open flags: the group's moderators only.
    async fn review_queue(&self, viewer: &Viewer, slug: &str) -> Result<crate::groups::dto::ReviewPage, AppError>;
    /// One post for its flag and moderation forms.
    async fn post_moderation(
        &self,
        viewer: &Viewer,
        slug: &str,
        thread: u32,
        number: u32,
    ) -> Result<crate::groups::dto::PostModerationData, AppError>;
    /// The groups about one catalog entry that the reader may see.
    async fn software_groups(
        &self,
        viewer: Option<&Viewer>,
        software_slug: &str,
    ) -> Result<Vec<crate::groups::dto::GroupCard>, AppError>;
}

/// Every service the pages can reach; cloned into the context of each request.
#[derive(Clone)]
pub struct Services {
    pub site: Arc<dyn SiteService>,
    pub directory: Arc<dyn DirectoryService>,
    pub accounts: Arc<dyn AccountsService>,
    pub catalog: Arc<dyn CatalogService>,
    pub mirror: Arc<dyn MirrorService>,
    pub notifications: Arc<dyn NotificationsService>,
    pub reuse: Arc<dyn ReuseService>,
    pub groups: Arc<dyn GroupsService>,
}

/// Takes the services from the request's context (provided once by the server).
pub fn services() -> Result<Services, AppError> {
    leptos::prelude::use_context::<Services>().ok_or(AppError::Internal)
}
