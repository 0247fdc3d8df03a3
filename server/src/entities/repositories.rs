//! `repositories`: the Git repositories publishers register for mirroring,
//! with the figures each sync extracts (as JSON on the row, so a page reads
//! one row).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "repositories")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub url: String,
    #[sea_orm(column_type = "Text")]
    pub url_key: String,
    /// Lower-case host: the unit of politeness (empty for local paths).
    #[sea_orm(column_type = "Text")]
    pub host: String,
    #[sea_orm(column_type = "Text")]
    pub webhook_secret: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    #[sea_orm(column_type = "Text")]
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub status_detail: Option<String>,
    pub last_attempt_at: Option<DateTimeUtc>,
    pub last_success_at: Option<DateTimeUtc>,
    pub next_sync_at: DateTimeUtc,
    #[sea_orm(column_type = "Text")]
    pub refs_digest: Option<String>,
    pub extractor: i32,
    pub size_bytes: i64,
    pub software_id: Option<Uuid>,
    #[sea_orm(column_type = "JsonBinary")]
    pub facts: Option<Json>,
    #[sea_orm(column_type = "JsonBinary")]
    pub health: Option<Json>,
    #[sea_orm(column_type = "Text")]
    pub readme_html: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
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
        from = "Column::CreatedBy",
        to = "super::users::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    CreatedBy,
    #[sea_orm(
        belongs_to = "super::software::Entity",
        from = "Column::SoftwareId",
        to = "super::software::Column::Id",
        on_update = "NoAction",
        on_delete = "SetNull"
    )]
    Software,
    #[sea_orm(has_many = "super::webhook_deliveries::Entity")]
    WebhookDeliveries,
}

impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl Related<super::software::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Software.def()
    }
}

impl Related<super::webhook_deliveries::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::WebhookDeliveries.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
