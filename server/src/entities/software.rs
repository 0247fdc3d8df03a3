//! `software`: the catalog, one entry per software, keyed by its repository URL.
//!
//! The table's `search` column (a `tsvector`) is deliberately no field: a
//! trigger writes it from the names and texts, only SQL reads it
//! (`catalog::search`), and SeaORM can hold it only as text through
//! `select_as`, which would ship every entry's whole vector with each
//! `find()` and makes `Software::find().find_also_related(..)` panic (SeaORM
//! 1.1 cannot alias a cast column of the first entity). The schema test
//! lists it as its one exemption.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "software")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub slug: String,
    pub organisation_id: Uuid,
    /// The file's `url` as written.
    #[sea_orm(column_type = "Text")]
    pub url: String,
    /// The normal form of `url` that identifies the entry.
    #[sea_orm(column_type = "Text")]
    pub url_key: String,
    /// An entry whose latest file is invalid stays, inactive, for its maintainers.
    pub active: bool,
    /// The latest submitted file, valid or not.
    #[sea_orm(column_type = "Text")]
    pub raw: String,
    /// The issues found in `raw`.
    #[sea_orm(column_type = "JsonBinary")]
    pub issues: Json,
    /// The normalised projection of the latest valid file.
    #[sea_orm(column_type = "JsonBinary")]
    pub document: Json,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub summary_de: String,
    #[sea_orm(column_type = "Text")]
    pub body_de: String,
    #[sea_orm(column_type = "Text")]
    pub summary_en: String,
    #[sea_orm(column_type = "Text")]
    pub body_en: String,
    #[sea_orm(column_type = "Text")]
    pub body_other: String,
    #[sea_orm(column_type = "Text")]
    pub development_status: String,
    #[sea_orm(column_type = "Text")]
    pub software_type: String,
    #[sea_orm(column_type = "Text")]
    pub maintenance_type: String,
    #[sea_orm(column_type = "Text")]
    pub license: String,
    #[sea_orm(column_type = "Array(RcOrArc::new(ColumnType::Text))")]
    pub licenses: Vec<String>,
    #[sea_orm(column_type = "Array(RcOrArc::new(ColumnType::Text))")]
    pub categories: Vec<String>,
    #[sea_orm(column_type = "Array(RcOrArc::new(ColumnType::Text))")]
    pub platforms: Vec<String>,
    #[sea_orm(column_type = "Array(RcOrArc::new(ColumnType::Text))")]
    pub languages: Vec<String>,
    #[sea_orm(column_type = "Array(RcOrArc::new(ColumnType::Text))")]
    pub scopes: Vec<String>,
    #[sea_orm(column_type = "Array(RcOrArc::new(ColumnType::Text))")]
    pub standards: Vec<String>,
    /// Variants: the `url_key`s of the software this one is based on.
    #[sea_orm(column_type = "Array(RcOrArc::new(ColumnType::Text))")]
    pub based_on: Vec<String>,
    /// Every facet value as `facet:value`, written by the trigger that writes
    /// `search`: leave it `NotSet`.
    #[sea_orm(column_type = "Array(RcOrArc::new(ColumnType::Text))")]
    pub facet_tokens: Vec<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The short description a German reader sees.
    #[sea_orm(column_type = "Text")]
    pub short_de: String,
    /// The short description an English reader sees.
    #[sea_orm(column_type = "Text")]
    pub short_en: String,
    /// How many administrations use it (verified declarations and reusers
    /// of agreements in force), kept by `reuse::signals`.
    pub reuse_count: i32,
    /// `used` and/or `agreement`, kept by `reuse::signals`; the trigger
    /// turns them into `reuse:` facet tokens.
    #[sea_orm(column_type = "Array(RcOrArc::new(ColumnType::Text))")]
    pub reuse_signals: Vec<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisations::Entity",
        from = "Column::OrganisationId",
        to = "super::organisations::Column::Id",
        on_update = "NoAction",
        on_delete = "Restrict"
    )]
    Organisation,
    #[sea_orm(has_many = "super::software_aliases::Entity")]
    Aliases,
    #[sea_orm(has_many = "super::software_imports::Entity")]
    Imports,
    #[sea_orm(has_many = "super::repositories::Entity")]
    Repositories,
}

impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl Related<super::software_aliases::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Aliases.def()
    }
}

impl Related<super::software_imports::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Imports.def()
    }
}

impl Related<super::repositories::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Repositories.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
