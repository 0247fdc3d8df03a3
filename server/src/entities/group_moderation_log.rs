//! `group_moderation_log`: each step a moderator took in a group (a
//! `ModAction` code), on which thread and post, and why.

use crate::kernel::{GroupId, ModLogId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_moderation_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ModLogId,
    pub group_id: GroupId,
    pub moderator_id: Option<UserId>,
    #[sea_orm(column_type = "Text")]
    pub action: String,
    pub thread_number: Option<i32>,
    pub post_number: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub created_at: DateTimeUtc,
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
        from = "Column::ModeratorId",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Moderator,
}

impl Related<super::working_groups::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Group.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
