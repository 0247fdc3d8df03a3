//! What moderators do to a thread: pin it to the top of the group's list,
//! lock it against new posts (moderators still post), and undo either.

use super::posting::lock_thread;
use super::{place, Groups};
use crate::entities::group_threads as threads;
use crate::kernel::{map_db_error, Actor, AuditAction, Event, Permission, Tx, Who};
use app::error::AppError;
use app::groups::rules::Action;
use sea_orm::ActiveModelTrait;
use sea_orm::ActiveValue::{Set, Unchanged};
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

impl Groups {
    pub async fn moderate_thread(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        slug: &str,
        thread: u32,
        change: ThreadChange,
    ) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), slug, false).await?;
        placed.check(Action::Moderate)?;
        let thread = lock_thread(&tx, &placed, thread).await?;
        let mut row = threads::ActiveModel {
            id: Unchanged(thread.id),
            ..Default::default()
        };
        match change {
            ThreadChange::Pin => row.pinned = Set(true),
            ThreadChange::Unpin => row.pinned = Set(false),
            ThreadChange::Lock => row.locked = Set(true),
            ThreadChange::Unlock => row.locked = Set(false),
        }
        row.update(&tx).await.map_err(map_db_error)?;
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
}
