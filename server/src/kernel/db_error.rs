//! The database error policy, one for every domain: the reader learns
//! whether to try again; the details go to the log only.

use app::error::{AppError, FieldError};
use sea_orm::DbErr;

/// Maps a database failure to what the reader is told. Two refusals of PostgreSQL's are
/// the input's fault, not ours: a unique constraint (two people taking the
/// same name at once, past the service's own check) is a conflict, and a
/// character text cannot hold (NUL) is invalid input.
pub fn map_db_error(error: DbErr) -> AppError {
    match error {
        DbErr::RecordNotFound(_) => AppError::NotFound,
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
            tracing::warn!(%error, "database unavailable");
            AppError::Unavailable
        }
        other => match sql_state(&other).as_deref() {
            Some("23505") => {
                tracing::info!(error = %other, "unique constraint refused a write");
                AppError::Conflict("error.conflict.taken".into())
            }
            Some("22021" | "22P05") => {
                tracing::info!(error = %other, "text the database cannot store");
                AppError::Invalid(vec![FieldError::new("", "error.invalid.character")])
            }
            _ => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        },
    }
}

/// PostgreSQL's SQLSTATE of a failed statement.
fn sql_state(error: &DbErr) -> Option<String> {
    let runtime = match error {
        DbErr::Exec(e) | DbErr::Query(e) => e,
        _ => return None,
    };
    match runtime {
        sea_orm::RuntimeErr::SqlxError(sea_orm::sqlx::Error::Database(db)) => db.code().map(|c| c.into_owned()),
        _ => None,
    }
}

/// For a failure that is ours, not the reader's (a stored document that no
/// longer decodes, a task that panicked): logged with its cause and where
/// it happened, answered as an internal error.
pub fn internal<E: std::fmt::Display>(context: &'static str) -> impl FnOnce(E) -> AppError {
    move |error| {
        tracing::error!(%error, context, "internal error");
        AppError::Internal
    }
}
