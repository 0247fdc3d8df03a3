use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::SessionStore;

/// Sessions in the `sessions` table. The signed-in user's id is copied into
/// its own column, so that "sign out everywhere" and a password reset can end
/// every session of one person with one statement.
#[derive(Clone, Debug)]
pub struct PgSessionStore {
    db: DatabaseConnection,
}

impl PgSessionStore {
    pub fn new(db: DatabaseConnection) -> PgSessionStore {
        PgSessionStore { db }
    }

    /// Deletes expired sessions; run periodically.
    pub async fn delete_expired(&self) -> Result<u64> {
        self.db
            .execute(Statement::from_string(
                DbBackend::Postgres,
                "DELETE FROM sessions WHERE expires_at < now()",
            ))
            .await
            .map(|r| r.rows_affected())
            .map_err(backend)
    }
}

fn backend(error: sea_orm::DbErr) -> Error {
    Error::Backend(error.to_string())
}

fn user_id(record: &Record) -> Option<uuid::Uuid> {
    record
        .data
        .get(super::values::USER_KEY)
        .and_then(|v| v.as_str())
        .and_then(|s| uuid::Uuid::parse_str(s).ok())
}

fn expiry(record: &Record) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0).unwrap_or_default()
}

#[async_trait::async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A new random id until it is unique (a collision of 128 random bits
        // is not expected, but never overwrite someone else's session).
        loop {
            let data = serde_json::to_value(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
            let inserted = self
                .db
                .execute(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
                    [record.id.to_string().into(), user_id(record).into(), data.into(), expiry(record).into()],
                ))
                .await
                .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_value(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        self.db
            .execute(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, \
                     expires_at = excluded.expires_at, updated_at = now()",
                [
                    record.id.to_string().into(),
                    user_id(record).into(),
                    data.into(),
                    expiry(record).into(),
                ],
            ))
            .await
            .map(|_| ())
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let row = self
            .db
            .query_one(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT data, extract(epoch FROM expires_at)::bigint AS expires FROM sessions \
                 WHERE id = $1 AND expires_at > now()",
                [id.to_string().into()],
            ))
            .await
            .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let data: serde_json::Value = row.try_get("", "data").map_err(backend)?;
        let expires: i64 = row.try_get("", "expires").map_err(backend)?;
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_value(data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(expires)
                .map_err(|e| Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.db
            .execute(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "DELETE FROM sessions WHERE id = $1",
                [id.to_string().into()],
            ))
            .await
            .map(|_| ())
            .map_err(backend)
    }
}
