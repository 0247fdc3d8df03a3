//! Distribution key tables in the database: loaded from the files the
//! project ships (by the seed) or an operator provides (`allmende reuse
//! load-key FILE`). Loading a table again with the same name and year
//! replaces its weights.

use crate::entities::{distribution_key_weights as weights, distribution_keys as keys};
use crate::kernel::map_db_error;
use app::error::AppError;
use app::reuse::keys::{KeyTable, Unit};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Stores `table`; returns its id.
pub async fn load(c: &impl ConnectionTrait, table: &KeyTable) -> Result<uuid::Uuid, AppError> {
    let unit = match table.unit {
        Unit::Percent => "percent",
        Unit::Count => "count",
    };
    let row = keys::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        name: Set(table.name.clone()),
        year: Set(table.year),
        unit: Set(unit.to_owned()),
        source: Set(table.source.clone()),
        loaded_at: Set(chrono::Utc::now()),
    };
    keys::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([keys::Column::Name, keys::Column::Year])
                .update_columns([keys::Column::Unit, keys::Column::Source, keys::Column::LoadedAt])
                .to_owned(),
        )
        .exec_without_returning(c)
        .await
        .map_err(map_db_error)?;
    let id = keys::Entity::find()
        .filter(keys::Column::Name.eq(&table.name))
        .filter(keys::Column::Year.eq(table.year))
        .one(c)
        .await
        .map_err(map_db_error)?
        .ok_or(AppError::Internal)?
        .id;
    weights::Entity::delete_many()
        .filter(weights::Column::KeyId.eq(id))
        .exec(c)
        .await
        .map_err(map_db_error)?;
    weights::Entity::insert_many(table.weights.iter().map(|(land, weight)| weights::ActiveModel {
        key_id: Set(id),
        land: Set(land.clone()),
        weight: Set(*weight as i64),
    }))
    .exec_without_returning(c)
    .await
    .map_err(map_db_error)?;
    Ok(id)
}

/// Every table the project ships, loaded (the seed calls it).
pub async fn load_shipped(c: &impl ConnectionTrait) -> Result<usize, AppError> {
    for text in app::reuse::keys::SHIPPED {
        let table = app::reuse::keys::parse(text).map_err(|e| {
            tracing::error!(error = %e, "a shipped key table does not parse");
            AppError::Internal
        })?;
        load(c, &table).await?;
    }
    Ok(app::reuse::keys::SHIPPED.len())
}
