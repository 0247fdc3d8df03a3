use super::dto::{QueuePage, RepositoriesPage, RepositoryView};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api/fn", endpoint = "software_repository")]
pub async fn fetch_software_repository(slug: String) -> Result<Option<RepositoryView>, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .mirror
        .software_repository(viewer.as_ref(), &slug)
        .await
}

#[server(prefix = "/api/fn", endpoint = "organisation_repositories")]
pub async fn fetch_organisation_repositories(slug: String) -> Result<RepositoriesPage, AppError> {
    let viewer = crate::request::viewer();
    crate::ports::services()?
        .mirror
        .organisation_repositories(viewer.as_ref(), &slug)
        .await
}

#[server(prefix = "/api/fn", endpoint = "sync_queue")]
pub async fn fetch_sync_queue() -> Result<QueuePage, AppError> {
    let viewer = crate::request::require_viewer()?;
    crate::ports::services()?.mirror.queue(&viewer).await
}
