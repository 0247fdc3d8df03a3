//! What the moderation pages read: the group's log (for everyone who reads
//! the group), the review queue of flagged posts and one post's flags (for
//! its moderators), and a post as its flag form shows it.

use super::reads::{header, time, AUTHOR};
use super::{place, Groups, Placed};
use crate::db::sql;
use crate::kernel::{Actor, FlagId, PostId};
use app::error::AppError;
use app::groups::dto::{FlagView, HiddenView, ModLogEntry, ModLogPage, ModeratedPost, PostModerationData, ReviewPage};
use app::groups::model::{FlagReason, ModAction};
use app::groups::rules::Action;
use sea_orm::FromQueryResult;

#[derive(FromQueryResult)]
struct PostRow {
    id: PostId,
    thread: i32,
    thread_title: String,
    number: i32,
    author: Option<String>,
    body_html: String,
    hidden_at: Option<chrono::DateTime<chrono::Utc>>,
    hidden_by: Option<String>,
    hidden_reason: Option<String>,
}

const POST: &str = "SELECT p.id, t.number AS thread, t.title AS thread_title, p.number, \
     CASE WHEN u.deleted_at IS NULL THEN u.display_name ELSE u.pseudonym END AS author, p.body_html, p.hidden_at, \
     CASE WHEN h.deleted_at IS NULL THEN h.display_name ELSE h.pseudonym END AS hidden_by, p.hidden_reason \
     FROM group_posts p JOIN group_threads t ON t.id = p.thread_id \
     LEFT JOIN users u ON u.id = p.author_id LEFT JOIN users h ON h.id = p.hidden_by";

impl PostRow {
    fn moderated(self, moderates: bool, flags: Vec<FlagView>) -> ModeratedPost {
        let hidden = self.hidden_reason.clone().map(|reason| HiddenView {
            reason,
            by: self.hidden_by.clone().unwrap_or_default(),
            at: self.hidden_at.map(time).unwrap_or_default(),
        });
        ModeratedPost {
            thread: self.thread as u32,
            thread_title: self.thread_title,
            number: self.number as u32,
            author: self.author.unwrap_or_default(),
            body_html: if hidden.is_none() || moderates {
                self.body_html
            } else {
                String::new()
            },
            hidden,
            flags,
        }
    }
}

#[derive(FromQueryResult)]
struct FlagRow {
    id: FlagId,
    post_id: PostId,
    reason: String,
    note: String,
    by: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl FlagRow {
    fn view(&self) -> FlagView {
        FlagView {
            id: self.id.to_string(),
            reason: FlagReason::from_code(&self.reason).unwrap_or(FlagReason::Other),
            note: self.note.clone(),
            by: self.by.clone().unwrap_or_default(),
            at: time(self.created_at),
        }
    }
}

async fn open_flags(groups: &Groups, posts: Vec<sea_orm::Value>) -> Result<Vec<FlagRow>, AppError> {
    sql::all(
        &groups.db,
        &format!(
            "SELECT f.id, f.post_id, f.reason, f.note, {AUTHOR} AS by, f.created_at FROM group_flags f \
             JOIN users u ON u.id = f.flagged_by WHERE f.post_id = ANY($1) AND f.resolved_at IS NULL \
             ORDER BY f.created_at"
        ),
        [sea_orm::Value::Array(
            sea_orm::sea_query::ArrayType::Uuid,
            Some(Box::new(posts)),
        )],
    )
    .await
}

impl Groups {
    /// The group's moderation log, newest first: every reader of the group
    /// may read it.
    pub async fn moderation_log(&self, actor: Option<&Actor>, slug: &str) -> Result<ModLogPage, AppError> {
        let placed = place(&self.db, actor, slug, false).await?;
        #[derive(FromQueryResult)]
        struct Row {
            moderator: Option<String>,
            action: String,
            thread_number: Option<i32>,
            thread_title: Option<String>,
            post_number: Option<i32>,
            reason: String,
            created_at: chrono::DateTime<chrono::Utc>,
        }
        let rows: Vec<Row> = sql::all(
            &self.db,
            &format!(
                "SELECT {AUTHOR} AS moderator, l.action, l.thread_number, t.title AS thread_title, l.post_number, \
                 l.reason, l.created_at FROM group_moderation_log l LEFT JOIN users u ON u.id = l.moderator_id \
                 LEFT JOIN group_threads t ON t.group_id = l.group_id AND t.number = l.thread_number \
                 WHERE l.group_id = $1 ORDER BY l.created_at DESC LIMIT 200"
            ),
            [placed.group.id.into()],
        )
        .await?;
        Ok(ModLogPage {
            header: header(&placed),
            entries: rows
                .into_iter()
                .filter_map(|r| {
                    Some(ModLogEntry {
                        moderator: r.moderator.unwrap_or_default(),
                        action: ModAction::from_code(&r.action)?,
                        thread: r.thread_number.map(|n| (n as u32, r.thread_title.unwrap_or_default())),
                        post: r.post_number.map(|n| n as u32),
                        reason: r.reason,
                        at: time(r.created_at),
                    })
                })
                .collect(),
        })
    }

