//! SeaORM entities, one module per table of the migrated schema, named after
//! the table.
//!
//! The schema is written as SQL in `migrations/`, and the services so far
//! talk to it in SQL. The entities exist so that new domains can write
//! through entities and `ActiveModel`s (typed columns, no hand-kept column
//! lists, relations to join along) instead of adding more SQL strings. SQL
//! stays where SQL is the point: full-text search, facet counts, queue
//! claims with `FOR UPDATE SKIP LOCKED`, reports.
//!
//! Each entity states its columns' PostgreSQL types exactly (`text` as
//! `Text`, `jsonb` as `JsonBinary`, `text[]` as an array of `Text`), every
//! foreign key as a `belongs_to` relation with its `ON DELETE` rule, and
//! `Related` where a join is unambiguous (one foreign key to that table).
//! [`ALL`] lists every entity; the integration test `schema` compares each
//! with the migrated database (columns, types, nullability, primary and
//! foreign keys, and the Rust types against what the entity's `SELECT`
//! returns) and fails for a table without an entity. A new table needs a
//! module here and a line in [`ALL`].
//!
//! Columns the database writes itself are fields to be read and left
//! `NotSet`: `organisations.uri_key` (generated) and `software.facet_tokens`
//! (kept by a trigger). The one column without a field is the full-text
//! vector `software.search`, which only SQL reads (see [`software`]).

pub mod agreement_cost_blocks;
pub mod agreement_documents;
pub mod agreement_history;
pub mod agreement_parties;
pub mod api_tokens;
pub mod audit_events;
pub mod catalog_words;
pub mod distribution_key_weights;
pub mod distribution_keys;
pub mod group_flags;
pub mod group_join_requests;
pub mod group_members;
pub mod group_moderation_log;
pub mod group_post_revisions;
pub mod group_posts;
pub mod group_reads;
pub mod group_threads;
pub mod invitations;
pub mod jobs;
pub mod join_requests;
pub mod local_logins;
pub mod login_throttles;
pub mod mail_tokens;
pub mod memberships;
pub mod notification_settings;
pub mod notifications;
pub mod oidc_identities;
pub mod organisation_domains;
pub mod organisations;
pub mod repositories;
pub mod reuse_agreements;
pub mod sessions;
pub mod software;
pub mod software_aliases;
pub mod software_imports;
pub mod unsubscribe_keys;
pub mod usage_declarations;
pub mod users;
pub mod webhook_deliveries;
pub mod working_groups;

/// Every entity under the name of its table: `use crate::entities::prelude::*`.
pub mod prelude {
    pub use super::agreement_cost_blocks::Entity as AgreementCostBlocks;
    pub use super::agreement_documents::Entity as AgreementDocuments;
    pub use super::agreement_history::Entity as AgreementHistory;
    pub use super::agreement_parties::Entity as AgreementParties;
    pub use super::api_tokens::Entity as ApiTokens;
    pub use super::audit_events::Entity as AuditEvents;
    pub use super::catalog_words::Entity as CatalogWords;
    pub use super::distribution_key_weights::Entity as DistributionKeyWeights;
    pub use super::distribution_keys::Entity as DistributionKeys;
    pub use super::group_flags::Entity as GroupFlags;
    pub use super::group_join_requests::Entity as GroupJoinRequests;
    pub use super::group_members::Entity as GroupMembers;
    pub use super::group_moderation_log::Entity as GroupModerationLog;
    pub use super::group_post_revisions::Entity as GroupPostRevisions;
    pub use super::group_posts::Entity as GroupPosts;
    pub use super::group_reads::Entity as GroupReads;
    pub use super::group_threads::Entity as GroupThreads;
    pub use super::invitations::Entity as Invitations;
    pub use super::jobs::Entity as Jobs;
    pub use super::join_requests::Entity as JoinRequests;
    pub use super::local_logins::Entity as LocalLogins;
    pub use super::login_throttles::Entity as LoginThrottles;
    pub use super::mail_tokens::Entity as MailTokens;
    pub use super::memberships::Entity as Memberships;
    pub use super::notification_settings::Entity as NotificationSettings;
    pub use super::notifications::Entity as Notifications;
    pub use super::oidc_identities::Entity as OidcIdentities;
    pub use super::organisation_domains::Entity as OrganisationDomains;
    pub use super::organisations::Entity as Organisations;
    pub use super::repositories::Entity as Repositories;
    pub use super::reuse_agreements::Entity as ReuseAgreements;
    pub use super::sessions::Entity as Sessions;
    pub use super::software::Entity as Software;
    pub use super::software_aliases::Entity as SoftwareAliases;
    pub use super::software_imports::Entity as SoftwareImports;
    pub use super::unsubscribe_keys::Entity as UnsubscribeKeys;
    pub use super::usage_declarations::Entity as UsageDeclarations;
    pub use super::users::Entity as Users;
    pub use super::webhook_deliveries::Entity as WebhookDeliveries;
    pub use super::working_groups::Entity as WorkingGroups;
}

use sea_orm::sea_query::{ForeignKeyAction, TableRef};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ColumnType, DbBackend, EntityTrait, IdenStatic, Identity, Iterable,
    PrimaryKeyToColumn, PrimaryKeyTrait, QueryTrait, RelationTrait, Value,
};

