//! API tokens for scripts and CI pipelines: made for one organisation with
//! scopes, shown once, stored as a hash, expiring, revocable.

use super::audit::Event;
use super::memberships::organisation_id;
use super::policy::{self, scopes_for};
use super::secret_token::{self, SecretToken};
use super::validate::Errors;
use super::{users, Accounts, Actor};
use crate::db::sql;
use crate::kernel::map_db_error;
use app::error::AppError;
use sea_orm::{FromQueryResult, TransactionTrait};
use std::net::IpAddr;
use uuid::Uuid;

pub const TOKEN_PREFIX: &str = "alm_";
pub const MAX_DAYS: i32 = 366;

pub struct NewToken {
    pub organisation: String,
    pub name: String,
    pub scopes: Vec<String>,
    pub days: String,
}

/// Who a valid token speaks for, with the scopes still covered by the
/// owner's current role (a demoted publisher's token loses `catalog:publish`).
/// `actor` is confined to the token's organisation: every service that
/// checks permissions on it sees no other organisation and no site
/// administration.
#[derive(Clone, Debug)]
pub struct TokenActor {
    pub token_id: Uuid,
    pub actor: Actor,
    pub organisation_id: Uuid,
    pub organisation_slug: String,
    pub scopes: Vec<String>,
}

impl TokenActor {
    pub fn require_scope(&self, scope: &str) -> Result<(), AppError> {
        if self.scopes.iter().any(|s| s == scope) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl Accounts {
    /// Creates a token; the plain value is returned once and never stored.
    pub async fn create_token(&self, actor: &Actor, input: NewToken, ip: Option<IpAddr>) -> Result<String, AppError> {
        let mut errors = Errors::default();
        let name = input.name.trim().to_owned();
        if name.is_empty() {
            errors.add("name", "form.error.required");
        } else if name.chars().count() > 100 {
            errors.add("name", "form.error.too_long");
        }
        let days = input
            .days
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|d| (1..=MAX_DAYS).contains(d));
        if days.is_none() {
            errors.add("days", "tokens.error.days");
        }
        if input.scopes.is_empty() {
            errors.add("scopes", "tokens.error.scopes");
        }
        let txn = self.db.begin().await.map_err(map_db_error)?;
        let organisation_id = match organisation_id(&txn, &input.organisation).await {
            Ok(id) => Some(id),
            Err(AppError::NotFound) => {
                errors.add("organisation", "form.error.choice");
                None
            }
            Err(e) => return Err(e),
        };
        errors.finish()?;
        let organisation_id = organisation_id.ok_or(AppError::Internal)?;
        let allowed = match actor.role_in(organisation_id) {
            Some(role) => scopes_for(role),
            None => return Err(AppError::Forbidden),
        };
        // A scope beyond the role is a refusal, not a typo: 403, nothing stored.
        if input.scopes.iter().any(|s| !allowed.contains(&s.as_str())) {
            return Err(AppError::Forbidden);
        }
        let token = SecretToken::generate(TOKEN_PREFIX);
        let prefix: String = token.plain.chars().take(TOKEN_PREFIX.len() + 6).collect();
        sql::exec(
            &txn,
            "INSERT INTO api_tokens (user_id, organisation_id, name, prefix, token_hash, scopes, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))",
            [
                actor.user_id.into(),
                organisation_id.into(),
                name.clone().into(),
                prefix.into(),
                token.hash.clone().into(),
                input.scopes.clone().into(),
                days.unwrap_or(1).into(),
            ],
        )
        .await?;
        Event::new("token_created")
            .actor(actor.user_id)
            .organisation(organisation_id)
            .subject(&name)
            .details(serde_json::json!({"scopes": input.scopes, "days": days}))
            .ip(ip)
            .record(&txn)
            .await?;
        txn.commit().await.map_err(map_db_error)?;
        Ok(token.plain)
    }

    /// Revokes a token: its creator, the organisation's owners and site
    /// administrators may.
    pub async fn revoke_token(&self, actor: &Actor, id: Uuid, ip: Option<IpAddr>) -> Result<(), AppError> {
        #[derive(FromQueryResult)]
        struct Token {
            user_id: Uuid,
            organisation_id: Uuid,
            name: String,
        }
        let txn = self.db.begin().await.map_err(map_db_error)?;
        let token = sql::one::<Token>(
            &txn,
            "SELECT user_id, organisation_id, name FROM api_tokens WHERE id = $1 AND revoked_at IS NULL",
            [id.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        if token.user_id != actor.user_id {
            policy::require(actor, token.organisation_id, policy::OrgPermission::ManageMembers)?;
        }
        sql::exec(
            &txn,
            "UPDATE api_tokens SET revoked_at = now() WHERE id = $1",
            [id.into()],
        )
        .await?;
        Event::new("token_revoked")
            .actor(actor.user_id)
            .organisation(token.organisation_id)
            .subject(&token.name)
            .ip(ip)
            .record(&txn)
            .await?;
        txn.commit().await.map_err(map_db_error)
    }

    /// The actor behind a bearer token; records its use.
    pub async fn authenticate_token(&self, plain: &str) -> Result<TokenActor, AppError> {
        #[derive(FromQueryResult)]
        struct Token {
            id: Uuid,
            user_id: Uuid,
            organisation_id: Uuid,
            slug: String,
            scopes: Vec<String>,
        }
        if !plain.starts_with(TOKEN_PREFIX) {
            return Err(AppError::Unauthenticated);
        }
        let token = sql::one::<Token>(
            &self.db,
            "UPDATE api_tokens t SET last_used_at = now() FROM organisations o \
             WHERE o.id = t.organisation_id AND t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() \
             RETURNING t.id, t.user_id, t.organisation_id, o.slug, t.scopes",
            [secret_token::hash(plain).into()],
        )
        .await?
        .ok_or(AppError::Unauthenticated)?;
        let actor = users::load_actor(&self.db, token.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let actor = actor.confined_to(token.organisation_id);
        let allowed = actor.role_in(token.organisation_id).map(scopes_for).unwrap_or_default();
        Ok(TokenActor {
            token_id: token.id,
            scopes: token
                .scopes
                .into_iter()
                .filter(|s| allowed.contains(&s.as_str()))
                .collect(),
            organisation_id: token.organisation_id,
            organisation_slug: token.slug,
            actor,
        })
    }
}
