//! Telling people what happened: a row per person and event (Discourse's
//! notifications), shown in the header's badge and on `/benachrichtigungen`,
//! and by mail only to those who asked for it, per kind: at once, in a daily
//! or a weekly digest (`delivery`). A domain adds a kind to [`NoticeKind`]
//! (and the `CHECK`s), its texts to the translation files, and calls
//! [`notify`] or one of its neighbours inside its change; nothing else.

mod delivery;
mod digest;
mod reads;
mod service;
mod unsubscribe;

pub use delivery::{next_digest, opt_in, send_due_digests, Delivery, DigestJob};
pub use digest::{compose, sentence};
pub use service::Notifications;

use crate::db::sql;
use crate::entities::notifications;
use crate::kernel::{Actor, OrganisationId, Tx, UserId};
use app::accounts::dto::Role;
use app::error::AppError;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

crate::closed_set! {
    /// What a notification is about; `notifications.kind` allows exactly
    /// these. The page and the mail say it as `notification.<code>`.
    pub enum NoticeKind {
        /// Someone asks to join an organisation (to its owners).
        JoinRequest = "join_request",
        /// An organisation invites the person (to the invited address).
        Invitation = "invitation",
        /// A repository's sync failed for good (to its publishers).
        SyncFailed = "sync_failed",
        /// A newly published file made an entry inactive (to its publishers).
        EntryDeactivated = "entry_deactivated",
        /// An administration asks to reuse an entry (to the provider's publishers).
        ReuseRequested = "reuse_requested",
        /// An agreement took a step (to the other parties' publishers).
        AgreementStep = "agreement_step",
        /// An organisation declared that it uses an entry (to the entry's
        /// publishers: whom a release concerns).
        UsageDeclared = "usage_declared",
        /// A usage declaration lapses soon unless renewed (to its author).
        UsageExpiring = "usage_expiring",
        /// Someone asks to join a working group (to its chairs and moderators).
        GroupJoinRequest = "group_join_request",
        /// The person's request to join a group was granted.
        GroupAdmitted = "group_admitted",
        /// Someone answered one of the person's posts.
        GroupReply = "group_reply",
        /// A reader flagged a post (to the group's chairs and moderators).
        GroupFlagged = "group_flagged",
    }
}

impl NoticeKind {
    /// Whether a person may have the kind mailed. An invitation arrives as
    /// its own mail already; telling it twice would be noise.
    pub fn mailable(self) -> bool {
        !matches!(self, NoticeKind::Invitation)
    }
}

/// One event to tell: its kind, where to look (a path on this site), what
/// it is about and who caused it.
#[derive(Clone, Debug)]
pub struct Notice {
    pub kind: NoticeKind,
    pub link: String,
    pub subject: String,
    pub actor_name: Option<String>,
}

impl Notice {
    pub fn new(kind: NoticeKind, link: &str) -> Notice {
        Notice {
            kind,
            link: link.to_owned(),
            subject: String::new(),
            actor_name: None,
        }
    }

    pub fn subject(mut self, subject: &str) -> Notice {
        self.subject = subject.chars().take(300).collect();
        self
    }

    pub fn by(mut self, actor: &Actor) -> Notice {
        self.actor_name = Some(actor.display_name.clone());
        self
    }
}

/// Tells `user`, in the change's transaction; a rolled-back change tells
/// nobody. The person who caused the event is not told of it.
pub async fn notify(tx: &Tx<'_>, user: UserId, notice: &Notice) -> Result<(), AppError> {
    if tx.actor_id() == Some(user) {
        return Ok(());
    }
    // Through the entity, as new domains write; the database fills in
    // the id and the time.
    notifications::ActiveModel {
        user_id: Set(user),
        kind: Set(notice.kind.code().to_owned()),
        subject: Set(notice.subject.clone()),
        actor_name: Set(notice.actor_name.clone()),
        link: Set(notice.link.clone()),
        ..Default::default()
    }
    .insert(tx)
    .await
    .map_err(crate::kernel::map_db_error)?;
    delivery::schedule(tx, user, notice.kind).await
}

async fn notify_all(tx: &Tx<'_>, users: Vec<UserId>, notice: &Notice) -> Result<(), AppError> {
    for user in users {
        notify(tx, user, notice).await?;
    }
    Ok(())
}

/// Tells the organisation's owners.
pub async fn notify_owners(tx: &Tx<'_>, organisation: OrganisationId, notice: Notice) -> Result<(), AppError> {
    notify_roles(tx, organisation, &[Role::Owner], notice).await
}

/// Tells those who publish for the organisation (publishers and owners).
pub async fn notify_publishers(tx: &Tx<'_>, organisation: OrganisationId, notice: Notice) -> Result<(), AppError> {
    notify_roles(tx, organisation, &[Role::Owner, Role::Publisher], notice).await
}

async fn notify_roles(
    tx: &Tx<'_>,
    organisation: OrganisationId,
    roles: &[Role],
    notice: Notice,
) -> Result<(), AppError> {
    let roles: Vec<String> = roles.iter().map(|r| r.code().to_owned()).collect();
    let members = sql::values::<UserId>(
        tx,
        "SELECT user_id AS value FROM memberships WHERE organisation_id = $1 AND role = ANY($2)",
        [organisation.into(), roles.into()],
    )
    .await?;
    notify_all(tx, members, &notice).await
}

/// Tells whoever has confirmed `email` as theirs (nobody, if no account
/// has: the invitation mail itself then is all they get).
pub async fn notify_address(tx: &Tx<'_>, email: &str, notice: Notice) -> Result<(), AppError> {
    let people = sql::values::<UserId>(
        tx,
        "SELECT id AS value FROM users WHERE deleted_at IS NULL AND email_verified AND lower(email) = $1 \
         UNION SELECT l.user_id FROM local_logins l JOIN users u ON u.id = l.user_id \
             WHERE u.deleted_at IS NULL AND l.email = $1 AND l.verified_at IS NOT NULL",
        [email.to_lowercase().into()],
    )
    .await?;
    notify_all(tx, people, &notice).await
}
