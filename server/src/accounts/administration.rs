//! Site administration: verifying organisations, naming administrators,
//! and a person's own profile and sessions.

use super::audit::Event;
use super::memberships::organisation_id;
use super::policy::require_site_admin;
use super::validate::{self, invalid};
use super::{Accounts, Actor};
use crate::db::sql;
use crate::kernel::map_db_error;
use app::error::AppError;
use app::i18n::Locale;
use sea_orm::TransactionTrait;
use std::net::IpAddr;
use uuid::Uuid;

impl Accounts {
    pub async fn set_verified(
        &self,
        actor: &Actor,
        slug: &str,
        verified: bool,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        require_site_admin(actor)?;
        let txn = self.db.begin().await.map_err(map_db_error)?;
        let organisation_id = organisation_id(&txn, slug).await?;
        sql::exec(
            &txn,
            "UPDATE organisations SET verified = $2, version = version + 1, updated_at = now() WHERE id = $1",
            [organisation_id.into(), verified.into()],
        )
        .await?;
        Event::new(if verified {
            "organisation_verified"
        } else {
            "organisation_unverified"
        })
        .actor(actor.user_id)
        .organisation(organisation_id)
        .subject(slug)
        .ip(ip)
        .record(&txn)
        .await?;
        txn.commit().await.map_err(map_db_error)
    }

    pub async fn set_site_admin(
        &self,
        actor: &Actor,
        user_id: Uuid,
        admin: bool,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        require_site_admin(actor)?;
        if user_id == actor.user_id && !admin {
            return Err(AppError::Conflict("admin.error.self".into()));
        }
        let txn = self.db.begin().await.map_err(map_db_error)?;
        let name = sql::value::<String>(
            &txn,
            "UPDATE users SET is_site_admin = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING display_name AS value",
            [user_id.into(), admin.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        Event::new("site_admin_changed")
            .actor(actor.user_id)
            .subject(&name)
            .details(serde_json::json!({"admin": admin}))
            .ip(ip)
            .record(&txn)
            .await?;
        txn.commit().await.map_err(map_db_error)
    }

    pub async fn update_profile(&self, actor: &Actor, display_name: &str, locale: &str) -> Result<(), AppError> {
        let name = validate::display_name(display_name).map_err(|k| invalid("display_name", k))?;
        let locale = Locale::from_tag(locale).ok_or_else(|| invalid("locale", "form.error.choice"))?;
        let txn = self.db.begin().await.map_err(map_db_error)?;
        sql::exec(
            &txn,
            "UPDATE users SET display_name = $2, locale = $3 WHERE id = $1",
            [actor.user_id.into(), name.into(), locale.tag().into()],
        )
        .await?;
        Event::new("profile_updated").actor(actor.user_id).record(&txn).await?;
        txn.commit().await.map_err(map_db_error)
    }

    /// Ends every session of the person, the current one included.
    pub async fn sign_out_everywhere(&self, actor: &Actor, ip: Option<IpAddr>) -> Result<u64, AppError> {
        let txn = self.db.begin().await.map_err(map_db_error)?;
        let ended = sql::exec(&txn, "DELETE FROM sessions WHERE user_id = $1", [actor.user_id.into()]).await?;
        Event::new("logout_everywhere")
            .actor(actor.user_id)
            .details(serde_json::json!({"sessions": ended}))
            .ip(ip)
            .record(&txn)
            .await?;
        txn.commit().await.map_err(map_db_error)?;
        Ok(ended)
    }
}
