//! "Your data": everything stored about a person as JSON, and deleting the
//! account. What they wrote in shared spaces stays, shown under the pseudonym.

use super::{Accounts, Actor};
use crate::db::sql;
use crate::kernel::{AuditAction, Event, Permission, Tx, UserId, Who};
use app::error::AppError;
use sea_orm::ConnectionTrait;
use std::net::IpAddr;

/// Each part of the export: a name and a query returning one JSON array.
/// Secrets (password hashes, token hashes, session ids) are never exported.
const EXPORT: [(&str, &str); 14] = [
    ("account", "SELECT coalesce(json_agg(x), '[]') AS value FROM (SELECT id, display_name, email, email_verified, locale, is_site_admin, pseudonym, created_at, last_login_at FROM users WHERE id = $1) x"),
    ("local_login", "SELECT coalesce(json_agg(x), '[]') AS value FROM (SELECT email, verified_at, password_changed_at FROM local_logins WHERE user_id = $1) x"),
    ("identities", "SELECT coalesce(json_agg(x), '[]') AS value FROM (SELECT provider, subject, email, email_verified, created_at, last_login_at FROM oidc_identities WHERE user_id = $1) x"),
    ("memberships", "SELECT coalesce(json_agg(x), '[]') AS value FROM (SELECT o.slug AS organisation, m.role, m.created_at FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = $1) x"),
    ("join_requests", "SELECT coalesce(json_agg(x), '[]') AS value FROM (SELECT o.slug AS organisation, r.message, r.status, r.created_at, r.decided_at FROM join_requests r JOIN organisations o ON o.id = r.organisation_id WHERE r.user_id = $1) x"),
    ("invitations_sent", "SELECT coalesce(json_agg(x), '[]') AS value FROM (SELECT o.slug AS organisation, i.email, i.role, i.created_at, i.accepted_at, i.revoked_at FROM invitations i JOIN organisations o ON o.id = i.organisation_id WHERE i.invited_by = $1) x"),
    ("api_tokens", "SELECT coalesce(json_agg(x), '[]') AS value FROM (SELECT t.name, t.prefix, o.slug AS organisation, t.scopes, t.created_at, t.expires_at, t.last_used_at, t.revoked_at FROM api_tokens t JOIN organisations o ON o.id = t.organisation_id WHERE t.user_id = $1) x"),
    ("sessions", "SELECT coalesce(json_agg(x), '[]') AS value FROM (SELECT created_at, updated_at, expires_at FROM sessions WHERE user_id = $1) x"),
    ("notifications", "SELECT coalesce(json_agg(x ORDER BY x.created_at), '[]') AS value FROM (SELECT kind, subject, actor_name, link, created_at, read_at, mailed_at FROM notifications WHERE user_id = $1) x"),
    ("notification_settings", "SELECT coalesce(json_agg(x), '[]') AS value FROM (SELECT kind, delivery, updated_at FROM notification_settings WHERE user_id = $1) x"),
    ("usage_declarations", "SELECT coalesce(json_agg(x), '[]') AS value FROM (SELECT s.slug AS software, o.slug AS organisation, d.version, d.use_case, d.author_id = $1 AS author, d.contact_id = $1 AS contact, d.declared_at, d.expires_at FROM usage_declarations d JOIN software s ON s.id = d.software_id JOIN organisations o ON o.id = d.organisation_id WHERE $1 IN (d.author_id, d.contact_id)) x"),
    ("working_groups", "SELECT coalesce(json_agg(x), '[]') AS value FROM (SELECT g.slug AS group, m.role, m.joined_at FROM group_members m JOIN working_groups g ON g.id = m.group_id WHERE m.user_id = $1) x"),
    ("group_posts", "SELECT coalesce(json_agg(x ORDER BY x.created_at), '[]') AS value FROM (SELECT g.slug AS group, t.number AS thread, p.number, p.body_md, p.created_at, p.edited_at FROM group_posts p JOIN group_threads t ON t.id = p.thread_id JOIN working_groups g ON g.id = t.group_id WHERE p.author_id = $1) x"),
    ("audit_events", "SELECT coalesce(json_agg(x ORDER BY x.occurred_at), '[]') AS value FROM (SELECT occurred_at, action, subject, details, ip FROM audit_events WHERE actor_id = $1) x"),
];

impl Accounts {
    pub async fn export(&self, actor: &Actor) -> Result<serde_json::Value, AppError> {
        let mut out = serde_json::Map::new();
        out.insert("format".into(), "allmende-personal-data/1".into());
        out.insert("exported_at".into(), chrono::Utc::now().to_rfc3339().into());
        for (name, query) in EXPORT {
            let value = sql::value::<serde_json::Value>(&self.db, query, [actor.user_id.into()])
                .await?
                .unwrap_or_default();
            out.insert(name.into(), value);
        }
        Ok(serde_json::Value::Object(out))
    }

