//! Site administration: verifying organisations, naming administrators,
//! and a person's own profile and sessions.

use super::memberships::organisation_id;
use super::validate::{self, invalid};
use super::{Accounts, Actor};
use crate::db::sql;
use crate::kernel::{AuditAction, Event, Permission, Tx, UserId, Who};
use app::error::AppError;
use app::i18n::Locale;
use std::net::IpAddr;

impl Accounts {
    pub async fn set_verified(
        &self,
        actor: &Actor,
        slug: &str,
        verified: bool,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::SiteAdmin).await?;
        let organisation_id = organisation_id(&tx, slug).await?;
        sql::exec(
            &tx,
            "UPDATE organisations SET verified = $2, version = version + 1, updated_at = now() WHERE id = $1",
            [organisation_id.into(), verified.into()],
        )
        .await?;
        let action = if verified {
            AuditAction::OrganisationVerified
        } else {
            AuditAction::OrganisationUnverified
        };
        tx.record(Event::new(action).organisation(organisation_id).subject(slug));
        // Only verified organisations' declarations count in the catalog.
        crate::reuse::signals::refresh_organisation(&tx, organisation_id).await?;
        tx.done(()).await
    }

    pub async fn set_site_admin(
        &self,
        actor: &Actor,
        user_id: UserId,
        admin: bool,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::SiteAdmin).await?;
        if user_id == actor.user_id && !admin {
            return Err(AppError::Conflict("admin.error.self".into()));
        }
        let name = sql::value::<String>(
            &tx,
            "UPDATE users SET is_site_admin = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING display_name AS value",
            [user_id.into(), admin.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        tx.record(
            Event::new(AuditAction::SiteAdminChanged)
                .subject(name)
                .details(serde_json::json!({"admin": admin})),
        );
        tx.done(()).await
    }

    pub async fn update_profile(&self, actor: &Actor, display_name: &str, locale: &str) -> Result<(), AppError> {
        let name = validate::display_name(display_name).map_err(|k| invalid("display_name", k))?;
        let locale = Locale::from_tag(locale).ok_or_else(|| invalid("locale", "form.error.choice"))?;
        let tx = Tx::begin(&self.db, Who::actor(actor, None), Permission::OwnAccount).await?;
        sql::exec(
            &tx,
            "UPDATE users SET display_name = $2, locale = $3 WHERE id = $1",
            [actor.user_id.into(), name.into(), locale.tag().into()],
        )
        .await?;
        tx.record(Event::new(AuditAction::ProfileUpdated));
        tx.done(()).await
    }

    /// Ends every session of the person, the current one included.
    pub async fn sign_out_everywhere(&self, actor: &Actor, ip: Option<IpAddr>) -> Result<u64, AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let ended = sql::exec(&tx, "DELETE FROM sessions WHERE user_id = $1", [actor.user_id.into()]).await?;
        tx.record(Event::new(AuditAction::LogoutEverywhere).details(serde_json::json!({"sessions": ended})));
        tx.done(ended).await
    }
}
