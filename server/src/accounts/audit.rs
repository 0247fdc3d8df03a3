//! The audit log: security-relevant and administrative events, written in the
//! same transaction as the change they record.

use crate::db::sql;
use app::error::AppError;
use sea_orm::ConnectionTrait;
use std::net::IpAddr;
use uuid::Uuid;

/// One event to record. `action` is a short code (`login_failed`); the pages
/// translate it as `audit.action.<code>`.
pub struct Event<'a> {
    pub action: &'static str,
    pub actor: Option<Uuid>,
    pub organisation: Option<Uuid>,
    pub subject: &'a str,
    pub details: serde_json::Value,
    pub ip: Option<IpAddr>,
}

impl<'a> Event<'a> {
    pub fn new(action: &'static str) -> Event<'a> {
        Event {
            action,
            actor: None,
            organisation: None,
            subject: "",
            details: serde_json::Value::Object(Default::default()),
            ip: None,
        }
    }

    pub fn actor(mut self, actor: Uuid) -> Self {
        self.actor = Some(actor);
        self
    }

    pub fn actor_opt(mut self, actor: Option<Uuid>) -> Self {
        if let Some(actor) = actor {
            self = self.actor(actor);
        }
        self
    }

    pub fn organisation(mut self, organisation: Uuid) -> Self {
        self.organisation = Some(organisation);
        self
    }

    pub fn subject(mut self, subject: &'a str) -> Self {
        self.subject = subject;
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

/// Every action code the log may hold; the catalog has a label for each.
pub const ACTIONS: [&str; 36] = [
    "account_created",
    "account_deleted",
    "email_verified",
    "login",
    "login_failed",
    "login_locked",
    "logout_everywhere",
    "password_reset_requested",
    "password_reset",
    "profile_updated",
    "member_added",
    "member_removed",
    "role_changed",
    "invitation_created",
    "invitation_revoked",
    "invitation_accepted",
    "join_requested",
    "join_approved",
    "join_declined",
    "domain_added",
    "domain_removed",
    "domain_joined",
    "token_created",
    "token_revoked",
    "organisation_created",
    "organisation_updated",
    "organisation_verified",
    "organisation_unverified",
    "site_admin_changed",
    "software_published",
    "software_deactivated",
    "repository_registered",
    "repository_removed",
    "webhook_secret_rotated",
    "webhook_refused",
    "sync_requeued",
];

#[cfg(test)]
mod tests {
    use app::i18n::{message_owned, Locale};

    /// The pages translate action codes and scopes as data: each needs its label.
    #[test]
    fn every_action_and_scope_has_a_label_in_both_languages() {
        let keys = super::ACTIONS.iter().map(|a| format!("audit.action.{a}")).chain(
            super::super::policy::SCOPES
                .iter()
                .map(|(s, _)| format!("tokens.scope.{}", s.replace(':', "_"))),
        );
        for key in keys {
            for locale in Locale::ALL {
                assert_ne!(message_owned(locale, &key), key, "{key} missing for {locale:?}");
            }
        }
    }
}
