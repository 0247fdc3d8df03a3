use crate::kernel::map_db_error;
use app::directory::dto::{
    DirectoryPageData, DirectoryQuery, OrganisationDetail, OrganisationKind, OrganisationSummary,
};
use app::error::AppError;
use app::i18n::Locale;
use app::ports::DirectoryService;
use sea_orm::{ConnectionTrait, DatabaseConnection, QueryResult, Statement, Value};

pub struct DirectoryServiceImpl {
    pub db: DatabaseConnection,
}

/// The columns of an [`OrganisationSummary`], with the name in the reader's
/// language (`$LOCALE`, replaced by the parameter number of each query).
const SUMMARY: &str = "slug, CASE WHEN $LOCALE = 'en' THEN coalesce(name_en, name_de) ELSE name_de END AS name, \
                       short_name, kind, land, verified";

pub(super) fn summary_columns(locale_parameter: &str) -> String {
    SUMMARY.replace("$LOCALE", locale_parameter)
}

/// Matches a search text anywhere in the names, ignoring case and accents
/// ("lubeck" finds "Lübeck"); `%` and `_` in the text match themselves.
/// Parameters $1 (text), $2 (Land) and $3 (kind).
const FILTER: &str =
    "($1::text IS NULL OR unaccent(lower(name_de || ' ' || coalesce(name_en, '') || ' ' || coalesce(short_name, ''))) \
                          LIKE '%' || unaccent(lower($1)) || '%' ESCAPE '\\') \
                      AND ($2::text IS NULL OR land = $2) \
                      AND ($3::text IS NULL OR kind = $3)";

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

pub(super) fn summary(row: &QueryResult) -> Result<OrganisationSummary, AppError> {
    let kind: String = row.try_get("", "kind").map_err(map_db_error)?;
    Ok(OrganisationSummary {
        slug: row.try_get("", "slug").map_err(map_db_error)?,
        name: row.try_get("", "name").map_err(map_db_error)?,
        short_name: row.try_get("", "short_name").map_err(map_db_error)?,
        kind: OrganisationKind::from_code(&kind).ok_or(AppError::Internal)?,
        land: row.try_get("", "land").map_err(map_db_error)?,
        verified: row.try_get("", "verified").map_err(map_db_error)?,
    })
}

impl DirectoryServiceImpl {
    /// Organisations in slug order after `after` (keyset pagination for the
    /// API), filtered like the directory page; one more than `limit` tells
    /// whether a next page exists.
    pub async fn page_after(
        &self,
        text: Option<&str>,
        land: Option<&str>,
        after: &str,
        limit: u32,
    ) -> Result<Vec<OrganisationSummary>, AppError> {
        let rows = self
            .db
            .query_all(self.statement(
                format!(
                    "SELECT {} FROM organisations WHERE {FILTER} AND slug > $5 ORDER BY slug LIMIT {}",
                    summary_columns("$4"),
                    limit + 1
                ),
                vec![
                    text.map(escape_like).into(),
                    land.map(str::to_owned).into(),
                    Option::<String>::None.into(),
                    "en".into(),
                    after.into(),
                ],
            ))
            .await
            .map_err(map_db_error)?;
        rows.iter().map(summary).collect()
    }

    fn statement(&self, sql: String, values: Vec<Value>) -> Statement {
        Statement::from_sql_and_values(self.db.get_database_backend(), sql, values)
    }
}

#[async_trait::async_trait]
impl DirectoryService for DirectoryServiceImpl {
    async fn search(&self, query: &DirectoryQuery, locale: Locale) -> Result<DirectoryPageData, AppError> {
        let filter_values = || -> Vec<Value> {
            vec![
                query.text.as_deref().map(escape_like).into(),
                query.land.clone().into(),
                query.kind.map(|k| k.code().to_owned()).into(),
            ]
        };
        let total = self
            .db
            .query_one(self.statement(
                format!("SELECT count(*) AS total FROM organisations WHERE {FILTER}"),
                filter_values(),
            ))
            .await
            .map_err(map_db_error)?
            .ok_or(AppError::Internal)?
            .try_get::<i64>("", "total")
            .map_err(map_db_error)?;
        let offset = (query.page.saturating_sub(1) as i64) * DirectoryQuery::PAGE_SIZE as i64;
        let mut page_values = filter_values();
        page_values.extend([locale.tag().into(), offset.into()]);
        let rows = self
            .db
            .query_all(self.statement(
                format!(
                    "SELECT {} FROM organisations WHERE {FILTER} \
                     ORDER BY unaccent(lower(CASE WHEN $4 = 'en' THEN coalesce(name_en, name_de) ELSE name_de END)), slug \
                     LIMIT {} OFFSET $5",
                    summary_columns("$4"),
                    DirectoryQuery::PAGE_SIZE
                ),
                page_values,
            ))
            .await
            .map_err(map_db_error)?;
        Ok(DirectoryPageData {
            items: rows.iter().map(summary).collect::<Result<_, _>>()?,
            total: total as u64,
        })
    }

    async fn organisation(&self, slug: &str, locale: Locale) -> Result<OrganisationDetail, AppError> {
        let row = self
            .db
            .query_one(self.statement(
                format!(
                    "SELECT {}, id, parent_id, ars, leitweg_id, uri, website, contact_email, \
                     CASE WHEN $1 = 'en' THEN CASE WHEN name_en IS NOT NULL AND name_en <> name_de THEN name_de END \
                          ELSE CASE WHEN name_en <> name_de THEN name_en END END AS name_other \
                     FROM organisations WHERE slug = $2",
                    summary_columns("$1")
                ),
                vec![locale.tag().into(), slug.into()],
            ))
            .await
            .map_err(map_db_error)?
            .ok_or(AppError::NotFound)?;
        let id: uuid::Uuid = row.try_get("", "id").map_err(map_db_error)?;
        let parent_id: Option<uuid::Uuid> = row.try_get("", "parent_id").map_err(map_db_error)?;
        let related = |condition: &'static str, id: uuid::Uuid| {
            self.statement(
                format!(
                    "SELECT {} FROM organisations WHERE {condition} = $2 ORDER BY name_de",
                    summary_columns("$1")
                ),
                vec![locale.tag().into(), id.into()],
            )
        };
        let parent = match parent_id {
            Some(parent_id) => self
                .db
                .query_one(related("id", parent_id))
                .await
                .map_err(map_db_error)?
                .map(|r| summary(&r))
                .transpose()?,
            None => None,
        };
        let children = self
            .db
            .query_all(related("parent_id", id))
            .await
            .map_err(map_db_error)?
            .iter()
            .map(summary)
            .collect::<Result<_, _>>()?;
        Ok(OrganisationDetail {
            summary: summary(&row)?,
            name_other: row.try_get("", "name_other").map_err(map_db_error)?,
            parent,
            children,
            ars: row.try_get("", "ars").map_err(map_db_error)?,
            leitweg_id: row.try_get("", "leitweg_id").map_err(map_db_error)?,
            uri: row.try_get("", "uri").map_err(map_db_error)?,
            website: row.try_get("", "website").map_err(map_db_error)?,
            contact_email: row.try_get("", "contact_email").map_err(map_db_error)?,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_wildcards_in_the_search_text_are_escaped() {
        assert_eq!(super::escape_like(r"50%_a\b"), r"50\%\_a\\b");
    }
}
