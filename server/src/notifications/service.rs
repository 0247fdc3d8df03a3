//! The notifications as pages and form handlers reach them.

use crate::kernel::{Actor, NotificationId};
use app::accounts::dto::Viewer;
use app::error::AppError;
use app::i18n::Locale;
use app::notifications::dto::NotificationsPageData;
use app::ports::NotificationsService;
use sea_orm::DatabaseConnection;

use super::{Delivery, NoticeKind};

pub struct Notifications {
    pub db: DatabaseConnection,
}

impl Notifications {
    pub async fn mark_read(&self, actor: &Actor, id: NotificationId) -> Result<(), AppError> {
        super::reads::mark_read(&self.db, actor, id).await
    }

    pub async fn mark_all_read(&self, actor: &Actor) -> Result<u64, AppError> {
        super::reads::mark_all_read(&self.db, actor).await
    }

    pub async fn set_settings(&self, actor: &Actor, choices: &[(NoticeKind, Delivery)]) -> Result<(), AppError> {
        super::delivery::set_settings(actor, &self.db, choices).await
    }

    pub async fn unsubscribe(&self, key: &str) -> Result<(), AppError> {
        super::unsubscribe::unsubscribe(&self.db, key).await
    }
}

#[async_trait::async_trait]
impl NotificationsService for Notifications {
    async fn page(&self, viewer: &Viewer, page: u32, locale: Locale) -> Result<NotificationsPageData, AppError> {
        let actor = Actor::from_viewer(viewer).ok_or(AppError::Unauthenticated)?;
        super::reads::page(&self.db, &actor, page, locale).await
    }
}
