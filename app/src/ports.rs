//! What the pages need from the server, as traits: `app` declares them,
//! `server` implements them over the database, and one `Services` value reaches
//! every page render and server function through the Leptos context.

use crate::directory::dto::{DirectoryPageData, DirectoryQuery, OrganisationDetail};
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

/// Every service the pages can reach; cloned into the context of each request.
#[derive(Clone)]
pub struct Services {
    pub site: Arc<dyn SiteService>,
    pub directory: Arc<dyn DirectoryService>,
}

/// Takes the services from the request's context (provided once by the server).
pub fn services() -> Result<Services, AppError> {
    leptos::prelude::use_context::<Services>().ok_or(AppError::Internal)
}
