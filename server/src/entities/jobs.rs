//! `jobs`: the one queue for background work a change asks for, written in
//! the change's transaction; workers claim with `FOR UPDATE SKIP LOCKED`
//! (that stays SQL, in `kernel`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `send_mail`, `send_digest` or `sync_repository`.
    #[sea_orm(column_type = "Text")]
    pub kind: String,
    /// What the job needs; a mail's body is dropped once the job is done or
    /// has failed for good.
    #[sea_orm(column_type = "JsonBinary")]
    pub payload: Json,
    /// `queued`, `running`, `done` or `failed`.
    #[sea_orm(column_type = "Text")]
    pub state: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub run_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub started_at: Option<DateTimeUtc>,
    pub heartbeat_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub worker: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub error: Option<String>,
    /// At most one queued and one running job per key (a person's next
    /// digest, a repository's sync).
    #[sea_orm(column_type = "Text")]
    pub unique_key: Option<String>,
    /// Jobs in one lane (a code host) share a concurrency limit.
    #[sea_orm(column_type = "Text")]
    pub lane: Option<String>,
    /// How the last attempt ended, as a short code (a sync's).
    #[sea_orm(column_type = "Text")]
    pub outcome: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
