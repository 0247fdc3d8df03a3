//! `agreement_cost_blocks`: what an agreement's parties pay for, for which
//! period, how much (cents), and the split key as data (`SplitSpec`).

use crate::kernel::{AgreementId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement_cost_blocks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: crate::kernel::CostBlockId,
    pub agreement_id: AgreementId,
    /// A `BlockKind` code.
    #[sea_orm(column_type = "Text")]
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub period: String,
    pub amount_cents: i64,
    /// A `SplitSpec` as JSON.
    #[sea_orm(column_type = "JsonBinary")]
    pub split: Json,
    pub created_by: Option<UserId>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::reuse_agreements::Entity",
        from = "Column::AgreementId",
        to = "super::reuse_agreements::Column::Id",
        on_update = "NoAction",
        on_delete = "Cascade"
    )]
    Agreement,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::CreatedBy",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Author,
}

impl Related<super::reuse_agreements::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agreement.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
