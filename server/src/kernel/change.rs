//! One path for every change: [`Tx::begin`] opens the transaction and
//! checks the actor's permission; the service's own rule runs on it;
//! [`Tx::done`] records the rule's audit events and commits. Returning
//! early with an error drops the `Tx`, which rolls everything back.
//! Effects (mail, notifications, syncs) are jobs the rule writes with
//! [`Tx::enqueue`] into the same transaction: a rolled-back change sends
//! nothing, a committed one loses nothing, and no transaction waits on
//! SMTP. The workers run them after commit (`NOTIFY` is delivered then).
//!
//! ```ignore
//! let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::In(slug, OrgPermission::ManageMembers)).await?;
//! sql::exec(&tx, "UPDATE ...", [tx.organisation().into()]).await?;
//! tx.record(Event::new(AuditAction::RoleChanged).subject(&email));
//! tx.done(()).await
//! ```
//!
//! A guard rather than a closure (Lemmy's `run_transaction`): an async
//! closure's future cannot be proven `Send` on stable Rust, and every
//! handler's future must be.

use super::actor::Actor;
use super::audit::Event;
use super::ids::{OrganisationId, UserId};
use super::jobs::{self, Job};
use super::map_db_error;
use super::permissions::{self, OrgPermission};
use crate::db::sql;
use app::error::AppError;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult, QueryResult, Statement,
    TransactionTrait,
};
use std::net::IpAddr;
use std::sync::Mutex;

/// Who makes the change, and from where: whose permissions are checked
/// (`actor`), who the audit log names and notifications leave out (`user`),
/// and the address.
#[derive(Clone, Copy)]
pub struct Who<'a> {
    pub actor: Option<&'a Actor>,
    pub user: Option<UserId>,
    pub ip: Option<IpAddr>,
}

impl<'a> Who<'a> {
    pub fn actor(actor: &'a Actor, ip: Option<IpAddr>) -> Self {
        Who {
            actor: Some(actor),
            user: Some(actor.user_id),
            ip,
        }
    }

    /// Someone not signed in (registering, asking for a reset link), or the
    /// system itself (a sync, the seed).
    pub fn anonymous(ip: Option<IpAddr>) -> Self {
        Who {
            actor: None,
            user: None,
            ip,
        }
    }

    /// The system acting for a person whose permission was settled before
    /// (a sync publishing for whoever registered the repository): named in
    /// the log, left out of notifications, holding no permission here.
    pub fn on_behalf_of(user: Option<UserId>, ip: Option<IpAddr>) -> Self {
        Who { actor: None, user, ip }
    }
}

/// What the change needs; checked inside the transaction, before the rule.
#[derive(Clone, Copy, Debug)]
pub enum Permission<'s> {
    /// Anyone: the rule itself decides (a token, a verified address).
    Public,
    /// A signed-in person acting on their own account.
    OwnAccount,
    /// A site administrator.
    SiteAdmin,
    /// A permission in the organisation with this slug (404 if none).
    In(&'s str, OrgPermission),
    /// Anyone signed in, about the organisation with this slug (asking to
    /// join it).
    AnyoneIn(&'s str),
    /// A permission in the organisation with this id.
    InId(OrganisationId, OrgPermission),
}

/// The transaction a rule runs in: a database connection (statements and
/// entities take it as they take any connection), the organisation the
/// permission was checked in, and the audit events to record.
#[must_use = "a change is written only by `done`"]
pub struct Tx<'a> {
    txn: DatabaseTransaction,
    who: Who<'a>,
    organisation: Option<OrganisationId>,
    // A Mutex, not a RefCell: futures holding `&Tx` must stay `Send`.
    // Never held across an await.
    events: Mutex<Vec<Event>>,
}

impl<'a> Tx<'a> {
    /// Opens the transaction and checks `permission` in it; `Forbidden`,
    /// `NotFound` (an unknown organisation) or `Unauthenticated` before
    /// anything is written.
    pub async fn begin(db: &DatabaseConnection, who: Who<'a>, permission: Permission<'_>) -> Result<Tx<'a>, AppError> {
        let txn = db.begin().await.map_err(map_db_error)?;
        let organisation = authorise(&txn, who.actor, permission).await?;
        Ok(Tx {
            txn,
            who,
            organisation,
            events: Mutex::new(Vec::new()),
        })
    }

    /// Records the events and commits; returns `value`.
    pub async fn done<T>(self, value: T) -> Result<T, AppError> {
        let Tx { txn, events, .. } = self;
        for event in events.into_inner().expect("audit events") {
            event.record(&txn).await?;
        }
        txn.commit().await.map_err(map_db_error)?;
        Ok(value)
    }

    /// The organisation the permission was checked in.
    ///
    /// # Panics
    /// When the change's permission named none; that is a programming
    /// error the first test of the method finds.
    pub fn organisation(&self) -> OrganisationId {
        self.organisation
            .expect("this change's permission names no organisation")
    }

    pub fn actor_id(&self) -> Option<UserId> {
        self.who.user
    }

    /// Records `event` with the commit. Actor, organisation and address
    /// default to the change's own.
    pub fn record(&self, mut event: Event) {
        event.actor = event.actor.or(self.actor_id());
        event.organisation = event.organisation.or(self.organisation);
        event.ip = event.ip.or(self.who.ip);
        self.events.lock().expect("audit events").push(event);
    }

    /// Writes `job` into this transaction; the workers run it after commit.
    pub async fn enqueue(&self, job: Job) -> Result<(), AppError> {
        jobs::enqueue(&self.txn, job).await
    }
}

async fn authorise(
    txn: &DatabaseTransaction,
    actor: Option<&Actor>,
    permission: Permission<'_>,
) -> Result<Option<OrganisationId>, AppError> {
    let signed_in = || actor.ok_or(AppError::Forbidden);
    match permission {
        Permission::Public => Ok(None),
        Permission::OwnAccount => signed_in().map(|_| None),
        Permission::SiteAdmin => permissions::require_site_admin(signed_in()?).map(|_| None),
        Permission::In(slug, wanted) => {
            let id = organisation_by_slug(txn, slug).await?;
            permissions::require(signed_in()?, id, wanted).map(|_| Some(id))
        }
        Permission::AnyoneIn(slug) => {
            signed_in()?;
            organisation_by_slug(txn, slug).await.map(Some)
        }
        Permission::InId(id, wanted) => permissions::require(signed_in()?, id, wanted).map(|_| Some(id)),
    }
}

async fn organisation_by_slug(txn: &DatabaseTransaction, slug: &str) -> Result<OrganisationId, AppError> {
    sql::value::<OrganisationId>(
        txn,
        "SELECT id AS value FROM organisations WHERE slug = $1",
        [slug.into()],
    )
    .await?
    .ok_or(AppError::NotFound)
}

#[async_trait::async_trait]
impl ConnectionTrait for Tx<'_> {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one(stmt).await
    }

    async fn query_all(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all(stmt).await
    }
}
