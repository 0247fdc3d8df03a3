//! API tokens for scripts and CI pipelines: made for one organisation with
//! scopes, shown once, stored as a hash, expiring, revocable.

use super::memberships::organisation_id;
use super::secret_token::{self, SecretToken};
use super::validate::Errors;
use super::{users, Accounts, Actor};
use crate::db::sql;
use crate::kernel::permissions::scopes_for;
use crate::kernel::{AuditAction, Event, OrgPermission, OrganisationId, Permission, Scope, Tx, UserId, Who};
use app::error::AppError;
use sea_orm::FromQueryResult;
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
    pub organisation_id: OrganisationId,
    pub organisation_slug: String,
    pub scopes: Vec<Scope>,
}

impl TokenActor {
    pub fn require_scope(&self, scope: Scope) -> Result<(), AppError> {
        if self.scopes.contains(&scope) {
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
        let organisation_id = match organisation_id(&self.db, &input.organisation).await {
            Ok(id) => Some(id),
            Err(AppError::NotFound) => {
                errors.add("organisation", "form.error.choice");
                None
            }
            Err(e) => return Err(e),
        };
        errors.finish()?;
        let organisation_id = organisation_id.ok_or(AppError::Internal)?;
        let in_org = Permission::InId(organisation_id, OrgPermission::HoldTokens);
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), in_org).await?;
        let allowed = actor.role_in(organisation_id).map(scopes_for).unwrap_or_default();
        // A scope beyond the role is a refusal, not a typo: 403, nothing stored.
        let scopes = input
            .scopes
            .iter()
            .map(|s| Scope::from_code(s).filter(|s| allowed.contains(s)))
            .collect::<Option<Vec<Scope>>>()
            .ok_or(AppError::Forbidden)?;
        let codes: Vec<String> = scopes.iter().map(|s| s.code().to_owned()).collect();
        let token = SecretToken::generate(TOKEN_PREFIX);
        let prefix: String = token.plain.chars().take(TOKEN_PREFIX.len() + 6).collect();
        sql::exec(
            &tx,
            "INSERT INTO api_tokens (user_id, organisation_id, name, prefix, token_hash, scopes, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))",
            [
                actor.user_id.into(),
                organisation_id.into(),
                name.clone().into(),
                prefix.into(),
                token.hash.clone().into(),
                codes.clone().into(),
                days.unwrap_or(1).into(),
            ],
        )
        .await?;
        tx.record(
            Event::new(AuditAction::TokenCreated)
                .subject(&name)
                .details(serde_json::json!({"scopes": codes, "days": days})),
        );
        tx.done(token.plain).await
    }

    /// Revokes a token: its creator, the organisation's owners and site
    /// administrators may.
    pub async fn revoke_token(&self, actor: &Actor, id: Uuid, ip: Option<IpAddr>) -> Result<(), AppError> {
        #[derive(FromQueryResult)]
        struct Token {
            user_id: UserId,
            organisation_id: OrganisationId,
        }
        let token = sql::one::<Token>(
            &self.db,
            "SELECT user_id, organisation_id FROM api_tokens WHERE id = $1 AND revoked_at IS NULL",
            [id.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        let permission = if token.user_id == actor.user_id {
            Permission::OwnAccount
        } else {
            Permission::InId(token.organisation_id, OrgPermission::ManageMembers)
        };
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), permission).await?;
        // Again in the transaction: a second revocation finds nothing.
        let name = sql::value::<String>(
            &tx,
            "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING name AS value",
            [id.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        tx.record(
            Event::new(AuditAction::TokenRevoked)
                .organisation(token.organisation_id)
                .subject(name),
        );
        tx.done(()).await
    }

    /// The actor behind a bearer token; records its use.
    pub async fn authenticate_token(&self, plain: &str) -> Result<TokenActor, AppError> {
        #[derive(FromQueryResult)]
        struct Token {
            id: Uuid,
            user_id: UserId,
            organisation_id: OrganisationId,
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
                .iter()
                .filter_map(|s| Scope::from_code(s))
                .filter(|s| allowed.contains(s))
                .collect(),
            organisation_id: token.organisation_id,
            organisation_slug: token.slug,
            actor,
        })
    }
}
