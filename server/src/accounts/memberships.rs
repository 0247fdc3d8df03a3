//! Who belongs to which administration: invitations from owners, requests
//! that owners approve, and mail domains that admit verified addresses.

use super::secret_token::{self, SecretToken};
use super::validate::{self, invalid};
use super::{users, Accounts, Actor};
use crate::db::sql;
use crate::kernel::jobs::Job;
use crate::kernel::{AuditAction, Event, OrgPermission, OrganisationId, Permission, Tx, UserId, Who};
use crate::mail::MailMessage;
use crate::notifications::{self, Notice, NoticeKind};
use app::accounts::dto::Role;
use app::error::AppError;
use app::i18n::Locale;
use sea_orm::{ConnectionTrait, FromQueryResult};
use std::net::IpAddr;
use uuid::Uuid;

const INVITATION_VALID_DAYS: i32 = 14;

/// SQL rank of a role, for "never lower a role by accident".
const RANK: &str = "array_position(ARRAY['member', 'publisher', 'owner'], ";

pub async fn organisation_id(c: &impl ConnectionTrait, slug: &str) -> Result<OrganisationId, AppError> {
    sql::value::<OrganisationId>(
        c,
        "SELECT id AS value FROM organisations WHERE slug = $1",
        [slug.into()],
    )
    .await?
    .ok_or(AppError::NotFound)
}

/// Adds a member with `role`, or raises an existing member to it; never lowers.
async fn grant(
    c: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: UserId,
    role: Role,
) -> Result<bool, AppError> {
    let changed = sql::exec(
        c,
        &format!(
            "INSERT INTO memberships (organisation_id, user_id, role) VALUES ($1, $2, $3) \
             ON CONFLICT (organisation_id, user_id) DO UPDATE SET role = excluded.role \
             WHERE {RANK}memberships.role) < {RANK}excluded.role)"
        ),
        [organisation_id.into(), user_id.into(), role.code().into()],
    )
    .await?;
    Ok(changed > 0)
}

/// Joins the organisation that registered the address's domain, as member.
pub async fn join_by_domain(tx: &Tx<'_>, user_id: UserId, email: &str) -> Result<(), AppError> {
    let Some((_, domain)) = email.rsplit_once('@') else {
        return Ok(());
    };
    let Some(organisation_id) = sql::value::<OrganisationId>(
        tx,
        "SELECT organisation_id AS value FROM organisation_domains WHERE domain = $1",
        [domain.to_lowercase().into()],
    )
    .await?
    else {
        return Ok(());
    };
    if grant(tx, organisation_id, user_id, Role::Member).await? {
        tx.record(
            Event::new(AuditAction::DomainJoined)
                .actor(user_id)
                .organisation(organisation_id)
                .subject(email),
        );
    }
    Ok(())
}

