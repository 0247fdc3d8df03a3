//! `distribution_key_weights`: one Land's weight in a key table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "distribution_key_weights")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key_id: Uuid,
    /// ISO 3166-2 code of the Land.
    #[sea_orm(primary_key, auto_increment = false, column_type = "Text")]
    pub land: String,
    pub weight: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::distribution_keys::Entity",
        from = "Column::KeyId",
        to = "super::distribution_keys::Column::Id",
        on_update = "NoAction",
        on_delete = "Cascade"
    )]
    Key,
}

impl Related<super::distribution_keys::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Key.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
