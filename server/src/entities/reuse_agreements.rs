//! `reuse_agreements`: who reuses which entry from whom, on which terms, in
//! which state. The parties, their signatures and the history are tables
//! of their own.

use crate::kernel::{AgreementId, SoftwareId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reuse_agreements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: AgreementId,
    pub software_id: SoftwareId,
    #[sea_orm(column_type = "Text")]
    pub versions: Option<String>,
    /// An `AgreementKind` code.
    #[sea_orm(column_type = "Text")]
    pub kind: String,
    /// A `LegalBasis` code.
    #[sea_orm(column_type = "Text")]
    pub legal_basis: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub legal_basis_note: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub request_message: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub support: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub maintenance: Option<String>,
    pub contribute_back: bool,
    /// An `AgreementStatus` code.
    #[sea_orm(column_type = "Text")]
    pub status: String,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub notice_months: Option<i32>,
    pub version: i32,
    pub created_by: Option<UserId>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::software::Entity",
        from = "Column::SoftwareId",
        to = "super::software::Column::Id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Software,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::CreatedBy",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Creator,
    #[sea_orm(has_many = "super::agreement_parties::Entity")]
    Parties,
    #[sea_orm(has_many = "super::agreement_history::Entity")]
    History,
}

impl Related<super::software::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Software.def()
    }
}

impl Related<super::agreement_parties::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Parties.def()
    }
}

impl Related<super::agreement_history::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::History.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
