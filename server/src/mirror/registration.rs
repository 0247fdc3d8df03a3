//! What publishers do with repositories: register one for their
//! organisation (checked and queued at once), ask for a sync, rotate the
//! webhook secret, remove it. Permission is checked here, whatever the
//! page showed.

use super::policy::{parse_repository_url, UrlRefusal};
use super::{queue, Mirror};
use crate::accounts::Actor;
use crate::catalog::url_key;
use crate::db::sql;
use crate::kernel::RepositoryId;
use crate::kernel::{AuditAction, Event, OrgPermission, OrganisationId, Permission, Tx, Who};
use app::error::{AppError, FieldError};
use rand::RngCore;
use std::net::IpAddr;

/// A new random webhook secret (256 bits, hex).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn invalid(refusal: &UrlRefusal) -> AppError {
    AppError::Invalid(vec![FieldError::new(
        "url",
        &format!("mirror.error.{}", refusal.code()),
    )])
}

impl Mirror {
    /// Registers `input` for the organisation and queues the first sync.
    pub async fn register(
        &self,
        actor: &Actor,
        org_slug: &str,
        input: &str,
        ip: Option<IpAddr>,
    ) -> Result<RepositoryId, AppError> {
        // The permission first: a stranger learns nothing about the address.
        let org_id = crate::accounts::memberships::organisation_id(&self.db, org_slug).await?;
        crate::kernel::permissions::require(actor, org_id, OrgPermission::Publish)?;
        let url = parse_repository_url(input).map_err(|r| invalid(&r))?;
        // The address check runs again before every fetch; here it gives
        // the publisher an answer at once.
        let target = self.settings.policy.check(&url).await.map_err(|r| invalid(&r))?;
        let key = url_key(url.as_str());
        let tx = Tx::begin(
            &self.db,
            Who::actor(actor, ip),
            Permission::InId(org_id, OrgPermission::Publish),
        )
        .await?;
        let existing: Option<OrganisationId> = sql::value(
            &tx,
            "SELECT organisation_id AS value FROM repositories WHERE url_key = $1",
            [key.clone().into()],
        )
        .await?;
        if let Some(owner) = existing {
            return Err(AppError::Conflict(
                if owner == org_id {
                    "mirror.error.duplicate"
                } else {
                    "mirror.error.taken"
                }
                .into(),
            ));
        }
        let id: RepositoryId = sql::value(
            &tx,
            "INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret, created_by, software_id) \
             VALUES ($1, $2, $3, $4, $5, $6, \
                     (SELECT id FROM software WHERE url_key = $3 AND organisation_id = $1 \
                      UNION ALL SELECT software_id FROM software_aliases WHERE url_key = $3 LIMIT 1)) \
             RETURNING id AS value",
            [
                org_id.into(),
                url.as_str().into(),
                key.into(),
                target.host.into(),
                new_secret().into(),
                actor.user_id.into(),
            ],
        )
        .await?
        .ok_or(AppError::Internal)?;
        queue::enqueue(&tx, id, queue::SyncReason::Registered).await?;
        tx.record(Event::new(AuditAction::RepositoryRegistered).subject(url.as_str()));
        tx.done(id).await
    }

    /// The organisation a repository belongs to, after checking `actor` may manage it.
    async fn managed(&self, actor: &Actor, id: RepositoryId) -> Result<(OrganisationId, String), AppError> {
        #[derive(sea_orm::FromQueryResult)]
        struct Owner {
            organisation_id: OrganisationId,
            url: String,
        }
        let owner: Owner = sql::one(
            &self.db,
            "SELECT organisation_id, url FROM repositories WHERE id = $1",
            [id.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        crate::kernel::permissions::require(actor, owner.organisation_id, OrgPermission::Publish)?;
        Ok((owner.organisation_id, owner.url))
    }

    pub async fn request_sync(&self, actor: &Actor, id: RepositoryId) -> Result<(), AppError> {
        self.managed(actor, id).await?;
        queue::enqueue(&self.db, id, queue::SyncReason::Manual).await
    }

    pub async fn rotate_secret(&self, actor: &Actor, id: RepositoryId, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.change_audited(
            actor,
            id,
            ip,
            AuditAction::WebhookSecretRotated,
            "UPDATE repositories SET webhook_secret = $2 WHERE id = $1",
            vec![id.into(), new_secret().into()],
        )
        .await
    }

    /// Removes the registration and its mirror. The catalog entry stays.
    pub async fn remove(&self, actor: &Actor, id: RepositoryId, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.change_audited(
            actor,
            id,
            ip,
            AuditAction::RepositoryRemoved,
            // Its waiting sync goes with it (a running one finds it gone).
            "WITH gone AS (DELETE FROM repositories WHERE id = $1 RETURNING id) \
             DELETE FROM jobs WHERE unique_key = (SELECT 'sync:' || id FROM gone) AND state = 'queued'",
            vec![id.into()],
        )
        .await?;
        // A running job may still write into it; it is a cache, so a leftover
        // directory is harmless and the next registration starts afresh.
        let _ = std::fs::remove_dir_all(self.path_of(id));
        Ok(())
    }

    /// One change to a repository its manager makes, with its audit event.
    async fn change_audited(
        &self,
        actor: &Actor,
        id: RepositoryId,
        ip: Option<IpAddr>,
        action: AuditAction,
        statement: &str,
        values: Vec<sea_orm::Value>,
    ) -> Result<(), AppError> {
        let (org, url) = self.managed(actor, id).await?;
        let tx = Tx::begin(
            &self.db,
            Who::actor(actor, ip),
            Permission::InId(org, OrgPermission::Publish),
        )
        .await?;
        sql::exec(&tx, statement, values).await?;
        tx.record(Event::new(action).subject(url));
        tx.done(()).await
    }

    /// An administrator re-queues a job's repository.
    pub async fn requeue(&self, actor: &Actor, job: i64, ip: Option<IpAddr>) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::SiteAdmin).await?;
        let repository = queue::requeue(&tx, job).await?;
        tx.record(Event::new(AuditAction::SyncRequeued).subject(repository.to_string()));
        tx.done(()).await
    }
}
