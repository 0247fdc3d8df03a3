//! Reading entries: the software page, an organisation's list, and the
//! pages of the whole catalog that the feed and the exports walk through.

use app::accounts::dto::Viewer;
use app::catalog::dto::{ImportRecord, MaintainerView, PublishTarget, SoftwareDetail, SoftwareLink, SoftwareSummary};
use app::catalog::publiccode::{self, PublicCode};
use app::error::AppError;
use app::i18n::Locale;
use sea_orm::FromQueryResult;
use uuid::Uuid;

use super::search::Row;
use super::Catalog;
use crate::accounts::Actor;
use crate::db::sql;
use crate::kernel::internal;
use crate::kernel::permissions::{self, OrgPermission};

const SUMMARY_COLUMNS: &str = "s.id, s.slug, s.name, s.url, s.active, s.development_status, s.software_type, s.license, s.categories, \
     to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS updated_at, \
     o.slug AS organisation_slug, CASE WHEN $2 = 'en' THEN coalesce(o.name_en, o.name_de) ELSE o.name_de END AS organisation_name, \
     CASE WHEN $2 = 'en' THEN s.short_en ELSE s.short_de END AS summary, s.reuse_count";

pub(super) fn summary_columns() -> &'static str {
    SUMMARY_COLUMNS
}

#[derive(FromQueryResult)]
struct DetailRow {
    organisation_id: crate::kernel::OrganisationId,
    land: Option<String>,
    document: serde_json::Value,
    raw: String,
    url_key: String,
    based_on: Vec<String>,
    created_at: String,
    repository_id: Option<Uuid>,
}

#[derive(FromQueryResult)]
struct LinkRow {
    slug: String,
    name: String,
}

#[derive(FromQueryResult)]
struct ImportRow {
    at: String,
    source: String,
    outcome: String,
    by: Option<String>,
    issues: serde_json::Value,
}

/// An entry of the export and the feed: the summary plus the document.
pub struct FullEntry {
    pub summary: SoftwareSummary,
    pub document: PublicCode,
    pub created_at: String,
}

impl Catalog {
    fn may_maintain(actor: Option<&Actor>, organisation_id: crate::kernel::OrganisationId) -> bool {
        actor.is_some_and(|a| permissions::allows(a, organisation_id, OrgPermission::Publish))
    }

    pub async fn software(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        locale: Locale,
    ) -> Result<SoftwareDetail, AppError> {
        let actor = viewer.and_then(Actor::from_viewer);
        // One read of the entry: the summary and the details from the same row.
        let sql_text = format!(
            "SELECT {SUMMARY_COLUMNS}, s.organisation_id, o.land, s.document, s.raw, s.url_key, s.based_on, \
             to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS created_at, \
             {} AS repository_id \
             FROM software s JOIN organisations o ON o.id = s.organisation_id WHERE s.slug = $1",
            crate::mirror::reads::LATEST_SYNCED_REPOSITORY_OF_S
        );
        let result =
            sea_orm::ConnectionTrait::query_one(&self.db, sql::stmt(&sql_text, [slug.into(), locale.tag().into()]))
                .await
                .map_err(crate::kernel::map_db_error)?
                .ok_or(AppError::NotFound)?;
        let row = Row::from_query_result(&result, "").map_err(crate::kernel::map_db_error)?;
        let detail = DetailRow::from_query_result(&result, "").map_err(crate::kernel::map_db_error)?;
        let maintains = Self::may_maintain(actor.as_ref(), detail.organisation_id);
        let summary = row.summary();
        // Inactive entries are for their maintainers only.
        if !summary.active && !maintains {
            return Err(AppError::NotFound);
        }
        let document: PublicCode =
            serde_json::from_value(detail.document).map_err(internal("stored publiccode document"))?;
        let origin: Vec<LinkRow> = sql::all(
            &self.db,
            "SELECT slug, name FROM software WHERE active AND url_key = ANY($1) ORDER BY name",
            [detail.based_on.into()],
        )
        .await?;
        let variants: Vec<LinkRow> = sql::all(
            &self.db,
            "SELECT slug, name FROM software WHERE active AND based_on @> ARRAY[$1] ORDER BY name LIMIT 100",
            [detail.url_key.into()],
        )
        .await?;
        let maintainer = if maintains {
            let imports: Vec<ImportRow> = sql::all(
                &self.db,
                "SELECT to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI \"UTC\"') AS at, i.source, i.outcome, \
                 u.display_name AS by, i.issues FROM software_imports i \
                 JOIN software s ON s.id = i.software_id LEFT JOIN users u ON u.id = i.user_id \
                 WHERE s.slug = $1 ORDER BY i.id DESC LIMIT 50",
                [slug.into()],
            )
            .await?;
            // Issues in the reader's language: validating again is cheaper
            // than storing every message twice.
            let report = publiccode::validate(&detail.raw);
            Some(MaintainerView {
                issues: report.issues.iter().map(|i| i.to_json(locale)).collect(),
                raw: detail.raw,
                imports: imports
                    .into_iter()
                    .map(|i| {
                        let count = |t: &str| {
                            i.issues
                                .as_array()
                                .map_or(0, |a| a.iter().filter(|x| x["type"] == t).count() as u32)
                        };
                        ImportRecord {
                            errors: count("error"),
                            warnings: count("warning"),
                            at: i.at,
                            source: i.source,
                            outcome: i.outcome,
                            by: i.by,
                        }
                    })
                    .collect(),
            })
        } else {
            None
        };
        let link = |r: LinkRow| SoftwareLink {
            slug: r.slug,
            name: r.name,
        };
        Ok(SoftwareDetail {
            summary,
            document,
            organisation_land: detail.land,
            origin: origin.into_iter().map(link).collect(),
            variants: variants.into_iter().map(link).collect(),
            maintainer,
            created_at: detail.created_at,
            repository_id: detail.repository_id.map(|id| id.to_string()),
        })
    }

