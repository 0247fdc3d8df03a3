//! One-click unsubscribe (RFC 8058): every notification mail carries a key
//! of its own. The key only switches mail off, so it is stored as it is
//! (as Discourse does) and an old mail's link keeps working; following it
//! needs no sign-in, as a mail program posting to it has none.

use crate::db::sql;
use crate::entities::unsubscribe_keys;
use crate::kernel::{Permission, Tx, UserId, Who};
use app::error::AppError;
use rand::RngCore;
use sea_orm::DatabaseConnection;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

pub(super) async fn new_key(tx: &Tx<'_>, user: UserId, scope: &str) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let key = hex::encode(bytes);
    unsubscribe_keys::ActiveModel {
        key: Set(key.clone()),
        user_id: Set(user),
        scope: Set(scope.to_owned()),
        ..Default::default()
    }
    .insert(tx)
    .await
    .map_err(crate::kernel::map_db_error)?;
    Ok(key)
}

/// Switches off what the key's mail was about: its kind, or for a digest
/// every kind the person had in a digest. Unknown keys are `NotFound`; a
/// key used before works again (and changes nothing new).
pub async fn unsubscribe(db: &DatabaseConnection, key: &str) -> Result<(), AppError> {
    // The key is the permission.
    let tx = Tx::begin(db, Who::anonymous(None), Permission::Public).await?;
    #[derive(sea_orm::FromQueryResult)]
    struct Key {
        user_id: UserId,
        scope: String,
    }
    let found = sql::one::<Key>(
        &tx,
        "UPDATE unsubscribe_keys SET used_at = coalesce(used_at, now()) WHERE key = $1 RETURNING user_id, scope",
        [key.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let statement = if found.scope == "digest" {
        "UPDATE notification_settings SET delivery = 'none', updated_at = now() \
         WHERE user_id = $1 AND delivery IN ('daily', 'weekly') AND $2 = 'digest'"
    } else {
        "UPDATE notification_settings SET delivery = 'none', updated_at = now() WHERE user_id = $1 AND kind = $2"
    };
    sql::exec(&tx, statement, [found.user_id.into(), found.scope.into()]).await?;
    tx.done(()).await
}
