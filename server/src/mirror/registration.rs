//! What publishers do with repositories: register one for their
//! organisation (checked and queued at once), ask for a sync, rotate the
//! webhook secret, remove it. Permission is checked here, whatever the
//! page showed.

use super::policy::{parse_repository_url, UrlRefusal};
use super::{queue, Mirror};
use crate::accounts::audit::Event;
use crate::accounts::memberships::organisation_id;
use crate::accounts::policy::{self, OrgPermission};
use crate::accounts::Actor;
use crate::catalog::url_key;
use crate::db::sql;
use crate::kernel::map_db_error;
use app::error::{AppError, FieldError};
use rand::RngCore;
use sea_orm::TransactionTrait;
use std::net::IpAddr;
use uuid::Uuid;

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
    ) -> Result<Uuid, AppError> {
        let org_id = organisation_id(&self.db, org_slug).await?;
        policy::require(actor, org_id, OrgPermission::Publish)?;
        let url = parse_repository_url(input).map_err(|r| invalid(&r))?;
        // The address check runs again before every fetch; here it gives
        // the publisher an answer at once.
        let target = self.settings.policy.check(&url).await.map_err(|r| invalid(&r))?;
        let key = url_key(url.as_str());
        let txn = self.db.begin().await.map_err(map_db_error)?;
        let existing: Option<Uuid> = sql::value(
            &txn,
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
        let id: Uuid = sql::value(
            &txn,
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
        queue::enqueue(&txn, id, "registered").await?;
        Event::new("repository_registered")
            .actor(actor.user_id)
            .organisation(org_id)
            .subject(url.as_str())
            .ip(ip)
            .record(&txn)
            .await?;
        txn.commit().await.map_err(map_db_error)?;
        Ok(id)
    }

    /// The organisation a repository belongs to, after checking `actor` may manage it.
    async fn managed(&self, actor: &Actor, id: Uuid) -> Result<(Uuid, String), AppError> {
        #[derive(sea_orm::FromQueryResult)]
        struct Owner {
            organisation_id: Uuid,
            url: String,
        }
        let owner: Owner = sql::one(
            &self.db,
            "SELECT organisation_id, url FROM repositories WHERE id = $1",
            [id.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        policy::require(actor, owner.organisation_id, OrgPermission::Publish)?;
        Ok((owner.organisation_id, owner.url))
    }

    pub async fn request_sync(&self, actor: &Actor, id: Uuid) -> Result<(), AppError> {
        self.managed(actor, id).await?;
        queue::enqueue(&self.db, id, "manual").await
    }

    pub async fn rotate_secret(&self, actor: &Actor, id: Uuid, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.change_audited(
            actor,
            id,
            ip,
            "webhook_secret_rotated",
            "UPDATE repositories SET webhook_secret = $2 WHERE id = $1",
            vec![id.into(), new_secret().into()],
        )
        .await
    }

    /// Removes the registration and its mirror. The catalog entry stays.
    pub async fn remove(&self, actor: &Actor, id: Uuid, ip: Option<IpAddr>) -> Result<(), AppError> {
        self.change_audited(
            actor,
            id,
            ip,
            "repository_removed",
            "DELETE FROM repositories WHERE id = $1",
            vec![id.into()],
        )
        .await?;
        // A running job may still write into it; it is a cache, so a leftover
        // directory is harmless and the next registration starts afresh.
        let _ = std::fs::remove_dir_all(self.path_of(id));
        Ok(())
    }

    /// One change to a repository its manager makes, with its audit event,
    /// in one transaction.
    async fn change_audited(
        &self,
        actor: &Actor,
        id: Uuid,
        ip: Option<IpAddr>,
        action: &'static str,
        statement: &str,
        values: Vec<sea_orm::Value>,
    ) -> Result<(), AppError> {
        let (org, url) = self.managed(actor, id).await?;
        let txn = self.db.begin().await.map_err(map_db_error)?;
        sql::exec(&txn, statement, values).await?;
        Event::new(action)
            .actor(actor.user_id)
            .organisation(org)
            .subject(&url)
            .ip(ip)
            .record(&txn)
            .await?;
        txn.commit().await.map_err(map_db_error)
    }

    /// An administrator re-queues a job's repository.
    pub async fn requeue(&self, actor: &Actor, job: i64, ip: Option<IpAddr>) -> Result<(), AppError> {
        policy::require_site_admin(actor)?;
        let txn = self.db.begin().await.map_err(map_db_error)?;
        let repository = queue::requeue(&txn, job).await?;
        Event::new("sync_requeued")
            .actor(actor.user_id)
            .subject(&repository.to_string())
            .ip(ip)
            .record(&txn)
            .await?;
        txn.commit().await.map_err(map_db_error)
    }
}
