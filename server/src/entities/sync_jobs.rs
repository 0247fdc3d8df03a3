//! `sync_jobs`: the mirror's queue; workers take from it with
//! `FOR UPDATE SKIP LOCKED` (that stays SQL, in `mirror`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sync_jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub repository_id: Uuid,
    /// `registered`, `scheduled`, `webhook`, `manual`, `requeued` or `seed`.
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    /// `queued`, `running`, `done` or `failed`.
    #[sea_orm(column_type = "Text")]
    pub state: String,
    pub attempts: i32,
    pub run_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub started_at: Option<DateTimeUtc>,
    pub heartbeat_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub worker: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub outcome: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::repositories::Entity",
        from = "Column::RepositoryId",
        to = "super::repositories::Column::Id",
        on_update = "NoAction",
        on_delete = "Cascade"
    )]
    Repository,
}

impl Related<super::repositories::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Repository.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
