//! The Atom feed of a public group: its latest posts. A feed reader is
//! nobody in particular, so a members-only group has none (not found, as
//! for every outsider), and hidden posts are left out.

use super::{place, Groups};
use crate::db::sql;
use app::error::AppError;
use sea_orm::FromQueryResult;

pub const FEED_ENTRIES: u64 = 50;

#[derive(Clone, Debug)]
pub struct FeedPost {
    pub thread: u32,
    pub thread_title: String,
    pub number: u32,
    pub author: String,
    /// Sanitised when written.
    pub body_html: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub edited_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Clone, Debug)]
pub struct GroupFeed {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub posts: Vec<FeedPost>,
}

impl Groups {
    pub async fn feed(&self, slug: &str) -> Result<GroupFeed, AppError> {
        let placed = place(&self.db, None, slug, false).await?;
        #[derive(FromQueryResult)]
        struct Row {
            thread: i32,
            thread_title: String,
            number: i32,
            author: Option<String>,
            body_html: String,
            created_at: chrono::DateTime<chrono::Utc>,
            edited_at: Option<chrono::DateTime<chrono::Utc>>,
        }
        let rows: Vec<Row> = sql::all(
            &self.db,
            &format!(
                "SELECT t.number AS thread, t.title AS thread_title, p.number, {} AS author, p.body_html, \
                 p.created_at, p.edited_at FROM group_posts p JOIN group_threads t ON t.id = p.thread_id \
                 LEFT JOIN users u ON u.id = p.author_id WHERE t.group_id = $1 AND p.hidden_at IS NULL \
                 ORDER BY p.created_at DESC LIMIT {FEED_ENTRIES}",
                super::reads::AUTHOR
            ),
            [placed.group.id.into()],
        )
        .await?;
        Ok(GroupFeed {
            slug: placed.group.slug.clone(),
            name: placed.group.name.clone(),
            summary: placed.group.summary.clone(),
            posts: rows
                .into_iter()
                .map(|r| FeedPost {
                    thread: r.thread as u32,
                    thread_title: r.thread_title,
                    number: r.number as u32,
                    author: r.author.unwrap_or_default(),
                    body_html: r.body_html,
                    created_at: r.created_at,
                    edited_at: r.edited_at,
                })
                .collect(),
        })
    }
}
