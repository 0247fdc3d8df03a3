//! `agreement_parties`: an organisation bound by an agreement, its place
//! in it (a `PartyRole` code), its contact, its signature and its consent
//! to publish the confidential parts.

use crate::kernel::{AgreementId, OrganisationId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement_parties")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub agreement_id: AgreementId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: OrganisationId,
    #[sea_orm(column_type = "Text")]
    pub role: String,
    pub contact_id: Option<UserId>,
    pub signed_at: Option<DateTimeUtc>,
    pub signed_by: Option<UserId>,
    /// The party agrees that the confidential parts be public; they are
    /// once every party agrees.
    pub publishes_confidential: bool,
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
        belongs_to = "super::organisations::Entity",
        from = "Column::OrganisationId",
        to = "super::organisations::Column::Id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Organisation,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::ContactId",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Contact,
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::SignedBy",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Signatory,
}

impl Related<super::reuse_agreements::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agreement.def()
    }
}

impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
