//! What the pages read about repositories: the panel of a software page,
//! an organisation's list, the operator's queue, and single files served
//! from a mirror (README images).

use super::extract::files::{self, FileRead};
use super::{forge, Mirror};
use crate::accounts::Actor;
use crate::db::sql;
use crate::kernel::permissions::{self, OrgPermission};
use crate::kernel::RepositoryId;
use app::error::AppError;
use app::mirror::dto::{JobRow, QueuePage, RepositoriesPage, RepositoryManage, RepositoryRow, RepositoryView};
use app::mirror::status::RepositoryStatus;
use sea_orm::FromQueryResult;

const TS: &str = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

#[derive(FromQueryResult)]
struct ViewRow {
    id: RepositoryId,
    organisation_id: crate::kernel::OrganisationId,
    url: String,
    status: String,
    status_detail: Option<String>,
    last_attempt_at: Option<String>,
    last_success_at: Option<String>,
    facts: Option<serde_json::Value>,
    health: Option<serde_json::Value>,
    readme_html: Option<String>,
    webhook_secret: String,
    queued: bool,
    software_url: Option<String>,
}

/// The address a page or the API shows for a repository. A `file://` URL
/// names a directory of the server: it is replaced by the entry's public
/// repository address (its publiccode.yml `url`), or by the directory's
/// name alone, so the server's file system never reaches a reader.
/// The id of the repository last synced for the catalog entry `s`, as a
/// subquery: the catalog reads it with the entry's own row (one statement)
/// without knowing the mirror's table.
pub const LATEST_SYNCED_REPOSITORY_OF_S: &str = "(SELECT r.id FROM repositories r \
     WHERE r.software_id = s.id AND r.last_success_at IS NOT NULL ORDER BY r.last_success_at DESC LIMIT 1)";

