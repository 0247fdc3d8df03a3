//! One sync: check the URL, fetch, and (when something changed) extract,
//! publish publiccode.yml through the catalog, and store the figures in
//! one statement. A failure leaves the previous figures in place and
//! records a status that says what went wrong.

use super::extract::{self, files::FileRead};
use super::fetch::{self, FetchError};
use super::policy::UrlRefusal;
use super::transport::Limits;
use super::{health, Mirror, EXTRACTOR_VERSION};
use crate::catalog::{url_key, Outcome, Refusal, Source};
use crate::db::sql;
use crate::kernel::RepositoryId;
use app::catalog::publiccode::{Registers, RepoFile};
use app::error::AppError;
use app::mirror::dto::PubliccodeState;
use app::mirror::status::RepositoryStatus;
use sea_orm::FromQueryResult;
use std::collections::BTreeMap;
use std::time::Instant;
use url::Url;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Refused(UrlRefusal),
    #[error("{0}")]
    Fetch(FetchError),
    #[error("internal: {0}")]
    Internal(String),
}

impl SyncError {
    pub fn status(&self) -> RepositoryStatus {
        match self {
            SyncError::Refused(r) => r.status(),
            SyncError::Fetch(f) => f.status(),
            SyncError::Internal(_) => RepositoryStatus::Internal,
        }
    }

    pub fn code(&self) -> &'static str {
        self.status().code()
    }

    pub fn retryable(&self) -> bool {
        match self {
            SyncError::Refused(UrlRefusal::Unresolvable(_)) => true,
            SyncError::Refused(_) => false,
            SyncError::Fetch(f) => f.retryable(),
            SyncError::Internal(_) => true,
        }
    }
}

impl From<AppError> for SyncError {
    fn from(e: AppError) -> Self {
        SyncError::Internal(e.to_string())
    }
}

#[derive(FromQueryResult)]
struct Row {
    url: String,
    url_key: String,
    organisation_id: crate::kernel::OrganisationId,
    organisation_slug: String,
    created_by: Option<crate::kernel::UserId>,
    refs_digest: Option<String>,
    extractor: i32,
    has_facts: bool,
}

/// What a successful sync did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Synced {
    Changed,
    Unchanged,
    /// The repository was removed before its sync ran: nothing to do.
    Gone,
}

impl Synced {
    pub fn code(self) -> &'static str {
        match self {
            Synced::Changed => "synced",
            Synced::Unchanged => "unchanged",
            Synced::Gone => "gone",
        }
    }
}

impl Mirror {
    pub async fn sync(&self, id: RepositoryId) -> Result<Synced, SyncError> {
        let row: Option<Row> = sql::one(
            &self.db,
            "UPDATE repositories r SET last_attempt_at = now(), status = $2 FROM organisations o \
             WHERE r.id = $1 AND o.id = r.organisation_id \
             RETURNING r.url, r.url_key, r.organisation_id, o.slug AS organisation_slug, r.created_by, \
                       r.refs_digest, r.extractor, r.facts IS NOT NULL AS has_facts",
            [id.into(), RepositoryStatus::Syncing.code().into()],
        )
        .await?;
        let Some(row) = row else {
            return Ok(Synced::Gone);
        };
        let result = self.run(id, &row).await;
        if let Err(error) = &result {
            sql::exec(
                &self.db,
                "UPDATE repositories SET status = $2, status_detail = $3 WHERE id = $1",
                [
                    id.into(),
                    error.status().code().into(),
                    error.to_string().chars().take(500).collect::<String>().into(),
                ],
            )
            .await?;
        }
        result
    }

