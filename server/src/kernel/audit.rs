//! The audit log: security-relevant and administrative events, written in the
//! same transaction as the change they record (by [`super::change`]).

use super::ids::{OrganisationId, UserId};
use crate::db::sql;
use app::error::AppError;
use sea_orm::ConnectionTrait;
use std::net::IpAddr;

crate::closed_set! {
    /// Every action the log may hold; the pages translate each as
    /// `audit.action.<code>`, and `audit_events.action` allows exactly these.
    pub enum AuditAction {
        AccountCreated = "account_created",
        AccountDeleted = "account_deleted",
        EmailVerified = "email_verified",
        Login = "login",
        LoginFailed = "login_failed",
        LoginLocked = "login_locked",
        LogoutEverywhere = "logout_everywhere",
        PasswordResetRequested = "password_reset_requested",
        PasswordReset = "password_reset",
        ProfileUpdated = "profile_updated",
        MemberAdded = "member_added",
        MemberRemoved = "member_removed",
        RoleChanged = "role_changed",
        InvitationCreated = "invitation_created",
        InvitationRevoked = "invitation_revoked",
        InvitationAccepted = "invitation_accepted",
        JoinRequested = "join_requested",
        JoinApproved = "join_approved",
        JoinDeclined = "join_declined",
        DomainAdded = "domain_added",
        DomainRemoved = "domain_removed",
        DomainJoined = "domain_joined",
        TokenCreated = "token_created",
        TokenRevoked = "token_revoked",
        OrganisationCreated = "organisation_created",
        OrganisationUpdated = "organisation_updated",
        OrganisationVerified = "organisation_verified",
        OrganisationUnverified = "organisation_unverified",
        SiteAdminChanged = "site_admin_changed",
        SoftwarePublished = "software_published",
        SoftwareDeactivated = "software_deactivated",
        RepositoryRegistered = "repository_registered",
        RepositoryRemoved = "repository_removed",
        WebhookSecretRotated = "webhook_secret_rotated",
        WebhookRefused = "webhook_refused",
        SyncRequeued = "sync_requeued",
        AgreementOpened = "agreement_opened",
        AgreementStep = "agreement_step",
        UsageDeclared = "usage_declared",
        UsageRenewed = "usage_renewed",
        UsageWithdrawn = "usage_withdrawn",
        GroupCreated = "group_created",
        GroupUpdated = "group_updated",
        GroupJoined = "group_joined",
        GroupLeft = "group_left",
        GroupJoinRequested = "group_join_requested",
        GroupMemberChanged = "group_member_changed",
        ThreadStarted = "thread_started",
        ThreadModerated = "thread_moderated",
        PostEdited = "post_edited",
        PostFlagged = "post_flagged",
        PostModerated = "post_moderated",
    }
}

/// One event to record.
pub struct Event {
    pub action: AuditAction,
    pub actor: Option<UserId>,
    pub organisation: Option<OrganisationId>,
    pub subject: String,
    pub details: serde_json::Value,
    pub ip: Option<IpAddr>,
}

impl Event {
    pub fn new(action: AuditAction) -> Event {
        Event {
            action,
            actor: None,
            organisation: None,
            subject: String::new(),
            details: serde_json::Value::Object(Default::default()),
            ip: None,
        }
    }

    pub fn actor(mut self, actor: UserId) -> Self {
        self.actor = Some(actor);
        self
    }

    pub fn actor_opt(mut self, actor: Option<UserId>) -> Self {
        self.actor = actor.or(self.actor);
        self
    }

    pub fn organisation(mut self, organisation: OrganisationId) -> Self {
        self.organisation = Some(organisation);
        self
    }

    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = subject.into();
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }

    pub fn ip(mut self, ip: Option<IpAddr>) -> Self {
        self.ip = ip;
        self
    }

    pub async fn record(self, c: &impl ConnectionTrait) -> Result<(), AppError> {
        sql::exec(
            c,
            "INSERT INTO audit_events (action, actor_id, organisation_id, subject, details, ip) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            [
                self.action.into(),
                self.actor.into(),
                self.organisation.into(),
                self.subject.into(),
                self.details.into(),
                self.ip.map(|ip| ip.to_string()).into(),
            ],
        )
        .await
        .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use app::i18n::{message_owned, Locale};

    /// The pages translate action codes and scopes as data: each needs its label.
    #[test]
    fn every_action_and_scope_has_a_label_in_both_languages() {
        let keys = super::AuditAction::ALL
            .iter()
            .map(|a| format!("audit.action.{a}"))
            .chain(
                super::super::permissions::Scope::ALL
                    .iter()
                    .map(|s| format!("tokens.scope.{}", s.code().replace(':', "_"))),
            );
        for key in keys {
            for locale in Locale::ALL {
                assert_ne!(message_owned(locale, &key), key, "{key} missing for {locale:?}");
            }
        }
    }
}
