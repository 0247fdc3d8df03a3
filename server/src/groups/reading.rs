//! What a person has read: the last post of each thread they have seen,
//! kept when a thread's page is shown to them. It only ever moves forward,
//! so two tabs on different pages cannot move it back.

use super::Groups;
use crate::db::sql;
use crate::kernel::{Actor, Permission, ThreadId, Tx, Who};
use app::error::AppError;

impl Groups {
    /// Marks the thread read up to post `up_to` for `actor`.
    pub async fn mark_read(&self, actor: &Actor, thread: ThreadId, up_to: u32) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, None), Permission::OwnAccount).await?;
        sql::exec(
            &tx,
            "INSERT INTO group_reads (user_id, thread_id, last_read_post) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, thread_id) DO UPDATE \
             SET last_read_post = GREATEST(group_reads.last_read_post, EXCLUDED.last_read_post), read_at = now()",
            [
                actor.user_id.into(),
                thread.into(),
                i32::try_from(up_to).unwrap_or(i32::MAX).into(),
            ],
        )
        .await?;
        tx.done(()).await
    }
}
