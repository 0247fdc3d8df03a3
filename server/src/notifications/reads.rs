//! The notifications page's reads and the person's own changes to them.

use super::delivery::Delivery;
use super::digest::sentence;
use super::NoticeKind;
use crate::db::sql;
use crate::kernel::{Actor, NotificationId, Permission, Tx, Who};
use app::error::AppError;
use app::i18n::Locale;
use app::notifications::dto::{NotificationItem, NotificationSetting, NotificationsPageData};
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, FromQueryResult};

const PAGE: u64 = 50;

pub async fn page(
    db: &DatabaseConnection,
    actor: &Actor,
    page: u32,
    locale: Locale,
) -> Result<NotificationsPageData, AppError> {
    #[derive(FromQueryResult)]
    struct Row {
        id: NotificationId,
        kind: String,
        subject: String,
        actor_name: Option<String>,
        link: String,
        created_at: DateTime<Utc>,
        read: bool,
    }
    let page = page.max(1);
    let mut rows = sql::all::<Row>(
        db,
        "SELECT id, kind, subject, actor_name, link, created_at, read_at IS NOT NULL AS read FROM notifications \
         WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
        [
            actor.user_id.into(),
            (PAGE as i64 + 1).into(),
            ((page as i64 - 1) * PAGE as i64).into(),
        ],
    )
    .await?;
    let has_more = rows.len() as u64 > PAGE;
    rows.truncate(PAGE as usize);
    let unread = sql::value::<i64>(
        db,
        "SELECT count(*) AS value FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        [actor.user_id.into()],
    )
    .await?
    .unwrap_or(0);
    let email = sql::value::<String>(
        db,
        "SELECT email AS value FROM users WHERE id = $1 AND email_verified AND email IS NOT NULL",
        [actor.user_id.into()],
    )
    .await?;
    Ok(NotificationsPageData {
        items: rows
            .into_iter()
            .filter_map(|r| {
                let kind = NoticeKind::from_code(&r.kind)?;
                Some(NotificationItem {
                    id: r.id.to_string(),
                    text: sentence(locale, kind, &r.subject, r.actor_name.as_deref()),
                    link: r.link,
                    created_at: r.created_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    read: r.read,
                })
            })
            .collect(),
        unread,
        page,
        has_more,
        settings: settings(db, actor)
            .await?
            .into_iter()
            .map(|(kind, delivery)| NotificationSetting {
                kind: kind.code().to_owned(),
                delivery: delivery.code().to_owned(),
                mailable: kind.mailable(),
            })
            .collect(),
        email,
    })
}

/// Every kind with the person's choice (not by mail, unless they chose).
pub async fn settings(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<(NoticeKind, Delivery)>, AppError> {
    #[derive(FromQueryResult)]
    struct Row {
        kind: String,
        delivery: String,
    }
    let chosen = sql::all::<Row>(
        db,
        "SELECT kind, delivery FROM notification_settings WHERE user_id = $1",
        [actor.user_id.into()],
    )
    .await?;
    Ok(NoticeKind::ALL
        .iter()
        .map(|kind| {
            let delivery = chosen
                .iter()
                .find(|r| r.kind == kind.code())
                .and_then(|r| Delivery::from_code(&r.delivery))
                .unwrap_or(Delivery::Never);
            (*kind, delivery)
        })
        .collect())
}

/// Marks one of the person's notifications read; someone else's is `NotFound`.
pub async fn mark_read(db: &DatabaseConnection, actor: &Actor, id: NotificationId) -> Result<(), AppError> {
    let tx = Tx::begin(db, Who::actor(actor, None), Permission::OwnAccount).await?;
    let marked = sql::exec(
        &tx,
        "UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2",
        [id.into(), actor.user_id.into()],
    )
    .await?;
    if marked == 0 {
        return Err(AppError::NotFound);
    }
    tx.done(()).await
}

/// Marks all of the person's notifications read; returns how many were unread.
pub async fn mark_all_read(db: &DatabaseConnection, actor: &Actor) -> Result<u64, AppError> {
    let tx = Tx::begin(db, Who::actor(actor, None), Permission::OwnAccount).await?;
    let marked = sql::exec(
        &tx,
        "UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL",
        [actor.user_id.into()],
    )
    .await?;
    tx.done(marked).await
}
