//! Threads and posts. A thread's number comes from its group's counter
//! and a post's from its thread's, each under that row's lock, so numbers
//! are dense, never reused, and a post's address never changes. The
//! Markdown is rendered and sanitised once, when written.

use super::{place, Groups, Placed};
use crate::entities::{
    group_post_revisions as revisions, group_posts as posts, group_threads as threads, working_groups as groups,
};
use crate::kernel::{map_db_error, Actor, AuditAction, Event, Permission, PostId, ThreadId, Tx, UserId, Who};
use crate::markdown;
use crate::notifications::{notify, Notice, NoticeKind};
use app::error::{AppError, FieldError};
use app::groups::model::{post_path, Visibility};
use app::groups::rules::Action;
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use std::net::IpAddr;

const BODY_MAX: usize = 20_000;

/// What saving an edit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edited {
    Saved,
    Unchanged,
}

fn body(text: &str) -> Result<&str, AppError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > BODY_MAX {
        return Err(AppError::Invalid(vec![FieldError::new("body", "groups.error.body")]));
    }
    Ok(text)
}

impl Groups {
    /// Starts a thread with its first post; returns the thread's number.
    pub async fn start_thread(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        slug: &str,
        title: &str,
        text: &str,
    ) -> Result<u32, AppError> {
        let title = title.trim();
        let mut errors = Vec::new();
        if !(3..=200).contains(&title.chars().count()) {
            errors.push(FieldError::new("title", "groups.error.title"));
        }
        if let Err(AppError::Invalid(e)) = body(text) {
            errors.extend(e);
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), slug, true).await?;
        placed.check(Action::StartThread)?;
        let group = &placed.group;
        let number = group.threads_started + 1;
        let now = chrono::Utc::now();
        groups::ActiveModel {
            id: Unchanged(group.id),
            threads_started: Set(number),
            last_activity_at: Set(now),
            ..Default::default()
        }
        .update(&tx)
        .await
        .map_err(map_db_error)?;
        let thread = threads::ActiveModel {
            id: Set(ThreadId::new()),
            group_id: Set(group.id),
            number: Set(number),
            title: Set(title.to_owned()),
            author_id: Set(Some(actor.user_id)),
            pinned: Set(false),
            locked: Set(false),
            post_count: Set(0),
            created_at: Set(now),
            last_post_at: Set(now),
        }
        .insert(&tx)
        .await
        .map_err(map_db_error)?;
        add_post(&tx, &thread, actor.user_id, None, body(text)?).await?;
        tx.record(
            Event::new(AuditAction::ThreadStarted)
                .subject(title.to_owned())
                .details(serde_json::json!({"group": group.id, "thread": thread.id})),
        );
        tx.done(number as u32).await
    }

    /// Replies in the thread, optionally to post `reply_to`; returns the
    /// new post's number. The author of the post answered is told, if they
    /// may still read the thread.
    pub async fn reply(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        slug: &str,
        thread: u32,
        reply_to: Option<u32>,
        text: &str,
    ) -> Result<u32, AppError> {
        let text = body(text)?;
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), slug, false).await?;
        let thread = lock_thread(&tx, &placed, thread).await?;
        placed.check(Action::Reply { locked: thread.locked })?;
        let answered = match reply_to {
            None => None,
            Some(number) => Some(
                posts::Entity::find()
                    .filter(posts::Column::ThreadId.eq(thread.id))
                    .filter(posts::Column::Number.eq(number as i32))
                    .one(&tx)
                    .await
                    .map_err(map_db_error)?
                    .ok_or_else(|| AppError::Invalid(vec![FieldError::new("body", "groups.error.reply_to")]))?,
            ),
        };
        let number = add_post(&tx, &thread, actor.user_id, answered.as_ref().map(|p| p.number), text).await?;
        groups::ActiveModel {
            id: Unchanged(placed.group.id),
            last_activity_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .update(&tx)
        .await
        .map_err(map_db_error)?;
        if let Some(author) = answered.and_then(|p| p.author_id) {
            if still_reads(&tx, &placed, author).await? {
                let link = post_path(&placed.group.slug, thread.number as u32, number);
                notify(
                    &tx,
                    author,
                    &Notice::new(NoticeKind::GroupReply, &link)
                        .subject(&thread.title)
                        .by(actor),
                )
                .await?;
            }
        }
        tx.done(number).await
    }

    /// Replaces a post's text, keeping the text it replaces.
    pub async fn edit_post(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        slug: &str,
        thread: u32,
        number: u32,
        text: &str,
    ) -> Result<Edited, AppError> {
        let text = body(text)?;
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), slug, false).await?;
        let (thread, post) = find_post(&tx, &placed, thread, number, true).await?;
        placed.check(Action::EditPost {
            own: post.author_id == Some(actor.user_id),
        })?;
        // A hidden post is the moderators' to change, not its author's.
        if post.hidden_at.is_some() {
            placed.check(Action::Moderate)?;
        }
        if post.body_md == text {
            return Ok(Edited::Unchanged);
        }
        let revision = post.revisions + 1;
        revisions::ActiveModel {
            post_id: Set(post.id),
            revision: Set(revision),
            body_md: Set(post.body_md.clone()),
            edited_by: Set(Some(actor.user_id)),
            edited_at: Set(chrono::Utc::now()),
        }
        .insert(&tx)
        .await
        .map_err(map_db_error)?;
        posts::ActiveModel {
            id: Unchanged(post.id),
            body_md: Set(text.to_owned()),
            body_html: Set(markdown::render_post(text)),
            edited_at: Set(Some(chrono::Utc::now())),
            revisions: Set(revision),
            ..Default::default()
        }
        .update(&tx)
        .await
        .map_err(map_db_error)?;
        tx.record(
            Event::new(AuditAction::PostEdited)
                .subject(thread.title.clone())
                .details(serde_json::json!({"group": placed.group.id, "post": post.id, "revision": revision})),
        );
        tx.done(Edited::Saved).await
    }
}