    /// Deletes the account: sign-ins, sessions, tokens and memberships go;
    /// the user row stays as a pseudonym so that shared content keeps an
    /// author. Refused while the person is the last owner of an organisation.
    pub async fn delete_account(&self, actor: &Actor, confirmation: &str, ip: Option<IpAddr>) -> Result<(), AppError> {
        if confirmation.trim() != "LÖSCHEN" && confirmation.trim() != "DELETE" {
            return Err(super::validate::invalid("confirm", "account.error.confirm"));
        }
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let sole_owner = sql::value::<String>(
            &tx,
            "SELECT o.name_de AS value FROM memberships m JOIN organisations o ON o.id = m.organisation_id \
             WHERE m.user_id = $1 AND m.role = 'owner' AND NOT EXISTS ( \
                 SELECT 1 FROM memberships other WHERE other.organisation_id = m.organisation_id \
                 AND other.role = 'owner' AND other.user_id <> $1) LIMIT 1",
            [actor.user_id.into()],
        )
        .await?;
        if sole_owner.is_some() {
            return Err(AppError::Conflict("account.error.last_owner".into()));
        }
        erase(&tx, actor.user_id).await?;
        tx.record(Event::new(AuditAction::AccountDeleted));
        tx.done(()).await
    }
}

/// The tables whose rows about the person (`user_id`) go with the account.
/// A test (`accounts_data::every_reference_to_a_person_is_erased_or_kept_for_a_reason`)
/// fails for a table referring to `users` that is neither here nor in [`KEPT`].
pub const ERASED: [&str; 13] = [
    "local_logins",
    "oidc_identities",
    "sessions",
    "api_tokens",
    "memberships",
    "mail_tokens",
    "join_requests",
    "notifications",
    "notification_settings",
    "unsubscribe_keys",
    "group_members",
    "group_join_requests",
    "group_reads",
];

/// References to the person that stay, each with why: they point at the
/// user row, which stays as a pseudonym.
pub const KEPT: [(&str, &str, &str); 23] = [
    (
        "audit_events",
        "actor_id",
        "the log keeps who acted, shown as the pseudonym; subject and address are blanked",
    ),
    (
        "invitations",
        "invited_by",
        "an organisation's record of whom it invited, by the pseudonym",
    ),
    (
        "invitations",
        "accepted_by",
        "an organisation's record of who accepted, by the pseudonym",
    ),
    (
        "join_requests",
        "decided_by",
        "who decided another person's request, by the pseudonym",
    ),
    (
        "organisation_domains",
        "created_by",
        "who registered an organisation's mail domain, by the pseudonym",
    ),
    (
        "software_imports",
        "user_id",
        "a catalog entry's publication history, by the pseudonym",
    ),
    (
        "repositories",
        "created_by",
        "who registered an organisation's repository (its syncs publish in that name)",
    ),
    (
        "reuse_agreements",
        "created_by",
        "who asked for a reuse agreement, by the pseudonym",
    ),
    (
        "agreement_parties",
        "contact_id",
        "a party's named contact, by the pseudonym until the party names another",
    ),
    (
        "agreement_parties",
        "signed_by",
        "who signed for an administration: part of the agreement's record",
    ),
    (
        "agreement_history",
        "actor_id",
        "who took a step in an agreement, by the pseudonym",
    ),
    (
        "usage_declarations",
        "author_id",
        "who declared an organisation's use: the organisation's record, by the pseudonym; reminders go to its owners instead",
    ),
    (
        "usage_declarations",
        "contact_id",
        "whom to ask about an organisation's use: shown as nobody once the account is deleted",
    ),
    (
        "agreement_cost_blocks",
        "created_by",
        "who recorded a cost block: part of the agreement's record, by the pseudonym",
    ),
    (
        "agreement_documents",
        "uploaded_by",
        "who added a document to an agreement: part of its record, by the pseudonym",
    ),
    (
        "working_groups",
        "created_by",
        "who founded a working group, by the pseudonym",
    ),
    (
        "group_threads",
        "author_id",
        "who started a thread: what they wrote in a shared space stays, by the pseudonym",
    ),
    (
        "group_posts",
        "author_id",
        "who wrote a post: what they wrote in a shared space stays, by the pseudonym",
    ),
    (
        "group_post_revisions",
        "edited_by",
        "who edited a post: part of its history, by the pseudonym",
    ),
    (
        "group_posts",
        "hidden_by",
        "which moderator hid a post: the group's moderation record, by the pseudonym",
    ),
    (
        "group_flags",
        "flagged_by",
        "who flagged a post: the moderators' record of why they acted, by the pseudonym",
    ),
    (
        "group_flags",
        "resolved_by",
        "which moderator decided a flag, by the pseudonym",
    ),
    (
        "group_moderation_log",
        "moderator_id",
        "who took a step of moderation: the group's public log, by the pseudonym",
    ),
];

async fn erase(c: &impl ConnectionTrait, user_id: UserId) -> Result<(), AppError> {
    for table in ERASED {
        sql::exec(c, &format!("DELETE FROM {table} WHERE user_id = $1"), [user_id.into()]).await?;
    }
    sql::exec(
        c,
        "UPDATE users SET display_name = pseudonym, email = NULL, email_verified = false, is_site_admin = false, \
             deleted_at = now() WHERE id = $1",
        [user_id.into()],
    )
    .await?;
    // Events keep their place in the log but lose the address they named.
    sql::exec(
        c,
        "UPDATE audit_events SET subject = '', ip = NULL WHERE actor_id = $1",
        [user_id.into()],
    )
    .await?;
    Ok(())
}