/// The registry of entities, one per table of the migrated schema. The
/// schema test fails for a table that is missing here.
pub const ALL: &[fn() -> TableDescription] = &[
    describe::<agreement_cost_blocks::Entity>,
    describe::<agreement_documents::Entity>,
    describe::<agreement_history::Entity>,
    describe::<agreement_parties::Entity>,
    describe::<api_tokens::Entity>,
    describe::<audit_events::Entity>,
    describe::<catalog_words::Entity>,
    describe::<distribution_key_weights::Entity>,
    describe::<distribution_keys::Entity>,
    describe::<group_flags::Entity>,
    describe::<group_join_requests::Entity>,
    describe::<group_members::Entity>,
    describe::<group_moderation_log::Entity>,
    describe::<group_post_revisions::Entity>,
    describe::<group_posts::Entity>,
    describe::<group_reads::Entity>,
    describe::<group_threads::Entity>,
    describe::<invitations::Entity>,
    describe::<jobs::Entity>,
    describe::<join_requests::Entity>,
    describe::<local_logins::Entity>,
    describe::<login_throttles::Entity>,
    describe::<mail_tokens::Entity>,
    describe::<memberships::Entity>,
    describe::<notification_settings::Entity>,
    describe::<notifications::Entity>,
    describe::<oidc_identities::Entity>,
    describe::<organisation_domains::Entity>,
    describe::<organisations::Entity>,
    describe::<repositories::Entity>,
    describe::<reuse_agreements::Entity>,
    describe::<sessions::Entity>,
    describe::<software::Entity>,
    describe::<software_aliases::Entity>,
    describe::<software_imports::Entity>,
    describe::<unsubscribe_keys::Entity>,
    describe::<usage_declarations::Entity>,
    describe::<users::Entity>,
    describe::<webhook_deliveries::Entity>,
    describe::<working_groups::Entity>,
];

/// What an entity says about its table, in plain data, so that it can be
/// compared with the database (and, in the test, deliberately spoilt).
#[derive(Clone, Debug)]
pub struct TableDescription {
    pub table: String,
    /// In the order of the `Model`'s fields.
    pub columns: Vec<ColumnDescription>,
    /// In the order of the primary key.
    pub primary_key: Vec<String>,
    /// Whether the database assigns the key (a serial).
    pub auto_increment: bool,
    /// The `belongs_to` relations.
    pub foreign_keys: Vec<ForeignKeyDescription>,
    /// The `SELECT` that `Entity::find()` sends.
    pub select: String,
}

#[derive(Clone, Debug)]
pub struct ColumnDescription {
    pub name: String,
    pub column_type: ColumnType,
    pub nullable: bool,
    /// The field's Rust type, as the value `ActiveModel::default_values()`
    /// holds for it (typed `NULL` for an `Option`); `None` if it holds none.
    pub rust_value: Option<Value>,
}

#[derive(Clone, Debug)]
pub struct ForeignKeyDescription {
    /// The `Relation` variant.
    pub relation: String,
    pub columns: Vec<String>,
    pub references_table: String,
    pub references_columns: Vec<String>,
    /// As PostgreSQL names the rule (`CASCADE`, `SET NULL`, …); `None` when
    /// the relation does not say.
    pub on_delete: Option<&'static str>,
    pub on_update: Option<&'static str>,
}

/// Describes the entity `E`.
pub fn describe<E: EntityTrait>() -> TableDescription {
    let defaults = <E::ActiveModel as ActiveModelTrait>::default_values();
    let columns = E::Column::iter()
        .map(|column| {
            let def = column.def();
            ColumnDescription {
                name: column.as_str().to_owned(),
                column_type: def.get_column_type().clone(),
                nullable: def.is_null(),
                rust_value: defaults.get(column).into_value(),
            }
        })
        .collect();
    let primary_key = E::PrimaryKey::iter()
        .map(|key| key.into_column().as_str().to_owned())
        .collect();
    let foreign_keys = E::Relation::iter()
        .filter_map(|relation| {
            let def = relation.def();
            // `has_many` and `has_one` are the other side of someone's key.
            (!def.is_owner).then(|| ForeignKeyDescription {
                relation: format!("{relation:?}"),
                columns: names(def.from_col),
                references_table: table_name(&def.to_tbl),
                references_columns: names(def.to_col),
                on_delete: def.on_delete.map(action),
                on_update: def.on_update.map(action),
            })
        })
        .collect();
    TableDescription {
        table: E::default().table_name().to_owned(),
        columns,
        primary_key,
        auto_increment: <E::PrimaryKey as PrimaryKeyTrait>::auto_increment(),
        foreign_keys,
        select: E::find().build(DbBackend::Postgres).to_string(),
    }
}

fn names(identity: Identity) -> Vec<String> {
    identity.into_iter().map(|iden| iden.to_string()).collect()
}

fn table_name(table: &TableRef) -> String {
    match table {
        TableRef::Table(name) | TableRef::SchemaTable(_, name) => name.to_string(),
        other => format!("{other:?}"),
    }
}

fn action(action: ForeignKeyAction) -> &'static str {
    match action {
        ForeignKeyAction::Restrict => "RESTRICT",
        ForeignKeyAction::Cascade => "CASCADE",
        ForeignKeyAction::SetNull => "SET NULL",
        ForeignKeyAction::NoAction => "NO ACTION",
        ForeignKeyAction::SetDefault => "SET DEFAULT",
    }
}
