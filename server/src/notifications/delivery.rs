//! When a notification goes out by mail: each person chooses per kind
//! (`notification_settings`; no row means not at all). "At once" and the
//! digests are the same job, [`DigestJob`], queued once per person and
//! slot (`jobs.unique_key`): notifications arriving before it runs share
//! its mail.

use super::NoticeKind;
use crate::db::sql;
use crate::entities::notification_settings;
use crate::kernel::jobs::{self, Job};
use crate::kernel::{Actor, Permission, Tx, UserId, Who};
use app::error::AppError;
use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};

crate::closed_set! {
    /// How a person wants a kind by mail.
    pub enum Delivery {
        Never = "none",
        Immediately = "immediately",
        Daily = "daily",
        Weekly = "weekly",
    }
}

/// The hour (UTC) digests go out: 7 o'clock in German winter, 8 in summer,
/// before the working day.
const DIGEST_HOUR: u32 = 6;

/// One mail to compose: the person's notifications not yet mailed whose
/// kind they want with `delivery` (and of `kind` only, for "at once").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestJob {
    pub user: UserId,
    pub delivery: Delivery,
    pub kind: Option<NoticeKind>,
}

/// After a notification for `user` of `kind` is written: queue the mail
/// that will carry it, if they want one.
pub(super) async fn schedule(tx: &Tx<'_>, user: UserId, kind: NoticeKind) -> Result<(), AppError> {
    let chosen = sql::value::<String>(
        tx,
        "SELECT delivery AS value FROM notification_settings WHERE user_id = $1 AND kind = $2",
        [user.into(), kind.into()],
    )
    .await?;
    let delivery = chosen
        .as_deref()
        .and_then(Delivery::from_code)
        .unwrap_or(Delivery::Never);
    let now = Utc::now();
    let (run_at, kind) = match delivery {
        Delivery::Never => return Ok(()),
        Delivery::Immediately => (now, Some(kind)),
        Delivery::Daily | Delivery::Weekly => (next_digest(now, delivery), None),
    };
    let key = format!(
        "notifications:{user}:{}:{}",
        delivery.code(),
        kind.map(NoticeKind::code).unwrap_or("all")
    );
    let job = Job::SendDigest(DigestJob { user, delivery, kind });
    jobs::enqueue_unique(tx, job, &key, run_at).await
}

/// The next digest slot after `now`: tomorrow's (or today's, if still
/// ahead) at [`DIGEST_HOUR`]; for the weekly one, Monday's.
pub fn next_digest(now: DateTime<Utc>, delivery: Delivery) -> DateTime<Utc> {
    let today = Utc
        .with_ymd_and_hms(now.year(), now.month(), now.day(), DIGEST_HOUR, 0, 0)
        .single()
        .unwrap_or(now);
    let mut at = if today > now { today } else { today + Duration::days(1) };
    if delivery == Delivery::Weekly {
        while at.weekday() != chrono::Weekday::Mon {
            at += Duration::days(1);
        }
    }
    at
}

/// Saves a person's choices; a kind that cannot go by mail stays off.
pub async fn set_settings(
    actor: &Actor,
    db: &DatabaseConnection,
    choices: &[(NoticeKind, Delivery)],
) -> Result<(), AppError> {
    let tx = Tx::begin(db, Who::actor(actor, None), Permission::OwnAccount).await?;
    for (kind, delivery) in choices {
        let delivery = if kind.mailable() { *delivery } else { Delivery::Never };
        let setting = notification_settings::ActiveModel {
            user_id: Set(actor.user_id),
            kind: Set(kind.code().to_owned()),
            delivery: Set(delivery.code().to_owned()),
            updated_at: Set(Utc::now()),
        };
        notification_settings::Entity::insert(setting)
            .on_conflict(
                OnConflict::columns([
                    notification_settings::Column::UserId,
                    notification_settings::Column::Kind,
                ])
                .update_columns([
                    notification_settings::Column::Delivery,
                    notification_settings::Column::UpdatedAt,
                ])
                .to_owned(),
            )
            .exec(&tx)
            .await
            .map_err(crate::kernel::map_db_error)?;
    }
    tx.done(()).await
}

/// A person's opt-in to `kind` by mail at once, made by an action of
/// theirs ("remind me"), in that action's transaction; a choice they made
/// for the kind before stands.
pub async fn opt_in(tx: &Tx<'_>, user: UserId, kind: NoticeKind) -> Result<(), AppError> {
    notification_settings::Entity::insert(notification_settings::ActiveModel {
        user_id: Set(user),
        kind: Set(kind.code().to_owned()),
        delivery: Set(Delivery::Immediately.code().to_owned()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([
            notification_settings::Column::UserId,
            notification_settings::Column::Kind,
        ])
        .do_nothing()
        .to_owned(),
    )
    .do_nothing()
    .exec(tx)
    .await
    .map_err(crate::kernel::map_db_error)?;
    Ok(())
}

/// Brings every queued digest forward to now (`allmende notifications
/// send-digests`: for an operator who sends them from their own schedule,
/// and for the tests). Returns how many were due.
pub async fn send_due_digests(c: &impl ConnectionTrait) -> Result<u64, AppError> {
    let moved = sql::exec(
        c,
        "UPDATE jobs SET run_at = now() WHERE kind = 'send_digest' AND state = 'queued' AND run_at > now()",
        [],
    )
    .await?;
    sql::exec(c, &format!("NOTIFY {}", jobs::CHANNEL), []).await?;
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn digests_go_out_at_the_next_morning_slot() {
        // Wednesday 2 December 2026.
        assert_eq!(
            next_digest(at("2026-12-02T05:00:00Z"), Delivery::Daily),
            at("2026-12-02T06:00:00Z")
        );
        assert_eq!(
            next_digest(at("2026-12-02T06:00:00Z"), Delivery::Daily),
            at("2026-12-03T06:00:00Z")
        );
        assert_eq!(
            next_digest(at("2026-12-02T17:30:00Z"), Delivery::Weekly),
            at("2026-12-07T06:00:00Z")
        );
        assert_eq!(
            next_digest(at("2026-12-07T05:59:00Z"), Delivery::Weekly),
            at("2026-12-07T06:00:00Z")
        );
        assert_eq!(
            next_digest(at("2026-12-31T12:00:00Z"), Delivery::Daily),
            at("2027-01-01T06:00:00Z")
        );
    }
}