pub(super) async fn find_thread(tx: &Tx<'_>, placed: &Placed, number: u32) -> Result<threads::Model, AppError> {
    thread_query(placed, number)
        .one(tx)
        .await
        .map_err(map_db_error)?
        .ok_or(AppError::NotFound)
}

/// The thread, locked: its post counter hands out the next number.
pub(super) async fn lock_thread(tx: &Tx<'_>, placed: &Placed, number: u32) -> Result<threads::Model, AppError> {
    thread_query(placed, number)
        .lock_exclusive()
        .one(tx)
        .await
        .map_err(map_db_error)?
        .ok_or(AppError::NotFound)
}

/// A post of the group by its thread's and its own number; `lock` takes
/// its row for the change.
pub(super) async fn find_post(
    tx: &Tx<'_>,
    placed: &Placed,
    thread: u32,
    number: u32,
    lock: bool,
) -> Result<(threads::Model, posts::Model), AppError> {
    let thread = find_thread(tx, placed, thread).await?;
    let mut find = posts::Entity::find()
        .filter(posts::Column::ThreadId.eq(thread.id))
        .filter(posts::Column::Number.eq(i32::try_from(number).unwrap_or(i32::MAX)));
    if lock {
        find = find.lock_exclusive();
    }
    let post = find.one(tx).await.map_err(map_db_error)?.ok_or(AppError::NotFound)?;
    Ok((thread, post))
}

fn thread_query(placed: &Placed, number: u32) -> sea_orm::Select<threads::Entity> {
    threads::Entity::find()
        .filter(threads::Column::GroupId.eq(placed.group.id))
        .filter(threads::Column::Number.eq(i32::try_from(number).unwrap_or(i32::MAX)))
}

/// Adds the next post to the locked thread; returns its number.
async fn add_post(
    tx: &Tx<'_>,
    thread: &threads::Model,
    author: UserId,
    reply_to: Option<i32>,
    text: &str,
) -> Result<u32, AppError> {
    let number = thread.post_count + 1;
    let now = chrono::Utc::now();
    posts::ActiveModel {
        id: Set(PostId::new()),
        thread_id: Set(thread.id),
        number: Set(number),
        author_id: Set(Some(author)),
        reply_to: Set(reply_to),
        body_md: Set(text.to_owned()),
        body_html: Set(markdown::render_post(text)),
        created_at: Set(now),
        edited_at: Set(None),
        revisions: Set(0),
        hidden_at: Set(None),
        hidden_by: Set(None),
        hidden_reason: Set(None),
    }
    .insert(tx)
    .await
    .map_err(map_db_error)?;
    threads::ActiveModel {
        id: Unchanged(thread.id),
        post_count: Set(number),
        last_post_at: Set(now),
        ..Default::default()
    }
    .update(tx)
    .await
    .map_err(map_db_error)?;
    Ok(number as u32)
}

/// Whether `user` may still read the group, as the rules say for them: a
/// public group anyone; a members-only group its members, the site's
/// administrators and the members of its agreement's parties.
async fn still_reads(tx: &Tx<'_>, placed: &Placed, user: UserId) -> Result<bool, AppError> {
    if placed.settings.visibility == Visibility::Public {
        return Ok(true);
    }
    let reads = crate::db::sql::value::<bool>(
        tx,
        "SELECT EXISTS (SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2) \
             OR EXISTS (SELECT 1 FROM users WHERE id = $2 AND is_site_admin AND deleted_at IS NULL) \
             OR EXISTS (SELECT 1 FROM agreement_parties p JOIN memberships m ON m.organisation_id = p.organisation_id \
                        WHERE p.agreement_id = $3 AND m.user_id = $2) AS value",
        [
            placed.group.id.into(),
            user.into(),
            placed.group.agreement_id.map(|a| a.uuid()).into(),
        ],
    )
    .await?;
    Ok(reads.unwrap_or(false))
}
