//! Composing a person's notification mail: one notification at once, or a
//! day's or a week's in a digest, in their language, with a one-click
//! unsubscribe. The notifications are marked mailed and the mail queued in
//! one transaction, so each goes out once; SMTP is the `SendMail` job's.

use super::delivery::{Delivery, DigestJob};
use super::unsubscribe::new_key;
use super::NoticeKind;
use crate::db::sql;
use crate::kernel::jobs::{Job, Mail};
use crate::kernel::{Permission, Tx, Who};
use crate::mail::signature;
use app::error::AppError;
use app::i18n::{message, message_with, Locale};
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, FromQueryResult};
use url::Url;

#[derive(FromQueryResult)]
struct Recipient {
    email: String,
    locale: String,
}

#[derive(FromQueryResult)]
pub(super) struct Row {
    pub kind: String,
    pub subject: String,
    pub actor_name: Option<String>,
    pub link: String,
    pub created_at: DateTime<Utc>,
}

/// The sentence for one notification, in `locale`.
pub fn sentence(locale: Locale, kind: NoticeKind, subject: &str, actor: Option<&str>) -> String {
    let key = match kind {
        NoticeKind::JoinRequest => "notification.join_request",
        NoticeKind::Invitation => "notification.invitation",
        NoticeKind::SyncFailed => "notification.sync_failed",
        NoticeKind::EntryDeactivated => "notification.entry_deactivated",
        NoticeKind::ReuseRequested => "notification.reuse_requested",
        NoticeKind::AgreementStep => "notification.agreement_step",
        NoticeKind::UsageDeclared => "notification.usage_declared",
        NoticeKind::UsageExpiring => "notification.usage_expiring",
        NoticeKind::GroupJoinRequest => "notification.group_join_request",
        NoticeKind::GroupAdmitted => "notification.group_admitted",
        NoticeKind::GroupReply => "notification.group_reply",
        NoticeKind::GroupFlagged => "notification.group_flagged",
    };
    let someone = message(locale, "notification.someone");
    message_with(
        locale,
        key,
        &[("actor", actor.unwrap_or(someone)), ("subject", subject)],
    )
}

pub async fn compose(db: &DatabaseConnection, public_url: &Url, job: &DigestJob) -> Result<(), AppError> {
    let base = public_url.as_str().trim_end_matches('/').to_owned();
    let tx = Tx::begin(db, Who::anonymous(None), Permission::Public).await?;
    // Only to a confirmed address of an account that still exists.
    let Some(to) = sql::one::<Recipient>(
        &tx,
        "SELECT email, locale FROM users WHERE id = $1 AND deleted_at IS NULL AND email IS NOT NULL AND email_verified",
        [job.user.into()],
    )
    .await?
    else {
        return Ok(());
    };
    // Still wanted this way (the person may have changed their mind
    // since it was queued), not yet mailed, not yet read on the site.
    let mut rows = sql::all::<Row>(
        &tx,
        "UPDATE notifications n SET mailed_at = now() FROM notification_settings s \
         WHERE n.user_id = $1 AND n.mailed_at IS NULL AND n.read_at IS NULL \
           AND s.user_id = n.user_id AND s.kind = n.kind AND s.delivery = $2 \
           AND ($3::text IS NULL OR n.kind = $3) \
         RETURNING n.kind, n.subject, n.actor_name, n.link, n.created_at",
        [
            job.user.into(),
            job.delivery.into(),
            job.kind.map(|k| k.code().to_owned()).into(),
        ],
    )
    .await?;
    if rows.is_empty() {
        return Ok(());
    }
    rows.sort_by_key(|r| r.created_at);
    let locale = Locale::from_tag(&to.locale).unwrap_or_default();
    let scope = job.kind.map(NoticeKind::code).unwrap_or("digest");
    let key = new_key(&tx, job.user, scope).await?;
    let unsubscribe = format!("{base}/benachrichtigungen/abbestellen?key={key}");
    let (subject, body) = text(locale, job.delivery, &rows, &base, &unsubscribe);
    tx.enqueue(Job::SendMail(Mail {
        to: to.email,
        subject,
        body,
        unsubscribe: Some(unsubscribe),
    }))
    .await?;
    tx.done(()).await
}

fn text(locale: Locale, delivery: Delivery, rows: &[Row], base: &str, unsubscribe: &str) -> (String, String) {
    let lines: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let kind = NoticeKind::from_code(&r.kind)?;
            Some(format!(
                "- {}\n  {base}{}",
                sentence(locale, kind, &r.subject, r.actor_name.as_deref()),
                r.link
            ))
        })
        .collect();
    let count = rows.len().to_string();
    let subject = match (delivery, rows) {
        (Delivery::Immediately, [one]) => NoticeKind::from_code(&one.kind)
            .map(|k| sentence(locale, k, &one.subject, one.actor_name.as_deref()))
            .unwrap_or_default(),
        (Delivery::Daily, _) => message_with(locale, "notification.mail.subject_daily", &[("count", &count)]),
        (Delivery::Weekly, _) => message_with(locale, "notification.mail.subject_weekly", &[("count", &count)]),
        _ => message_with(locale, "notification.mail.subject_many", &[("count", &count)]),
    };
    let body = format!(
        "{}\n\n{}\n\n{}\n{base}/benachrichtigungen\n\n{}\n{base}/benachrichtigungen#einstellungen\n{}\n{unsubscribe}{}",
        message(locale, "notification.mail.greeting"),
        lines.join("\n\n"),
        message(locale, "notification.mail.all"),
        message(locale, "notification.mail.why"),
        message(locale, "notification.mail.unsubscribe"),
        signature(locale),
    );
    (subject, body)
}
