//! `agreement_documents`: a PDF or ODF file of an agreement, its bytes and
//! their SHA-256, checked again on every download.

use crate::kernel::{AgreementId, OrganisationId, UserId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement_documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: crate::kernel::DocumentId,
    pub agreement_id: AgreementId,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub file_name: String,
    /// A `DocumentType` code.
    #[sea_orm(column_type = "Text")]
    pub media_type: String,
    pub size_bytes: i32,
    pub sha256: Vec<u8>,
    pub content: Vec<u8>,
    pub uploaded_by: Option<UserId>,
    pub uploaded_for: Option<OrganisationId>,
    pub uploaded_at: DateTimeUtc,
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
        from = "Column::UploadedBy",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Uploader,
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::UploadedFor",
        to = "super::organisations::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Party,
}

impl Related<super::reuse_agreements::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agreement.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