    async fn run(&self, id: RepositoryId, row: &Row) -> Result<Synced, SyncError> {
        let url = Url::parse(&row.url).map_err(|e| SyncError::Internal(e.to_string()))?;
        let target = self.settings.policy.check(&url).await.map_err(SyncError::Refused)?;
        let limits = Limits {
            connect_timeout: self.settings.connect_timeout,
            stall_timeout: self.settings.stall_timeout,
            deadline: Instant::now() + self.settings.job_timeout,
            max_bytes: self.settings.max_bytes,
        };
        std::fs::create_dir_all(&self.settings.dir).map_err(|e| SyncError::Internal(e.to_string()))?;
        let path = self.path_of(id);
        let runtime = tokio::runtime::Handle::current();
        let fetched = {
            let (path, ssh) = (path.clone(), self.settings.ssh_command.clone());
            tokio::task::spawn_blocking(move || fetch::fetch(&path, &target, limits, &ssh, runtime))
                .await
                .map_err(|e| SyncError::Internal(e.to_string()))?
                .map_err(SyncError::Fetch)?
        };
        let unchanged = !fetched.first
            && row.has_facts
            && row.extractor == EXTRACTOR_VERSION
            && row.refs_digest.as_deref() == Some(fetched.refs_digest.as_str());
        if unchanged {
            sql::exec(
                &self.db,
                "UPDATE repositories SET status = $3, status_detail = NULL, last_success_at = now(), size_bytes = $2 WHERE id = $1",
                [id.into(), (fetched.size_bytes as i64).into(), RepositoryStatus::Ok.code().into()],
            )
            .await?;
            return Ok(Synced::Unchanged);
        }

        let now = chrono::Utc::now().timestamp();
        let extracted = {
            let (path, url, id) = (path.clone(), url.clone(), id.to_string());
            tokio::task::spawn_blocking(move || extract::extract(&path, &url, &id, now))
                .await
                .map_err(|e| SyncError::Internal(e.to_string()))?
                .map_err(|e| SyncError::Fetch(FetchError::Git(e.message().to_string())))?
        };
        let mut facts = extracted.facts;
        let (state, declared, software) = self
            .publish(row, extracted.publiccode, &extracted.publiccode_files)
            .await?;
        facts.publiccode = state;
        extract::licence::compare(&mut facts.licence, declared.as_deref());
        let health = health::assess(&extracted.history.recent, &extracted.releases, facts.first_commit, now);
        let facts_json = serde_json::to_value(&facts).map_err(|e| SyncError::Internal(e.to_string()))?;
        let health_json = serde_json::to_value(&health).map_err(|e| SyncError::Internal(e.to_string()))?;
        sql::exec(
            &self.db,
            "UPDATE repositories SET status = $9, status_detail = NULL, last_success_at = now(), \
             refs_digest = $2, extractor = $3, size_bytes = $4, facts = $5, health = $6, readme_html = $7, \
             software_id = COALESCE($8, software_id) WHERE id = $1",
            [
                id.into(),
                fetched.refs_digest.into(),
                EXTRACTOR_VERSION.into(),
                (fetched.size_bytes as i64).into(),
                facts_json.into(),
                health_json.into(),
                extracted.readme_html.into(),
                software.into(),
                RepositoryStatus::Ok.code().into(),
            ],
        )
        .await?;
        Ok(Synced::Changed)
    }

    /// Hands publiccode.yml to the catalog. Returns what became of it, the
    /// declared licence, and the entry it belongs to.
    async fn publish(
        &self,
        row: &Row,
        file: FileRead,
        named: &BTreeMap<String, RepoFile>,
    ) -> Result<(PubliccodeState, Option<String>, Option<Uuid>), SyncError> {
        let bytes = match file {
            FileRead::Missing | FileRead::NotAFile => return Ok((PubliccodeState::Missing, None, None)),
            FileRead::Symlink => return Ok((PubliccodeState::Symlink, None, None)),
            FileRead::TooLarge(bytes) => return Ok((PubliccodeState::TooLarge { bytes }, None, None)),
            FileRead::Found(bytes) => bytes,
        };
        let published = self
            .catalog
            .publish_checked(
                row.organisation_id,
                &row.organisation_slug,
                row.created_by,
                Source::Repository,
                &bytes,
                Registers::with_files(named),
                None,
            )
            .await?;
        let declared = published.report.document.as_ref().map(|d| d.legal.license.clone());
        let errors = published
            .report
            .issues
            .iter()
            .filter(|i| i.severity == app::catalog::publiccode::Severity::Error)
            .count();
        let (state, slug) = match published.outcome {
            Outcome::Created(slug) => (published_state(&slug, "created"), Some(slug)),
            Outcome::Updated(slug) => (published_state(&slug, "updated"), Some(slug)),
            Outcome::Unchanged(slug) => (published_state(&slug, "unchanged"), Some(slug)),
            Outcome::Deactivated(slug) => (
                PubliccodeState::Invalid {
                    slug: Some(slug.clone()),
                    errors,
                },
                Some(slug),
            ),
            Outcome::Invalid => (PubliccodeState::Invalid { slug: None, errors }, None),
            Outcome::Refused(refusal) => (
                PubliccodeState::Refused {
                    reason: match refusal {
                        Refusal::OrganisationMismatch { named, .. } => format!("organisation: {named}"),
                        Refusal::ListedByOther { organisation, .. } => format!("listed by {organisation}"),
                    },
                },
                None,
            ),
        };
        let software = match slug {
            Some(slug) => {
                sql::value::<Uuid>(
                    &self.db,
                    "SELECT id AS value FROM software WHERE slug = $1",
                    [slug.into()],
                )
                .await?
            }
            None => None,
        };
        // The file may name the repository under another URL (a mirror on
        // openCode of a GitHub original): this URL becomes an alias.
        if let (Some(software), Some(doc)) = (software, published.report.document.as_ref()) {
            if url_key(&doc.url) != row.url_key {
                sql::exec(
                    &self.db,
                    "INSERT INTO software_aliases (url_key, software_id) VALUES ($1, $2) ON CONFLICT (url_key) DO NOTHING",
                    [row.url_key.clone().into(), software.into()],
                )
                .await?;
            }
        }
        Ok((state, declared, software))
    }
}

fn published_state(slug: &str, outcome: &str) -> PubliccodeState {
    PubliccodeState::Published {
        slug: slug.to_string(),
        outcome: outcome.to_string(),
    }
}
