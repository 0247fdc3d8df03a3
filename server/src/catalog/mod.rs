//! The software catalog: publishing publiccode.yml files, the entries they
//! make, search with facets, and the exports. Pages reach it through
//! [`app::ports::CatalogService`]; the HTTP API and forms call it directly.

mod projection;
mod publishing;
mod reads;
mod search;
mod url_key;

pub use projection::slugify;
pub(crate) use publishing::{entry_columns, INSERT_ENTRY};
pub use publishing::{ImportOutcome, Outcome, Published, Refusal, Source};
pub use reads::FullEntry;
pub use url_key::url_key;

use app::accounts::dto::Viewer;
use app::catalog::dto::{PublishTarget, SearchQuery, SearchResults, SoftwareDetail, SoftwareSummary};
use app::error::AppError;
use app::i18n::Locale;
use app::ports::CatalogService;
use sea_orm::DatabaseConnection;

pub struct Catalog {
    pub db: DatabaseConnection,
}

#[async_trait::async_trait]
impl CatalogService for Catalog {
    async fn search(&self, query: &SearchQuery, locale: Locale) -> Result<SearchResults, AppError> {
        Catalog::search(self, query, locale).await
    }

    async fn software(&self, viewer: Option<&Viewer>, slug: &str, locale: Locale) -> Result<SoftwareDetail, AppError> {
        Catalog::software(self, viewer, slug, locale).await
    }

    async fn organisation_software(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        locale: Locale,
    ) -> Result<Vec<SoftwareSummary>, AppError> {
        Catalog::organisation_software(self, viewer, slug, locale).await
    }

    async fn publish_targets(&self, viewer: &Viewer) -> Result<Vec<PublishTarget>, AppError> {
        Catalog::publish_targets(self, viewer).await
    }
}