    /// The posts with open flags, oldest flag first (the moderators').
    pub async fn review_queue(&self, actor: Option<&Actor>, slug: &str) -> Result<ReviewPage, AppError> {
        let placed = place(&self.db, actor, slug, false).await?;
        placed.check(Action::Moderate)?;
        let posts: Vec<PostRow> = sql::all(
            &self.db,
            &format!(
                "{POST} WHERE t.group_id = $1 AND EXISTS (SELECT 1 FROM group_flags f WHERE f.post_id = p.id \
                 AND f.resolved_at IS NULL) ORDER BY (SELECT min(f.created_at) FROM group_flags f \
                 WHERE f.post_id = p.id AND f.resolved_at IS NULL) LIMIT 200"
            ),
            [placed.group.id.into()],
        )
        .await?;
        let flags = open_flags(self, posts.iter().map(|p| p.id.uuid().into()).collect()).await?;
        Ok(ReviewPage {
            header: header(&placed),
            posts: posts
                .into_iter()
                .map(|p| {
                    let mine = flags.iter().filter(|f| f.post_id == p.id).map(FlagRow::view).collect();
                    p.moderated(true, mine)
                })
                .collect(),
        })
    }

    /// One post for its flag form and its moderation form.
    pub async fn post_moderation(
        &self,
        actor: Option<&Actor>,
        slug: &str,
        thread: u32,
        number: u32,
    ) -> Result<PostModerationData, AppError> {
        let placed = place(&self.db, actor, slug, false).await?;
        placed.check(Action::Flag)?;
        let moderates = placed.check(Action::Moderate).is_ok();
        let post = one_post(self, &placed, thread, number).await?;
        let flags = if moderates {
            open_flags(self, vec![post.id.uuid().into()]).await?
        } else {
            Vec::new()
        };
        let flagged_by_you = match actor {
            Some(a) => sql::value::<bool>(
                &self.db,
                "SELECT EXISTS (SELECT 1 FROM group_flags WHERE post_id = $1 AND flagged_by = $2 \
                     AND resolved_at IS NULL) AS value",
                [post.id.into(), a.user_id.into()],
            )
            .await?
            .unwrap_or(false),
            None => false,
        };
        Ok(PostModerationData {
            header: header(&placed),
            post: post.moderated(moderates, flags.iter().map(FlagRow::view).collect()),
            may_moderate: moderates,
            flagged_by_you,
        })
    }
}

async fn one_post(groups: &Groups, placed: &Placed, thread: u32, number: u32) -> Result<PostRow, AppError> {
    sql::one(
        &groups.db,
        &format!("{POST} WHERE t.group_id = $1 AND t.number = $2 AND p.number = $3"),
        [
            placed.group.id.into(),
            i32::try_from(thread).unwrap_or(0).into(),
            i32::try_from(number).unwrap_or(0).into(),
        ],
    )
    .await?
    .ok_or(AppError::NotFound)
}
