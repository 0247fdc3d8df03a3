//! Accounts behind OpenID Connect identities: found by provider and subject,
//! created on first login. An e-mail address is never used to find an account.

use super::oidc::Identity;
use super::{memberships, users, Accounts};
use crate::db::sql;
use crate::kernel::{AuditAction, Event, Permission, Tx, UserId, Who};
use app::error::AppError;
use app::i18n::Locale;
use std::net::IpAddr;

impl Accounts {
    pub async fn sign_in_with(
        &self,
        identity: Identity,
        locale: Locale,
        ip: Option<IpAddr>,
    ) -> Result<UserId, AppError> {
        let email = identity
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty() && e.len() <= 254)
            .map(str::to_lowercase);
        // The identity provider has vouched for the person.
        let tx = Tx::begin(&self.db, Who::anonymous(ip), Permission::Public).await?;
        let existing = sql::value::<UserId>(
            &tx,
            "SELECT i.user_id AS value FROM oidc_identities i JOIN users u ON u.id = i.user_id \
             WHERE i.provider = $1 AND i.subject = $2 AND u.deleted_at IS NULL",
            [identity.provider.clone().into(), identity.subject.clone().into()],
        )
        .await?;
        let user_id = match existing {
            Some(user_id) => {
                sql::exec(
                    &tx,
                    "UPDATE oidc_identities SET email = $3, email_verified = $4, last_login_at = now() \
                     WHERE provider = $1 AND subject = $2",
                    [
                        identity.provider.clone().into(),
                        identity.subject.clone().into(),
                        email.clone().into(),
                        identity.email_verified.into(),
                    ],
                )
                .await?;
                user_id
            }
            None => {
                let name = identity
                    .name
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .or_else(|| email.as_deref().and_then(|e| e.split('@').next()))
                    .unwrap_or("Allmende")
                    .chars()
                    .take(120)
                    .collect::<String>();
                let user_id = users::create(&tx, &name, email.as_deref(), identity.email_verified, locale).await?;
                sql::exec(
                    &tx,
                    "INSERT INTO oidc_identities (provider, subject, user_id, email, email_verified, last_login_at) \
                     VALUES ($1, $2, $3, $4, $5, now())",
                    [
                        identity.provider.clone().into(),
                        identity.subject.clone().into(),
                        user_id.into(),
                        email.clone().into(),
                        identity.email_verified.into(),
                    ],
                )
                .await?;
                tx.record(
                    Event::new(AuditAction::AccountCreated)
                        .actor(user_id)
                        .subject(&identity.provider),
                );
                user_id
            }
        };
        users::touch_login(&tx, user_id).await?;
        tx.record(
            Event::new(AuditAction::Login)
                .actor(user_id)
                .subject(email.as_deref().unwrap_or(""))
                .details(serde_json::json!({"method": "oidc", "provider": identity.provider})),
        );
        // Only an address the provider vouches for can open an organisation's door.
        if let Some(email) = email.as_deref().filter(|_| identity.email_verified) {
            memberships::join_by_domain(&tx, user_id, email).await?;
        }
        tx.done(user_id).await
    }
}
