//! The pages' port onto the mirror: viewers become actors, slugs ids.

use super::Mirror;
use crate::accounts::Actor;
use app::accounts::dto::Viewer;
use app::error::AppError;
use app::mirror::dto::{QueuePage, RepositoriesPage, RepositoryView};
use app::ports::MirrorService;

#[async_trait::async_trait]
impl MirrorService for Mirror {
    async fn software_repository(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
    ) -> Result<Option<RepositoryView>, AppError> {
        let actor = viewer.and_then(Actor::from_viewer);
        self.for_software(actor.as_ref(), slug).await
    }

    async fn organisation_repositories(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
    ) -> Result<RepositoriesPage, AppError> {
        let actor = viewer.and_then(Actor::from_viewer);
        Mirror::organisation_repositories(self, actor.as_ref(), slug).await
    }

    async fn queue(&self, viewer: &Viewer) -> Result<QueuePage, AppError> {
        let actor = Actor::from_viewer(viewer).ok_or(AppError::Unauthenticated)?;
        self.queue_page(&actor).await
    }
}
