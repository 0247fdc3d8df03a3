//! `distribution_keys`: a key table (the Königsteiner Schlüssel of a year,
//! a population table) with its source; the weights per Land beside it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "distribution_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    pub year: i32,
    /// `percent` or `count` (`app::reuse::keys::Unit`).
    #[sea_orm(column_type = "Text")]
    pub unit: String,
    #[sea_orm(column_type = "Text")]
    pub source: String,
    pub loaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::distribution_key_weights::Entity")]
    Weights,
}

impl Related<super::distribution_key_weights::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Weights.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
