//! `usage_declarations`: an organisation says it uses a catalog entry:
//! which version, for what, whom to ask, where it runs, until when.

use crate::kernel::{DeclarationId, OrganisationId, SoftwareId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "usage_declarations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: DeclarationId,
    pub software_id: SoftwareId,
    pub organisation_id: OrganisationId,
    pub author_id: Option<UserId>,
    pub contact_id: Option<UserId>,
    #[sea_orm(column_type = "Text")]
    pub version: String,
    #[sea_orm(column_type = "Text")]
    pub use_case: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub instance_url: Option<String>,
    pub instance_public: bool,
    pub declared_at: DateTimeUtc,
    pub renewed_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub reminded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::software::Entity",
        from = "Column::SoftwareId",
        to = "super::software::Column::Id",
        on_update = "NoAction",
        on_delete = "Cascade"
    )]
    Software,
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::OrganisationId",
        to = "super::organisations::Column::Id",
        on_update = "NoAction",
        on_delete = "Cascade"
    )]
    Organisation,
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
        from = "Column::ContactId",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Contact,
}

impl Related<super::software::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Software.def()
    }
}

impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
