//! `group_posts`: a post in a thread, numbered within it (its permalink),
//! with its Markdown source and the sanitised HTML rendered when written;
//! `reply_to` names the number of the post it answers; a moderator may
//! hide it with a reason.

use crate::kernel::{PostId, ThreadId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_posts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: PostId,
    pub thread_id: ThreadId,
    pub number: i32,
    pub author_id: Option<UserId>,
    pub reply_to: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub body_md: String,
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    pub revisions: i32,
    /// Hidden by a moderator: when, by whom, why. The text stays for the
    /// moderators and the record.
    pub hidden_at: Option<DateTimeUtc>,
    pub hidden_by: Option<UserId>,
    #[sea_orm(column_type = "Text", nullable)]
    pub hidden_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::group_threads::Entity",
        from = "Column::ThreadId",
        to = "super::group_threads::Column::Id",
        on_update = "NoAction",
        on_delete = "Cascade"
    )]
    Thread,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::AuthorId",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Author,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::HiddenBy",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Hider,
}

impl Related<super::group_threads::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Thread.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
