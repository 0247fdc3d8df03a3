//! Working groups as the pages reach them (`app::ports::GroupsService`).

use super::Groups;
use crate::kernel::Actor;
use app::accounts::dto::Viewer;
use app::error::AppError;
use app::groups::dto::{
    GroupCard, GroupDirectory, GroupPageData, ModLogPage, NewGroupData, PostEditData, PostModerationData, ReviewPage,
    ThreadPageData,
};
use app::groups::query::GroupQuery;
use app::ports::GroupsService;

#[async_trait::async_trait]
impl GroupsService for Groups {
    async fn directory(&self, viewer: Option<&Viewer>, query: &GroupQuery) -> Result<GroupDirectory, AppError> {
        let reader = viewer.and_then(Actor::from_viewer);
        Groups::directory(self, reader.as_ref(), query).await
    }

    async fn group(&self, viewer: Option<&Viewer>, slug: &str, page: u32) -> Result<GroupPageData, AppError> {
        let reader = viewer.and_then(Actor::from_viewer);
        Groups::group_page(self, reader.as_ref(), slug, page).await
    }

    async fn thread(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        number: u32,
        page: u32,
    ) -> Result<ThreadPageData, AppError> {
        let reader = viewer.and_then(Actor::from_viewer);
        Groups::thread(self, reader.as_ref(), slug, number, page).await
    }

    async fn post(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        thread: u32,
        number: u32,
    ) -> Result<PostEditData, AppError> {
        let reader = viewer.and_then(Actor::from_viewer);
        Groups::post(self, reader.as_ref(), slug, thread, number).await
    }

    async fn new_group(&self, viewer: &Viewer, software: Option<&str>) -> Result<NewGroupData, AppError> {
        let actor = Actor::from_viewer(viewer).ok_or(AppError::Unauthenticated)?;
        Groups::new_group(self, &actor, software).await
    }

    async fn software_groups(&self, viewer: Option<&Viewer>, software_slug: &str) -> Result<Vec<GroupCard>, AppError> {
        let reader = viewer.and_then(Actor::from_viewer);
        Groups::software_groups(self, reader.as_ref(), software_slug).await
    }

    async fn moderation_log(&self, viewer: Option<&Viewer>, slug: &str) -> Result<ModLogPage, AppError> {
        let reader = viewer.and_then(Actor::from_viewer);
        Groups::moderation_log(self, reader.as_ref(), slug).await
    }

    async fn review_queue(&self, viewer: &Viewer, slug: &str) -> Result<ReviewPage, AppError> {
        let actor = Actor::from_viewer(viewer).ok_or(AppError::Unauthenticated)?;
        Groups::review_queue(self, Some(&actor), slug).await
    }

    async fn post_moderation(
        &self,
        viewer: &Viewer,
        slug: &str,
        thread: u32,
        number: u32,
    ) -> Result<PostModerationData, AppError> {
        let actor = Actor::from_viewer(viewer).ok_or(AppError::Unauthenticated)?;
        Groups::post_moderation(self, Some(&actor), slug, thread, number).await
    }
}