pub fn shown_url(url: &str, public: Option<&str>) -> String {
    let local = |u: &str| u.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("file://"));
    if !local(url) {
        return url.to_string();
    }
    match public.filter(|p| !local(p)) {
        Some(public) => public.to_string(),
        None => url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

fn ts(column: &str) -> String {
    format!("to_char({column} AT TIME ZONE 'UTC', {TS})")
}

/// The columns of a [`ViewRow`], from `repositories r`.
fn view_select() -> String {
    format!(
        "SELECT r.id, r.organisation_id, r.url, r.status, r.status_detail, {} AS last_attempt_at, \
         {} AS last_success_at, r.facts, r.health, r.readme_html, r.webhook_secret, \
         EXISTS (SELECT 1 FROM jobs j WHERE j.unique_key = 'sync:' || r.id AND j.state IN ('queued', 'running')) AS queued, \
         (SELECT e.url FROM software e WHERE e.id = r.software_id) AS software_url \
         FROM repositories r",
        ts("r.last_attempt_at"),
        ts("r.last_success_at")
    )
}

impl Mirror {
    pub fn webhook_url(&self, id: RepositoryId) -> String {
        format!("{}/api/v1/hooks/{id}", self.origin)
    }

    /// The repository behind a catalog entry (the one synced last), found
    /// by the entry's slug in the same statement.
    pub async fn for_software(
        &self,
        actor: Option<&Actor>,
        software_slug: &str,
    ) -> Result<Option<RepositoryView>, AppError> {
        let row: Option<ViewRow> = sql::one(
            &self.db,
            &format!(
                "{} JOIN software s ON s.id = r.software_id WHERE s.slug = $1 \
                 ORDER BY r.last_success_at DESC NULLS LAST LIMIT 1",
                view_select()
            ),
            [software_slug.into()],
        )
        .await?;
        Ok(row.map(|r| self.view(actor, r)))
    }

    fn view(&self, actor: Option<&Actor>, r: ViewRow) -> RepositoryView {
        let may_manage = actor.is_some_and(|a| permissions::allows(a, r.organisation_id, OrgPermission::Publish));
        let url = shown_url(&r.url, r.software_url.as_deref());
        let web_url = url::Url::parse(&url).ok().and_then(|u| forge::web_url(&u));
        RepositoryView {
            id: r.id.to_string(),
            web_url,
            status: status_of(&r.status),
            // The detail may name resolved addresses: for the repository's managers only.
            status_detail: r.status_detail.filter(|_| may_manage),
            last_attempt_at: r.last_attempt_at,
            last_success_at: r.last_success_at,
            facts: r.facts.and_then(|f| serde_json::from_value(f).ok()),
            health: r.health.and_then(|h| serde_json::from_value(h).ok()),
            readme_html: r.readme_html,
            manage: may_manage.then(|| RepositoryManage {
                webhook_url: self.webhook_url(r.id),
                webhook_secret: r.webhook_secret,
                queued: r.queued,
            }),
            url,
        }
    }

    /// An organisation's repositories; anyone may read the list.
    pub async fn organisation_repositories(
        &self,
        actor: Option<&Actor>,
        slug: &str,
    ) -> Result<RepositoriesPage, AppError> {
        #[derive(FromQueryResult)]
        struct Org {
            id: crate::kernel::OrganisationId,
            name_de: String,
        }
        let org: Org = sql::one(
            &self.db,
            "SELECT id, name_de FROM organisations WHERE slug = $1",
            [slug.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        #[derive(FromQueryResult)]
        struct Row {
            id: RepositoryId,
            url: String,
            status: String,
            status_detail: Option<String>,
            last_success_at: Option<String>,
            software_slug: Option<String>,
            software_name: Option<String>,
            software_url: Option<String>,
            queued: bool,
        }
        let rows: Vec<Row> = sql::all(
            &self.db,
            &format!(
                "SELECT r.id, r.url, r.status, r.status_detail, {} AS last_success_at, s.slug AS software_slug, s.name AS software_name, s.url AS software_url, \
                 EXISTS (SELECT 1 FROM jobs j WHERE j.unique_key = 'sync:' || r.id AND j.state IN ('queued', 'running')) AS queued \
                 FROM repositories r LEFT JOIN software s ON s.id = r.software_id \
                 WHERE r.organisation_id = $1 ORDER BY r.url",
                ts("r.last_success_at")
            ),
            [org.id.into()],
        )
        .await?;
        let may_manage = actor.is_some_and(|a| permissions::allows(a, org.id, OrgPermission::Publish));
        Ok(RepositoriesPage {
            organisation_slug: slug.to_string(),
            organisation_name: org.name_de,
            may_manage,
            webhook_base: format!("{}/api/v1/hooks/", self.origin),
            repositories: rows
                .into_iter()
                .map(|r| RepositoryRow {
                    id: r.id.to_string(),
                    url: shown_url(&r.url, r.software_url.as_deref()),
                    status: status_of(&r.status),
                    status_detail: r.status_detail.filter(|_| may_manage),
                    last_success_at: r.last_success_at,
                    software_slug: r.software_slug,
                    software_name: r.software_name,
                    queued: r.queued,
                })
                .collect(),
        })
    }

    /// One repository for its managers (webhook secret included).
    pub async fn repository(&self, actor: &Actor, id: RepositoryId) -> Result<RepositoryView, AppError> {
        let row: ViewRow = sql::one(&self.db, &format!("{} WHERE r.id = $1", view_select()), [id.into()])
            .await?
            .ok_or(AppError::NotFound)?;
        permissions::require(actor, row.organisation_id, OrgPermission::Publish)?;
        Ok(self.view(Some(actor), row))
    }

    /// The operator's view of the queue.
    pub async fn queue_page(&self, actor: &Actor) -> Result<QueuePage, AppError> {
        permissions::require_site_admin(actor)?;
        #[derive(FromQueryResult)]
        struct Counts {
            queued: i64,
            running: i64,
            failed: i64,
            done_last_hour: i64,
            repositories: i64,
        }
        let counts: Counts = sql::one(
            &self.db,
            "SELECT count(*) FILTER (WHERE state = 'queued') AS queued, \
                    count(*) FILTER (WHERE state = 'running') AS running, \
                    count(*) FILTER (WHERE state = 'failed') AS failed, \
                    count(*) FILTER (WHERE state = 'done' AND finished_at > now() - interval '1 hour') AS done_last_hour, \
                    (SELECT count(*) FROM repositories) AS repositories \
             FROM jobs WHERE kind = 'sync_repository'",
            [],
        )
        .await?
        .ok_or(AppError::Internal)?;
        #[derive(FromQueryResult)]
        struct Row {
            id: i64,
            repository_id: RepositoryId,
            url: String,
            software_url: Option<String>,
            reason: String,
            state: String,
            attempts: i32,
            run_at: String,
            started_at: Option<String>,
            finished_at: Option<String>,
            worker: Option<String>,
            error: Option<String>,
        }
        // Running first, then waiting, then the latest failures; done jobs are counted only.
        let rows: Vec<Row> = sql::all(
            &self.db,
            &format!(
                "SELECT j.id, r.id AS repository_id, r.url, (SELECT e.url FROM software e WHERE e.id = r.software_id) AS software_url, \
                 j.payload->>'reason' AS reason, j.state, j.attempts, {} AS run_at, {} AS started_at, \
                 {} AS finished_at, j.worker, j.error \
                 FROM jobs j JOIN repositories r ON r.id = (j.payload->>'repository_id')::uuid \
                 WHERE j.kind = 'sync_repository' AND j.state <> 'done' \
                 ORDER BY CASE j.state WHEN 'running' THEN 0 WHEN 'queued' THEN 1 ELSE 2 END, \
                          CASE WHEN j.state = 'failed' THEN -extract(epoch FROM j.finished_at) ELSE extract(epoch FROM j.run_at) END \
                 LIMIT 200",
                ts("j.run_at"),
                ts("j.started_at"),
                ts("j.finished_at")
            ),
            [],
        )
        .await?;
        Ok(QueuePage {
            queued: counts.queued,
            running: counts.running,
            failed: counts.failed,
            done_last_hour: counts.done_last_hour,
            repositories: counts.repositories,
            jobs: rows
                .into_iter()
                .map(|r| JobRow {
                    id: r.id,
                    repository_id: r.repository_id.to_string(),
                    url: shown_url(&r.url, r.software_url.as_deref()),
                    reason: r.reason,
                    state: r.state,
                    attempts: r.attempts,
                    run_at: r.run_at,
                    started_at: r.started_at,
                    finished_at: r.finished_at,
                    worker: r.worker,
                    error: r.error,
                })
                .collect(),
        })
    }

    /// A file of the default branch, for images a README shows: regular
    /// files only (no symbolic links), at most 5 MB.
    pub async fn raw_file(&self, id: RepositoryId, path: String) -> Result<Vec<u8>, AppError> {
        let exists = sql::value::<RepositoryId>(
            &self.db,
            "SELECT id AS value FROM repositories WHERE id = $1",
            [id.into()],
        )
        .await?;
        if exists.is_none() {
            return Err(AppError::NotFound);
        }
        let repo_path = self.path_of(id);
        tokio::task::spawn_blocking(move || {
            let repo = git2::Repository::open_bare(&repo_path).map_err(|_| AppError::NotFound)?;
            let tree = repo
                .head()
                .and_then(|h| h.peel_to_tree())
                .map_err(|_| AppError::NotFound)?;
            match files::read(&repo, &tree, &path, 5 * 1024 * 1024) {
                FileRead::Found(bytes) => Ok(bytes),
                _ => Err(AppError::NotFound),
            }
        })
        .await
        .map_err(crate::kernel::internal("reading a mirrored file"))?
    }
}

/// The stored status code as the pages name it; the schema's `CHECK`
/// allows no other, so an unknown one is a bug worth a log line.
fn status_of(code: &str) -> RepositoryStatus {
    RepositoryStatus::from_code(code).unwrap_or_else(|| {
        tracing::error!(code, "unknown repository status");
        RepositoryStatus::Internal
    })
}

#[cfg(test)]
mod tests {
    use super::shown_url;

    #[test]
    fn local_paths_are_never_shown() {
        let local = "file:///srv/allmende/data/demo-repositories/bauantrag-online.git";
        assert_eq!(
            shown_url(local, Some("https://code.kiel.example/bauantrag")),
            "https://code.kiel.example/bauantrag"
        );
        assert_eq!(shown_url(local, None), "bauantrag-online.git");
        assert_eq!(
            shown_url(local, Some("FILE:///elsewhere/x.git")),
            "bauantrag-online.git"
        );
        assert_eq!(
            shown_url("https://git.example/a.git", None),
            "https://git.example/a.git"
        );
    }
}