    /// An organisation's software; inactive entries only for its maintainers.
    pub async fn organisation_software(
        &self,
        viewer: Option<&Viewer>,
        org_slug: &str,
        locale: Locale,
    ) -> Result<Vec<SoftwareSummary>, AppError> {
        let actor = viewer.and_then(Actor::from_viewer);
        let org_id = crate::accounts::memberships::organisation_id(&self.db, org_slug).await?;
        let include_inactive = Self::may_maintain(actor.as_ref(), org_id);
        let rows: Vec<Row> = sql::all(
            &self.db,
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM software s JOIN organisations o ON o.id = s.organisation_id \
                 WHERE o.slug = $1 AND (s.active OR $3) ORDER BY lower(s.name) LIMIT 500"
            ),
            [org_slug.into(), locale.tag().into(), include_inactive.into()],
        )
        .await?;
        Ok(rows.into_iter().map(Row::summary).collect())
    }

    /// Organisations the viewer may publish for.
    pub async fn publish_targets(&self, viewer: &Viewer) -> Result<Vec<PublishTarget>, AppError> {
        let actor = Actor::from_viewer(viewer).ok_or(AppError::Unauthenticated)?;
        Ok(actor
            .memberships
            .iter()
            .filter(|m| permissions::allows(&actor, m.organisation_id, OrgPermission::Publish))
            .map(|m| PublishTarget {
                slug: m.slug.clone(),
                name: m.name.clone(),
            })
            .collect())
    }

    /// A page of active entries, most recently updated first, after the
    /// entry `after` (slug); for the feed and the exports.
    pub async fn entries_page(
        &self,
        after: Option<(String, String)>,
        limit: u32,
        locale: Locale,
    ) -> Result<Vec<FullEntry>, AppError> {
        #[derive(FromQueryResult)]
        struct Extra {
            document: serde_json::Value,
            created_at: String,
        }
        let (at, slug) = after.unwrap_or_else(|| ("infinity".into(), String::new()));
        let sql_text = format!(
            "SELECT {SUMMARY_COLUMNS}, s.document, to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS created_at \
             FROM software s JOIN organisations o ON o.id = s.organisation_id \
             WHERE s.active AND (s.updated_at, s.slug) < ($3::timestamptz, $1) \
             ORDER BY s.updated_at DESC, s.slug DESC LIMIT {limit}"
        );
        let rows = sea_orm::ConnectionTrait::query_all(
            &self.db,
            sql::stmt(&sql_text, [slug.into(), locale.tag().into(), at.into()]),
        )
        .await
        .map_err(crate::kernel::map_db_error)?;
        rows.iter()
            .map(|r| {
                let row = Row::from_query_result(r, "").map_err(crate::kernel::map_db_error)?;
                let extra = Extra::from_query_result(r, "").map_err(crate::kernel::map_db_error)?;
                Ok(FullEntry {
                    summary: row.summary(),
                    document: serde_json::from_value(extra.document).map_err(internal("stored publiccode document"))?,
                    created_at: extra.created_at,
                })
            })
            .collect()
    }
}
