//! `agreement_history`: every step and edit of an agreement, with who took
//! it for which party and what changed (`{"field": [before, after]}`).

use crate::kernel::{AgreementId, OrganisationId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement_history")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agreement_id: AgreementId,
    pub at: DateTimeUtc,
    pub actor_id: Option<UserId>,
    pub acting_for: Option<OrganisationId>,
    /// `open`, `edit` or an `Action` code.
    #[sea_orm(column_type = "Text")]
    pub action: String,
    #[sea_orm(column_type = "Text")]
    pub from_status: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub to_status: String,
    #[sea_orm(column_type = "JsonBinary")]
    pub changes: Json,
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
        from = "Column::ActorId",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Actor,
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::ActingFor",
        to = "super::organisations::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    ActingFor,
}

impl Related<super::reuse_agreements::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agreement.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
