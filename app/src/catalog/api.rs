use super::dto::{PublishTarget, SearchQuery, SearchResults, SoftwareDetail, SoftwareSummary};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api/fn", endpoint = "catalog_search")]
pub async fn search_catalog(query: SearchQuery) -> Result<SearchResults, AppError> {
    let locale = crate::request::request_locale();
    crate::ports::services()?.catalog.search(&query, locale).await
}

#[server(prefix = "/api/fn", endpoint = "software")]
pub async fn fetch_software(slug: String) -> Result<SoftwareDetail, AppError> {
    let locale = crate::request::request_locale();
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .catalog
        .software(viewer.as_ref(), &slug, locale)
        .await
}

#[server(prefix = "/api/fn", endpoint = "organisation_software")]
pub async fn fetch_organisation_software(slug: String) -> Result<Vec<SoftwareSummary>, AppError> {
    let locale = crate::request::request_locale();
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .catalog
        .organisation_software(viewer.as_ref(), &slug, locale)
        .await
}

#[server(prefix = "/api/fn", endpoint = "publish_targets")]
pub async fn fetch_publish_targets() -> Result<Vec<PublishTarget>, AppError> {
    let viewer = crate::request::require_viewer()?;
    crate::ports::services()?.catalog.publish_targets(&viewer).await
}
