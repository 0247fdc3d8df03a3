//! What moderators do: pin a thread to the top of the group's list, lock it
//! against new posts (moderators still post), hide a post with a reason,
//! decide the readers' flags. Every step goes into the group's moderation
//! log with its reason, in the transaction that takes it.

use super::posting::{find_post, lock_thread};
use super::{deciders, place, Groups, Placed};
use crate::entities::{
    group_flags as flags, group_moderation_log as log, group_posts as posts, group_threads as threads,
};
use crate::kernel::{map_db_error, Actor, AuditAction, Event, FlagId, ModLogId, Permission, Tx, Who};
use crate::notifications::{notify, Notice, NoticeKind};
use app::error::{AppError, FieldError};
use app::groups::model::{group_path, FlagReason, ModAction};
use app::groups::rules::Action;
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use std::net::IpAddr;

crate::closed_set! {
    /// A moderator's change of a thread; the form sends the code.
    pub enum ThreadChange {
        Pin = "anheften",
        Unpin = "loesen",
        Lock = "sperren",
        Unlock = "oeffnen",
    }
}

const REASON_MAX: usize = 500;

/// Where a post is: its group's slug, its thread's number and its own.
#[derive(Clone, Copy, Debug)]
pub struct PostAt<'a> {
    pub slug: &'a str,
    pub thread: u32,
    pub post: u32,
}

fn reason(text: &str, required: bool) -> Result<String, AppError> {
    let text = text.trim();
    if (required && text.is_empty()) || text.chars().count() > REASON_MAX {
        return Err(AppError::Invalid(vec![FieldError::new(
            "reason",
            "groups.error.reason",
        )]));
    }
    Ok(text.to_owned())
}

