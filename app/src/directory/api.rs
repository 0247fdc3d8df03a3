use super::dto::{DirectoryPageData, DirectoryQuery, OrganisationDetail};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api/fn", endpoint = "directory_search")]
pub async fn search_directory(query: DirectoryQuery) -> Result<DirectoryPageData, AppError> {
    let locale = crate::request::request_locale();
    crate::ports::services()?.directory.search(&query, locale).await
}

#[server(prefix = "/api/fn", endpoint = "organisation")]
pub async fn fetch_organisation(slug: String) -> Result<OrganisationDetail, AppError> {
    let locale = crate::request::request_locale();
    crate::ports::services()?.directory.organisation(&slug, locale).await
}

#[server(prefix = "/api/fn", endpoint = "organisation_form")]
pub async fn fetch_organisation_form(slug: String) -> Result<super::editing::OrganisationForm, AppError> {
    let viewer = crate::request::require_viewer()?;
    crate::ports::services()?
        .accounts
        .organisation_form(&viewer, &slug)
        .await
}
