//! Raw SQL through SeaORM, with the error policy applied once: the services
//! read and write with `one`, `all` and `exec` and get an [`AppError`] back.

use crate::kernel::map_db_error;
use app::error::AppError;
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement, Value};

pub fn stmt(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

pub async fn one<T: FromQueryResult>(
    c: &impl ConnectionTrait,
    sql: &str,
    values: impl IntoIterator<Item = Value>,
) -> Result<Option<T>, AppError> {
    T::find_by_statement(stmt(sql, values))
        .one(c)
        .await
        .map_err(map_db_error)
}

pub async fn all<T: FromQueryResult>(
    c: &impl ConnectionTrait,
    sql: &str,
    values: impl IntoIterator<Item = Value>,
) -> Result<Vec<T>, AppError> {
    T::find_by_statement(stmt(sql, values))
        .all(c)
        .await
        .map_err(map_db_error)
}

/// Runs a statement; returns the number of rows it touched.
pub async fn exec(
    c: &impl ConnectionTrait,
    sql: &str,
    values: impl IntoIterator<Item = Value>,
) -> Result<u64, AppError> {
    c.execute(stmt(sql, values))
        .await
        .map(|r| r.rows_affected())
        .map_err(map_db_error)
}

/// The column `value` of the first row (`SELECT count(*) AS value ...`).
pub async fn value<T: sea_orm::TryGetable>(
    c: &impl ConnectionTrait,
    sql: &str,
    values: impl IntoIterator<Item = Value>,
) -> Result<Option<T>, AppError> {
    match c.query_one(stmt(sql, values)).await.map_err(map_db_error)? {
        Some(row) => row.try_get("", "value").map(Some).map_err(map_db_error),
        None => Ok(None),
    }
}

/// The column `value` of every row.
pub async fn values<T: sea_orm::TryGetable>(
    c: &impl ConnectionTrait,
    sql: &str,
    values: impl IntoIterator<Item = Value>,
) -> Result<Vec<T>, AppError> {
    c.query_all(stmt(sql, values))
        .await
        .map_err(map_db_error)?
        .iter()
        .map(|row| row.try_get("", "value").map_err(map_db_error))
        .collect()
}
