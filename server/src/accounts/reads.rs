//! What the account pages read, each read checked against the viewer.

use super::directory::{summary, summary_columns};
use super::memberships::organisation_id;
use super::secret_token;
use super::{Accounts, Actor};
use crate::db::sql;
use crate::kernel::map_db_error;
use crate::kernel::permissions::{self, scopes_for, OrgPermission};
use app::accounts::dto::*;
use app::directory::dto::OrganisationSummary;
use app::error::AppError;
use app::i18n::Locale;
use app::ports::AccountsService;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult, Value};
use uuid::Uuid;

const AUDIT_PAGE: u64 = 50;

fn iso(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn actor_of(viewer: &Viewer) -> Result<Actor, AppError> {
    Actor::from_viewer(viewer).ok_or(AppError::Unauthenticated)
}

impl Accounts {
    async fn summaries(
        &self,
        condition: &str,
        values: Vec<Value>,
        locale: Locale,
    ) -> Result<Vec<OrganisationSummary>, AppError> {
        let n = values.len() + 1;
        let mut values = values;
        values.push(locale.tag().into());
        let rows = self
            .db
            .query_all(sql::stmt(
                &format!(
                    "SELECT {} FROM organisations WHERE {condition} ORDER BY verified, name_de",
                    summary_columns(&format!("${n}"))
                ),
                values,
            ))
            .await
            .map_err(map_db_error)?;
        rows.iter().map(summary).collect()
    }

    async fn summary_of(&self, slug: &str, locale: Locale) -> Result<OrganisationSummary, AppError> {
        self.summaries("slug = $1", vec![slug.into()], locale)
            .await?
            .pop()
            .ok_or(AppError::NotFound)
    }
}

#[async_trait::async_trait]
impl AccountsService for Accounts {
    fn login_options(&self) -> LoginOptions {
        LoginOptions {
            local_accounts: self.settings.local_accounts,
            providers: self.oidc.list(),
        }
    }

    async fn account(&self, viewer: &Viewer, locale: Locale) -> Result<AccountOverview, AppError> {
        let actor = actor_of(viewer)?;
        #[derive(FromQueryResult)]
        struct Me {
            email: Option<String>,
            email_verified: bool,
            locale: String,
            has_password: bool,
        }
        let me = sql::one::<Me>(
            &self.db,
            "SELECT email, email_verified, locale, EXISTS (SELECT 1 FROM local_logins WHERE user_id = $1) AS has_password \
             FROM users WHERE id = $1",
            [actor.user_id.into()],
        )
        .await?
        .ok_or(AppError::Unauthenticated)?;
        #[derive(FromQueryResult)]
        struct Provider {
            provider: String,
        }
        let identities = sql::all::<Provider>(
            &self.db,
            "SELECT provider FROM oidc_identities WHERE user_id = $1 ORDER BY provider",
            [actor.user_id.into()],
        )
        .await?
        .into_iter()
        .map(|p| self.oidc.name_of(&p.provider).unwrap_or(&p.provider).to_owned())
        .collect();
        #[derive(FromQueryResult)]
        struct Session {
            created_at: DateTime<Utc>,
            updated_at: DateTime<Utc>,
        }
        let sessions = sql::all::<Session>(
            &self.db,
            "SELECT created_at, updated_at FROM sessions WHERE user_id = $1 AND expires_at > now() ORDER BY updated_at DESC",
            [actor.user_id.into()],
        )
        .await?
        .into_iter()
        .map(|s| SessionInfo {
            created_at: iso(s.created_at),
            last_seen_at: iso(s.updated_at),
        })
        .collect();
        #[derive(FromQueryResult)]
        struct Token {
            id: Uuid,
            name: String,
            prefix: String,
            organisation: String,
            scopes: Vec<String>,
            created_at: DateTime<Utc>,
            expires_at: DateTime<Utc>,
            last_used_at: Option<DateTime<Utc>>,
            revoked: bool,
            expired: bool,
        }
        let tokens = sql::all::<Token>(
            &self.db,
            "SELECT t.id, t.name, t.prefix, o.name_de AS organisation, t.scopes, t.created_at, t.expires_at, t.last_used_at, \
                    t.revoked_at IS NOT NULL AS revoked, t.expires_at <= now() AS expired \
             FROM api_tokens t JOIN organisations o ON o.id = t.organisation_id \
             WHERE t.user_id = $1 ORDER BY t.created_at DESC",
            [actor.user_id.into()],
        )
        .await?
        .into_iter()
        .map(|t| TokenInfo {
            id: t.id.to_string(),
            name: t.name,
            prefix: t.prefix,
            organisation: t.organisation,
            scopes: t.scopes,
            created_at: iso(t.created_at),
            expires_at: iso(t.expires_at),
            last_used_at: t.last_used_at.map(iso),
            revoked: t.revoked,
            expired: t.expired,
        })
        .collect();
        let pending_requests = self
            .summaries(
                "id IN (SELECT organisation_id FROM join_requests WHERE user_id = $1 AND status = 'pending')",
                vec![actor.user_id.into()],
                locale,
            )
            .await?;
        let viewer = actor.viewer();
        Ok(AccountOverview {
            display_name: actor.display_name.clone(),
            email: me.email,
            email_verified: me.email_verified,
            locale: me.locale,
            identities,
            has_password: me.has_password,
            token_targets: actor
                .memberships
                .iter()
                .map(|m| TokenTarget {
                    slug: m.slug.clone(),
                    name: m.name.clone(),
                    scopes: scopes_for(m.role).into_iter().map(|s| s.code().to_owned()).collect(),
                })
                .collect(),
            memberships: viewer.memberships,
            pending_requests,
            sessions,
            tokens,
        })
    }

    async fn members(&self, viewer: &Viewer, slug: &str, locale: Locale) -> Result<MembersPageData, AppError> {
        let actor = actor_of(viewer)?;
        let organisation_id = organisation_id(&self.db, slug).await?;
        permissions::require(&actor, organisation_id, OrgPermission::ReadMembers)?;
        let can_manage = permissions::allows(&actor, organisation_id, OrgPermission::ManageMembers);
        #[derive(FromQueryResult)]
        struct Member {
            user_id: Uuid,
            display_name: String,
            email: Option<String>,
            role: String,
            created_at: DateTime<Utc>,
        }
        let members = sql::all::<Member>(
            &self.db,
            "SELECT u.id AS user_id, u.display_name, u.email, m.role, m.created_at FROM memberships m \
             JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 \
             ORDER BY array_position(ARRAY['owner', 'publisher', 'member'], m.role), lower(u.display_name)",
            [organisation_id.into()],
        )
        .await?
        .into_iter()
        .filter_map(|m| {
            Some(MemberInfo {
                user_id: m.user_id.to_string(),
                display_name: m.display_name,
                // Addresses are for those who manage the organisation.
                email: m.email.filter(|_| can_manage),
                role: Role::from_code(&m.role)?,
                since: iso(m.created_at),
            })
        })
        .collect();
        let (mut invitations, mut requests, mut domains) = (Vec::new(), Vec::new(), Vec::new());
        if can_manage {
            #[derive(FromQueryResult)]
            struct Invitation {
                id: Uuid,
                email: String,
                role: String,
                expires_at: DateTime<Utc>,
            }
            invitations = sql::all::<Invitation>(
                &self.db,
                "SELECT id, email, role, expires_at FROM invitations WHERE organisation_id = $1 \
                 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at",
                [organisation_id.into()],
            )
            .await?
            .into_iter()
            .filter_map(|i| {
                Some(InvitationInfo {
                    id: i.id.to_string(),
                    email: i.email,
                    role: Role::from_code(&i.role)?,
                    expires_at: iso(i.expires_at),
                })
            })
            .collect();
            #[derive(FromQueryResult)]
            struct Request {
                id: Uuid,
                display_name: String,
                message: String,
                created_at: DateTime<Utc>,
            }
            requests = sql::all::<Request>(
                &self.db,
                "SELECT r.id, u.display_name, r.message, r.created_at FROM join_requests r JOIN users u ON u.id = r.user_id \
                 WHERE r.organisation_id = $1 AND r.status = 'pending' ORDER BY r.created_at",
                [organisation_id.into()],
            )
            .await?
            .into_iter()
            .map(|r| JoinRequestInfo {
                id: r.id.to_string(),
                display_name: r.display_name,
                message: r.message,
                created_at: iso(r.created_at),
            })
            .collect();
            #[derive(FromQueryResult)]
            struct Domain {
                domain: String,
            }
            domains = sql::all::<Domain>(
                &self.db,
                "SELECT domain FROM organisation_domains WHERE organisation_id = $1 ORDER BY domain",
                [organisation_id.into()],
            )
            .await?
            .into_iter()
            .map(|d| d.domain)
            .collect();
        }
        Ok(MembersPageData {
            organisation: self.summary_of(slug, locale).await?,
            can_manage,
            members,
            invitations,
            requests,
            domains,
        })
    }

    async fn invitation(&self, token: &str, locale: Locale) -> Result<InvitationPageData, AppError> {
        #[derive(FromQueryResult)]
        struct Invitation {
            slug: String,
            email: String,
            role: String,
        }
        let invitation = sql::one::<Invitation>(
            &self.db,
            "SELECT o.slug, i.email, i.role FROM invitations i JOIN organisations o ON o.id = i.organisation_id \
             WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()",
            [secret_token::hash(token).into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        Ok(InvitationPageData {
            organisation: self.summary_of(&invitation.slug, locale).await?,
            email: invitation.email,
            role: Role::from_code(&invitation.role).ok_or(AppError::Internal)?,
        })
    }

    async fn admin(&self, viewer: &Viewer, locale: Locale) -> Result<AdminPageData, AppError> {
        let actor = actor_of(viewer)?;
        permissions::require_site_admin(&actor)?;
        #[derive(FromQueryResult)]
        struct User {
            id: Uuid,
            display_name: String,
            email: Option<String>,
            is_site_admin: bool,
            created_at: DateTime<Utc>,
            last_login_at: Option<DateTime<Utc>>,
        }
        let users = sql::all::<User>(
            &self.db,
            "SELECT id, display_name, email, is_site_admin, created_at, last_login_at FROM users \
             WHERE deleted_at IS NULL ORDER BY is_site_admin DESC, lower(display_name) LIMIT 500",
            [],
        )
        .await?
        .into_iter()
        .map(|u| AdminUser {
            id: u.id.to_string(),
            display_name: u.display_name,
            email: u.email,
            is_site_admin: u.is_site_admin,
            created_at: iso(u.created_at),
            last_login_at: u.last_login_at.map(iso),
        })
        .collect();
        Ok(AdminPageData {
            users,
            organisations: self.summaries("true", vec![], locale).await?,
        })
    }

    async fn organisation_form(
        &self,
        viewer: &Viewer,
        slug: &str,
    ) -> Result<app::directory::editing::OrganisationForm, AppError> {
        let actor = actor_of(viewer)?;
        Accounts::organisation_form(self, &actor, slug).await
    }

    async fn audit(
        &self,
        viewer: &Viewer,
        slug: Option<&str>,
        page: u32,
        locale: Locale,
    ) -> Result<AuditPageData, AppError> {
        let actor = actor_of(viewer)?;
        let organisation_id = match slug {
            Some(slug) => {
                let id = organisation_id(&self.db, slug).await?;
                permissions::require(&actor, id, OrgPermission::ReadAudit)?;
                Some(id)
            }
            None => {
                permissions::require_site_admin(&actor)?;
                None
            }
        };
        let page = page.max(1);
        #[derive(FromQueryResult)]
        struct Entry {
            occurred_at: DateTime<Utc>,
            actor: Option<String>,
            organisation: Option<String>,
            action: String,
            subject: String,
            ip: Option<String>,
        }
        let mut entries = sql::all::<Entry>(
            &self.db,
            "SELECT e.occurred_at, CASE WHEN u.deleted_at IS NULL THEN u.display_name ELSE u.pseudonym END AS actor, \
                    o.name_de AS organisation, e.action, e.subject, e.ip \
             FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN organisations o ON o.id = e.organisation_id \
             WHERE ($1::uuid IS NULL OR e.organisation_id = $1) \
             ORDER BY e.occurred_at DESC, e.id DESC LIMIT $2 OFFSET $3",
            [
                organisation_id.into(),
                ((AUDIT_PAGE + 1) as i64).into(),
                (((page - 1) as u64 * AUDIT_PAGE) as i64).into(),
            ],
        )
        .await?;
        let has_more = entries.len() as u64 > AUDIT_PAGE;
        entries.truncate(AUDIT_PAGE as usize);
        Ok(AuditPageData {
            organisation: match slug {
                Some(slug) => Some(self.summary_of(slug, locale).await?),
                None => None,
            },
            entries: entries
                .into_iter()
                .map(|e| AuditEntry {
                    occurred_at: iso(e.occurred_at),
                    actor: e.actor,
                    organisation: e.organisation,
                    action: e.action,
                    subject: e.subject,
                    // Addresses are for the site's administrators only.
                    ip: e.ip.filter(|_| actor.is_site_admin),
                })
                .collect(),
            page,
            has_more,
        })
    }
}
