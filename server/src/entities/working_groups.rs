//! `working_groups`: a working group, who may see it (`visibility`, a
//! `Visibility` code) and how one joins (`joining`, a `Joining` code), its
//! description as written and as sanitised HTML, and what it is about.

use crate::kernel::{AgreementId, GroupId, SoftwareId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "working_groups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: GroupId,
    #[sea_orm(column_type = "Text")]
    pub slug: String,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    #[sea_orm(column_type = "Text")]
    pub description_md: String,
    #[sea_orm(column_type = "Text")]
    pub description_html: String,
    #[sea_orm(column_type = "Text")]
    pub visibility: String,
    #[sea_orm(column_type = "Text")]
    pub joining: String,
    #[sea_orm(column_type = "Array(RcOrArc::new(ColumnType::Text))")]
    pub topics: Vec<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub land: Option<String>,
    pub software_id: Option<SoftwareId>,
    pub agreement_id: Option<AgreementId>,
    pub created_by: Option<UserId>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub threads_started: i32,
    pub last_activity_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::software::Entity",
        from = "Column::SoftwareId",
        to = "super::software::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Software,
    #[sea_orm(
        belongs_to = "super::reuse_agreements::Entity",
        from = "Column::AgreementId",
        to = "super::reuse_agreements::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Agreement,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::CreatedBy",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Creator,
}

impl Related<super::software::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Software.def()
    }
}

impl Related<super::reuse_agreements::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agreement.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