/// Writes the step into the group's log, in the change's transaction.
async fn record(
    tx: &Tx<'_>,
    placed: &Placed,
    action: ModAction,
    thread: Option<i32>,
    post: Option<i32>,
    reason: &str,
) -> Result<(), AppError> {
    log::ActiveModel {
        id: Set(ModLogId::new()),
        group_id: Set(placed.group.id),
        moderator_id: Set(tx.actor_id()),
        action: Set(action.code().to_owned()),
        thread_number: Set(thread),
        post_number: Set(post),
        reason: Set(reason.to_owned()),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(tx)
    .await
    .map_err(map_db_error)?;
    Ok(())
}

impl Groups {
    pub async fn moderate_thread(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        slug: &str,
        thread: u32,
        change: ThreadChange,
        why: &str,
    ) -> Result<(), AppError> {
        let why = reason(why, false)?;
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), slug, false).await?;
        placed.check(Action::Moderate)?;
        let thread = lock_thread(&tx, &placed, thread).await?;
        let mut row = threads::ActiveModel {
            id: Unchanged(thread.id),
            ..Default::default()
        };
        let action = match change {
            ThreadChange::Pin => {
                row.pinned = Set(true);
                ModAction::Pin
            }
            ThreadChange::Unpin => {
                row.pinned = Set(false);
                ModAction::Unpin
            }
            ThreadChange::Lock => {
                row.locked = Set(true);
                ModAction::Lock
            }
            ThreadChange::Unlock => {
                row.locked = Set(false);
                ModAction::Unlock
            }
        };
        row.update(&tx).await.map_err(map_db_error)?;
        record(&tx, &placed, action, Some(thread.number), None, &why).await?;
        tx.record(
            Event::new(AuditAction::ThreadModerated)
                .subject(thread.title.clone())
                .details(serde_json::json!({
                    "group": placed.group.id,
                    "thread": thread.id,
                    "change": change.code(),
                })),
        );
        tx.done(()).await
    }

    /// Flags a post for the moderators; one open flag per person and post.
    pub async fn flag_post(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        at: PostAt<'_>,
        why: FlagReason,
        note: &str,
    ) -> Result<(), AppError> {
        let note = note.trim();
        if note.chars().count() > REASON_MAX {
            return Err(AppError::Invalid(vec![FieldError::new("note", "groups.error.reason")]));
        }
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), at.slug, false).await?;
        placed.check(Action::Flag)?;
        let (thread, post) = find_post(&tx, &placed, at.thread, at.post, false).await?;
        let open = flags::Entity::find()
            .filter(flags::Column::PostId.eq(post.id))
            .filter(flags::Column::FlaggedBy.eq(actor.user_id))
            .filter(flags::Column::ResolvedAt.is_null())
            .one(&tx)
            .await
            .map_err(map_db_error)?;
        if open.is_some() {
            return Err(AppError::Conflict("groups.error.already_flagged".into()));
        }
        flags::ActiveModel {
            id: Set(FlagId::new()),
            post_id: Set(post.id),
            flagged_by: Set(actor.user_id),
            reason: Set(why.code().to_owned()),
            note: Set(note.to_owned()),
            created_at: Set(chrono::Utc::now()),
            resolved_at: Set(None),
            resolved_by: Set(None),
            resolution: Set(None),
        }
        .insert(&tx)
        .await
        .map_err(map_db_error)?;
        let queue = format!("{}/pruefen", group_path(&placed.group.slug));
        let notice = Notice::new(NoticeKind::GroupFlagged, &queue)
            .subject(&thread.title)
            .by(actor);
        for moderator in deciders(&tx, &placed).await? {
            notify(&tx, moderator, &notice).await?;
        }
        tx.record(
            Event::new(AuditAction::PostFlagged)
                .subject(thread.title.clone())
                .details(serde_json::json!({"group": placed.group.id, "post": post.id, "reason": why.code()})),
        );
        tx.done(()).await
    }

    /// Hides a post (with a reason) or shows it again; hiding settles the
    /// post's open flags.
    pub async fn hide_post(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        at: PostAt<'_>,
        hide: bool,
        why: &str,
    ) -> Result<(), AppError> {
        let why = reason(why, hide)?;
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), at.slug, false).await?;
        placed.check(Action::Moderate)?;
        let (thread, post) = find_post(&tx, &placed, at.thread, at.post, true).await?;
        if post.hidden_at.is_some() == hide {
            return Err(AppError::Conflict(
                if hide {
                    "groups.error.already_hidden"
                } else {
                    "groups.error.not_hidden"
                }
                .into(),
            ));
        }
        let now = chrono::Utc::now();
        posts::ActiveModel {
            id: Unchanged(post.id),
            hidden_at: Set(hide.then_some(now)),
            hidden_by: Set(if hide { tx.actor_id() } else { None }),
            hidden_reason: Set(hide.then(|| why.clone())),
            ..Default::default()
        }
        .update(&tx)
        .await
        .map_err(map_db_error)?;
        if hide {
            resolve_flags(&tx, &post, "hidden").await?;
        }
        let action = if hide {
            ModAction::HidePost
        } else {
            ModAction::UnhidePost
        };
        record(&tx, &placed, action, Some(thread.number), Some(post.number), &why).await?;
        tx.record(
            Event::new(AuditAction::PostModerated)
                .subject(thread.title.clone())
                .details(serde_json::json!({"group": placed.group.id, "post": post.id, "change": action.code()})),
        );
        tx.done(()).await
    }

    /// Dismisses a post's open flags: it stays as it is.
    pub async fn dismiss_flags(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        at: PostAt<'_>,
        why: &str,
    ) -> Result<(), AppError> {
        let why = reason(why, false)?;
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), at.slug, false).await?;
        placed.check(Action::Moderate)?;
        let (thread, post) = find_post(&tx, &placed, at.thread, at.post, true).await?;
        if resolve_flags(&tx, &post, "dismissed").await? == 0 {
            return Err(AppError::Conflict("groups.error.no_open_flags".into()));
        }
        record(
            &tx,
            &placed,
            ModAction::DismissFlag,
            Some(thread.number),
            Some(post.number),
            &why,
        )
        .await?;
        tx.record(
            Event::new(AuditAction::PostModerated)
                .subject(thread.title.clone())
                .details(serde_json::json!({"group": placed.group.id, "post": post.id, "change": "dismiss_flag"})),
        );
        tx.done(()).await
    }
}

/// Settles the post's open flags; returns how many there were.
async fn resolve_flags(tx: &Tx<'_>, post: &posts::Model, resolution: &str) -> Result<u64, AppError> {
    let result = flags::Entity::update_many()
        .col_expr(
            flags::Column::ResolvedAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now()),
        )
        .col_expr(
            flags::Column::ResolvedBy,
            sea_orm::sea_query::Expr::value(tx.actor_id().map(|u| u.uuid())),
        )
        .col_expr(flags::Column::Resolution, sea_orm::sea_query::Expr::value(resolution))
        .filter(flags::Column::PostId.eq(post.id))
        .filter(flags::Column::ResolvedAt.is_null())
        .exec(tx)
        .await
        .map_err(map_db_error)?;
    Ok(result.rows_affected)
}