/// The member's current role, after making sure that giving them `new_role`
/// (`None`: removing them) leaves the organisation an owner. Locks the
/// organisation's row, so that two owners demoting each other at the same
/// moment cannot leave it without one.
async fn role_keeping_an_owner(
    c: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: UserId,
    new_role: Option<Role>,
) -> Result<String, AppError> {
    sql::exec(
        c,
        "SELECT 1 FROM organisations WHERE id = $1 FOR UPDATE",
        [organisation_id.into()],
    )
    .await?;
    let current = sql::value::<String>(
        c,
        "SELECT role AS value FROM memberships WHERE organisation_id = $1 AND user_id = $2",
        [organisation_id.into(), user_id.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    if current == "owner"
        && new_role != Some(Role::Owner)
        && owners_left_without(c, organisation_id, user_id).await? == 0
    {
        return Err(AppError::Conflict("members.error.last_owner".into()));
    }
    Ok(current)
}

async fn owners_left_without(
    c: &impl ConnectionTrait,
    organisation_id: OrganisationId,
    user_id: UserId,
) -> Result<i64, AppError> {
    Ok(sql::value::<i64>(
        c,
        "SELECT count(*) AS value FROM memberships WHERE organisation_id = $1 AND role = 'owner' AND user_id <> $2",
        [organisation_id.into(), user_id.into()],
    )
    .await?
    .unwrap_or(0))
}

impl Accounts {
    pub async fn invite(
        &self,
        actor: &Actor,
        slug: &str,
        email: &str,
        role: &str,
        locale: Locale,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        let mut errors = validate::Errors::default();
        let email = validate::email(email).map_err(|k| errors.add("email", k)).ok();
        let role = Role::from_code(role).or_else(|| {
            errors.add("role", "form.error.choice");
            None
        });
        let in_org = Permission::In(slug, OrgPermission::ManageMembers);
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), in_org).await?;
        errors.finish()?;
        let (email, role) = (email.unwrap_or_default(), role.unwrap_or(Role::Member));
        let token = SecretToken::generate("");
        let inserted = sql::value::<Uuid>(
            &tx,
            "INSERT INTO invitations (organisation_id, email, role, token_hash, invited_by, expires_at) \
             VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) \
             ON CONFLICT DO NOTHING RETURNING id AS value",
            [
                tx.organisation().into(),
                email.clone().into(),
                role.code().into(),
                token.hash.clone().into(),
                actor.user_id.into(),
                INVITATION_VALID_DAYS.into(),
            ],
        )
        .await?;
        if inserted.is_none() {
            return Err(invalid("email", "members.error.already_invited"));
        }
        tx.record(
            Event::new(AuditAction::InvitationCreated)
                .subject(&email)
                .details(serde_json::json!({"role": role.code()})),
        );
        let name = organisation_name(&tx, tx.organisation()).await?;
        let path = format!("/einladung?token={}", token.plain);
        let link = self.link(&path);
        let mail = MailMessage::invitation(locale, &name, &actor.display_name, &link);
        tx.enqueue(Job::mail(&email, mail)).await?;
        // The notification links to the invitation with its token, as the
        // mail does: only the invited person sees the row, and accepting
        // needs their confirmed address as well.
        notifications::notify_address(
            &tx,
            &email,
            Notice::new(NoticeKind::Invitation, &path).subject(&name).by(actor),
        )
        .await?;
        tx.done(()).await
    }

    pub async fn revoke_invitation(
        &self,
        actor: &Actor,
        slug: &str,
        id: Uuid,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        let in_org = Permission::In(slug, OrgPermission::ManageMembers);
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), in_org).await?;
        let email = sql::value::<String>(
            &tx,
            "UPDATE invitations SET revoked_at = now() \
             WHERE id = $1 AND organisation_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL \
             RETURNING email AS value",
            [id.into(), tx.organisation().into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        tx.record(Event::new(AuditAction::InvitationRevoked).subject(email));
        tx.done(()).await
    }

    /// Accepts an invitation; only the person it was sent to (by one of their
    /// verified addresses) can. Returns the organisation's slug.
    pub async fn accept_invitation(&self, actor: &Actor, token: &str, ip: Option<IpAddr>) -> Result<String, AppError> {
        #[derive(FromQueryResult)]
        struct Invitation {
            id: Uuid,
            organisation_id: OrganisationId,
            slug: String,
            email: String,
            role: String,
        }
        // The token is the permission; the address check below the rest.
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let invitation = sql::one::<Invitation>(
            &tx,
            "SELECT i.id, i.organisation_id, o.slug, i.email, i.role FROM invitations i \
             JOIN organisations o ON o.id = i.organisation_id \
             WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now() \
             FOR UPDATE OF i",
            [secret_token::hash(token).into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        // The link alone is not enough: it may have been forwarded.
        if !users::verified_emails(&tx, actor.user_id)
            .await?
            .contains(&invitation.email)
        {
            return Err(AppError::Forbidden);
        }
        let role = Role::from_code(&invitation.role).ok_or(AppError::Internal)?;
        grant(&tx, invitation.organisation_id, actor.user_id, role).await?;
        sql::exec(
            &tx,
            "UPDATE invitations SET accepted_at = now(), accepted_by = $2 WHERE id = $1",
            [invitation.id.into(), actor.user_id.into()],
        )
        .await?;
        tx.record(
            Event::new(AuditAction::InvitationAccepted)
                .organisation(invitation.organisation_id)
                .subject(&invitation.email)
                .details(serde_json::json!({"role": role.code()})),
        );
        tx.done(invitation.slug).await
    }

    pub async fn request_membership(
        &self,
        actor: &Actor,
        slug: &str,
        message: &str,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        let message = message.trim();
        if message.chars().count() > 1000 {
            return Err(invalid("message", "form.error.too_long"));
        }
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::AnyoneIn(slug)).await?;
        let org = tx.organisation();
        if actor.role_in(org).is_some() {
            return Err(AppError::Conflict("members.error.already_member".into()));
        }
        let inserted = sql::exec(
            &tx,
            "INSERT INTO join_requests (organisation_id, user_id, message) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            [org.into(), actor.user_id.into(), message.into()],
        )
        .await?;
        if inserted == 0 {
            return Err(AppError::Conflict("members.error.request_pending".into()));
        }
        tx.record(Event::new(AuditAction::JoinRequested));
        let name = organisation_name(&tx, org).await?;
        let notice = Notice::new(NoticeKind::JoinRequest, &format!("/verwaltungen/{slug}/mitglieder"))
            .subject(&name)
            .by(actor);
        notifications::notify_owners(&tx, org, notice).await?;
        tx.done(()).await
    }

    pub async fn decide_request(
        &self,
        actor: &Actor,
        slug: &str,
        id: Uuid,
        approve: bool,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        let in_org = Permission::In(slug, OrgPermission::ManageMembers);
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), in_org).await?;
        let user_id = sql::value::<UserId>(
            &tx,
            "UPDATE join_requests SET status = $3, decided_by = $4, decided_at = now() \
             WHERE id = $1 AND organisation_id = $2 AND status = 'pending' RETURNING user_id AS value",
            [
                id.into(),
                tx.organisation().into(),
                if approve { "approved" } else { "declined" }.into(),
                actor.user_id.into(),
            ],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        if approve {
            grant(&tx, tx.organisation(), user_id, Role::Member).await?;
        }
        let name = display_name(&tx, user_id).await?;
        let action = if approve {
            AuditAction::JoinApproved
        } else {
            AuditAction::JoinDeclined
        };
        tx.record(Event::new(action).subject(name));
        tx.done(()).await
    }

    pub async fn change_role(
        &self,
        actor: &Actor,
        slug: &str,
        user_id: UserId,
        role: &str,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        let role = Role::from_code(role).ok_or_else(|| invalid("role", "form.error.choice"))?;
        let in_org = Permission::In(slug, OrgPermission::ManageMembers);
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), in_org).await?;
        let current = role_keeping_an_owner(&tx, tx.organisation(), user_id, Some(role)).await?;
        sql::exec(
            &tx,
            "UPDATE memberships SET role = $3 WHERE organisation_id = $1 AND user_id = $2",
            [tx.organisation().into(), user_id.into(), role.code().into()],
        )
        .await?;
        let name = display_name(&tx, user_id).await?;
        tx.record(
            Event::new(AuditAction::RoleChanged)
                .subject(name)
                .details(serde_json::json!({"from": current, "to": role.code()})),
        );
        tx.done(()).await
    }

    /// Removes a member; owners remove anyone, every member may leave.
    pub async fn remove_member(
        &self,
        actor: &Actor,
        slug: &str,
        user_id: UserId,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        let needed = if user_id == actor.user_id {
            OrgPermission::ReadMembers
        } else {
            OrgPermission::ManageMembers
        };
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::In(slug, needed)).await?;
        role_keeping_an_owner(&tx, tx.organisation(), user_id, None).await?;
        sql::exec(
            &tx,
            "DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2",
            [tx.organisation().into(), user_id.into()],
        )
        .await?;
        let name = display_name(&tx, user_id).await?;
        tx.record(Event::new(AuditAction::MemberRemoved).subject(name));
        tx.done(()).await
    }

    /// Registers a mail domain. Since it admits people automatically, only a
    /// verified organisation's owner or a site administrator may.
    pub async fn add_domain(
        &self,
        actor: &Actor,
        slug: &str,
        domain: &str,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        let domain = validate::mail_domain(domain).map_err(|k| invalid("domain", k))?;
        let in_org = Permission::In(slug, OrgPermission::ManageMembers);
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), in_org).await?;
        let verified = sql::value::<bool>(
            &tx,
            "SELECT verified AS value FROM organisations WHERE id = $1",
            [tx.organisation().into()],
        )
        .await?
        .unwrap_or(false);
        if !verified && !actor.is_site_admin {
            return Err(AppError::Conflict("members.error.domain_unverified".into()));
        }
        let inserted = sql::exec(
            &tx,
            "INSERT INTO organisation_domains (domain, organisation_id, created_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            [domain.clone().into(), tx.organisation().into(), actor.user_id.into()],
        )
        .await?;
        if inserted == 0 {
            return Err(invalid("domain", "members.error.domain_taken"));
        }
        tx.record(Event::new(AuditAction::DomainAdded).subject(&domain));
        tx.done(()).await
    }

    pub async fn remove_domain(
        &self,
        actor: &Actor,
        slug: &str,
        domain: &str,
        ip: Option<IpAddr>,
    ) -> Result<(), AppError> {
        let in_org = Permission::In(slug, OrgPermission::ManageMembers);
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), in_org).await?;
        let removed = sql::exec(
            &tx,
            "DELETE FROM organisation_domains WHERE domain = $1 AND organisation_id = $2",
            [domain.to_lowercase().into(), tx.organisation().into()],
        )
        .await?;
        if removed == 0 {
            return Err(AppError::NotFound);
        }
        tx.record(Event::new(AuditAction::DomainRemoved).subject(domain));
        tx.done(()).await
    }
}

async fn organisation_name(c: &impl ConnectionTrait, id: OrganisationId) -> Result<String, AppError> {
    Ok(sql::value::<String>(
        c,
        "SELECT name_de AS value FROM organisations WHERE id = $1",
        [id.into()],
    )
    .await?
    .unwrap_or_default())
}

async fn display_name(c: &impl ConnectionTrait, user_id: UserId) -> Result<String, AppError> {
    Ok(sql::value::<String>(
        c,
        "SELECT CASE WHEN deleted_at IS NULL THEN display_name ELSE pseudonym END AS value FROM users WHERE id = $1",
        [user_id.into()],
    )
    .await?
    .unwrap_or_default())
}
