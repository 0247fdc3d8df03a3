//! `group_threads`: a thread in a group, numbered within it; `post_count`
//! hands out its posts' numbers.

use crate::kernel::{GroupId, ThreadId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_threads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ThreadId,
    pub group_id: GroupId,
    pub number: i32,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    pub author_id: Option<UserId>,
    pub pinned: bool,
    pub locked: bool,
    pub post_count: i32,
    pub created_at: DateTimeUtc,
    pub last_post_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::working_groups::Entity",
        from = "Column::GroupId",
        to = "super::working_groups::Column::Id",
        on_update = "NoAction",
        on_delete = "Cascade"
    )]
    Group,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::AuthorId",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Author,
}

impl Related<super::working_groups::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Group.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
