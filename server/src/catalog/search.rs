//! Catalog search: PostgreSQL full-text search over German and English
//! texts (unaccented, stemmed per language, names weighted highest), facet
//! counts over the matching set, keyset pagination, and "did you mean"
//! from trigram similarity when a word matches nothing.

use app::catalog::dto::{Facet, FacetCounts, FacetValue, SearchQuery, SearchResults, SoftwareSummary, Sort};
use app::directory::dto::land_name;
use app::error::AppError;
use app::i18n::Locale;
use base64::Engine;
use sea_orm::{ConnectionTrait, FromQueryResult, Value};
use uuid::Uuid;

use super::Catalog;
use crate::db::sql;

/// A query text as a tsquery: German, English and unstemmed readings OR-ed,
/// so "Bauanträgen" meets "Bauantrag" and an English word its English stem.
const TSQUERY: &str = "(websearch_to_tsquery('german', public.unaccent('public.unaccent', $1)) || \
     websearch_to_tsquery('english', public.unaccent('public.unaccent', $1)) || \
     websearch_to_tsquery('simple', public.unaccent('public.unaccent', $1)))";

#[derive(FromQueryResult)]
pub(super) struct Row {
    id: Uuid,
    slug: String,
    name: String,
    url: String,
    active: bool,
    development_status: String,
    software_type: String,
    license: String,
    categories: Vec<String>,
    updated_at: String,
    organisation_slug: String,
    organisation_name: String,
    summary: String,
}

impl Row {
    pub(super) fn summary(self) -> SoftwareSummary {
        SoftwareSummary {
            slug: self.slug,
            name: self.name,
            summary: self.summary,
            organisation_slug: self.organisation_slug,
            organisation_name: self.organisation_name,
            development_status: self.development_status,
            software_type: self.software_type,
            license: self.license,
            categories: self.categories,
            url: self.url,
            active: self.active,
            updated_at: self.updated_at,
        }
    }
}

#[derive(FromQueryResult)]
struct Keys {
    rank: f32,
    sort_name: String,
}

#[derive(FromQueryResult)]
struct CountRow {
    facet: String,
    value: String,
    label: Option<String>,
    n: i64,
}

/// Where a facet's values live: an array column or a scalar expression.
fn facet_column(facet: Facet) -> (&'static str, bool) {
    match facet {
        Facet::Category => ("s.categories", true),
        Facet::DevelopmentStatus => ("s.development_status", false),
        Facet::SoftwareType => ("s.software_type", false),
        Facet::License => ("s.licenses", true),
        Facet::Platform => ("s.platforms", true),
        Facet::Organisation => ("o.slug", false),
        Facet::Land => ("o.land", false),
        Facet::Language => ("s.languages", true),
        Facet::Scope => ("s.scopes", true),
        Facet::MaintenanceType => ("s.maintenance_type", false),
        Facet::Standard => ("s.standards", true),
    }
}

/// The WHERE clause of a query; parameters from `values.len() + 1` on.
fn conditions(query: &SearchQuery, values: &mut Vec<Value>) -> String {
    let mut clauses = vec!["s.active".to_string()];
    if query.text.is_some() {
        clauses.push(format!("s.search @@ {TSQUERY}"));
    }
    for facet in Facet::ALL {
        let selected: Vec<String> = query.values(facet).into_iter().map(str::to_string).collect();
        if selected.is_empty() {
            continue;
        }
        values.push(selected.into());
        let n = values.len();
        let (column, array) = facet_column(facet);
        clauses.push(if array {
            format!("{column} && ${n}::text[]")
        } else {
            format!("{column} = ANY(${n}::text[])")
        });
    }
    clauses.join(" AND ")
}

/// The cursor: the sort key and id of the last item shown, opaque to clients.
fn encode_cursor(sort: Sort, row: &Row, keys: &Keys) -> String {
    let key = match sort {
        Sort::Relevance => format!("r|{:08x}|{}", keys.rank.to_bits(), row.id),
        Sort::Name => format!("n|{}|{}", row.id, keys.sort_name),
        Sort::Updated => format!("u|{}|{}", row.id, row.updated_at),
    };
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key)
}

enum Cursor {
    Rank(f32, Uuid),
    Name(String, Uuid),
    Updated(String, Uuid),
}

fn decode_cursor(sort: Sort, cursor: &str) -> Result<Cursor, AppError> {
    let invalid = || AppError::Invalid(vec![app::error::FieldError::new("cursor", "catalog.error.cursor")]);
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let mut parts = text.splitn(3, '|');
    let (kind, a, b) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    match (sort, kind) {
        (Sort::Relevance, "r") => {
            let bits = u32::from_str_radix(a, 16).map_err(|_| invalid())?;
            Ok(Cursor::Rank(f32::from_bits(bits), b.parse().map_err(|_| invalid())?))
        }
        (Sort::Name, "n") => Ok(Cursor::Name(b.to_string(), a.parse().map_err(|_| invalid())?)),
        (Sort::Updated, "u") => Ok(Cursor::Updated(b.to_string(), a.parse().map_err(|_| invalid())?)),
        _ => Err(invalid()),
    }
}

impl Catalog {
    pub async fn search(&self, query: &SearchQuery, locale: Locale) -> Result<SearchResults, AppError> {
        let limit = query.limit.clamp(1, SearchQuery::MAX_LIMIT);
        let mut values: Vec<Value> = vec![query.text.clone().unwrap_or_default().into(), locale.tag().into()];
        let filter = conditions(query, &mut values);
        let rank = if query.text.is_some() {
            format!("ts_rank_cd(s.search, {TSQUERY}, 1)")
        } else {
            "0::real".into()
        };
        // The counts see the whole matching set, not the page: no keyset values.
        let filter_values = values.clone();
        let mut keyset = String::new();
        if let Some(cursor) = &query.cursor {
            let cursor = decode_cursor(query.sort, cursor)?;
            let n = values.len();
            keyset = match cursor {
                Cursor::Rank(r, id) => {
                    values.extend([r.into(), id.into()]);
                    format!("AND ({rank}, s.id) < (${}::real, ${}::uuid)", n + 1, n + 2)
                }
                Cursor::Name(name, id) => {
                    values.extend([name.into(), id.into()]);
                    format!("AND (lower(s.name), s.id) > (${}, ${}::uuid)", n + 1, n + 2)
                }
                Cursor::Updated(at, id) => {
                    values.extend([at.into(), id.into()]);
                    format!("AND (s.updated_at, s.id) < (${}::timestamptz, ${}::uuid)", n + 1, n + 2)
                }
            };
        }
        let order = match query.sort {
            Sort::Relevance => "rank DESC, s.id DESC",
            Sort::Name => "lower(s.name), s.id",
            Sort::Updated => "s.updated_at DESC, s.id DESC",
        };
        let items_sql = format!(
            "SELECT {}, {rank} AS rank, lower(s.name) AS sort_name FROM software s JOIN organisations o ON o.id = s.organisation_id \
             WHERE {filter} {keyset} ORDER BY {order} LIMIT {}",
            super::reads::summary_columns(),
            limit + 1
        );
        let rows = self
            .db
            .query_all(sql::stmt(&items_sql, values.clone()))
            .await
            .map_err(crate::state::map_db_error)?;
        let mut items = Vec::with_capacity(rows.len());
        for row in &rows {
            let item = Row::from_query_result(row, "").map_err(crate::state::map_db_error)?;
            let keys = Keys::from_query_result(row, "").map_err(crate::state::map_db_error)?;
            items.push((item, keys));
        }
        let next_cursor = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|(last, keys)| encode_cursor(query.sort, last, keys))
        } else {
            None
        };
        let (total, facets) = self.facet_counts(query, &filter, filter_values).await?;
        let suggestion = match (&query.text, total) {
            (Some(text), 0) => self.suggestion(text).await?,
            _ => None,
        };
        Ok(SearchResults {
            total,
            items: items.into_iter().map(|(row, _)| row.summary()).collect(),
            facets,
            next_cursor,
            suggestion,
        })
    }

    /// One pass over the matching set counts every facet (the set is
    /// materialised once as a CTE); values within the selected facet are
    /// counted over the same set, so counts always add up to what a click
    /// would show when combined with the current filters.
    async fn facet_counts(
        &self,
        query: &SearchQuery,
        filter: &str,
        values: Vec<Value>,
    ) -> Result<(u64, Vec<FacetCounts>), AppError> {
        let arrays = [
            ("category", "categories"),
            ("license", "licenses"),
            ("platform", "platforms"),
            ("language", "languages"),
            ("scope", "scopes"),
            ("standard", "standards"),
        ];
        let mut parts =
            vec!["SELECT 'total' AS facet, '' AS value, NULL::text AS label, count(*) AS n FROM m".to_string()];
        for (facet, column) in arrays {
            parts.push(format!(
                "SELECT '{facet}', v, NULL, count(*) FROM m, unnest(m.{column}) AS v GROUP BY v"
            ));
        }
        for (facet, column) in [
            ("developmentStatus", "development_status"),
            ("softwareType", "software_type"),
            ("maintenanceType", "maintenance_type"),
            ("land", "land"),
        ] {
            parts.push(format!(
                "SELECT '{facet}', {column}, NULL, count(*) FROM m WHERE {column} IS NOT NULL GROUP BY {column}"
            ));
        }
        parts.push("SELECT 'organisation', org_slug, max(org_name), count(*) FROM m GROUP BY org_slug".into());
        let sql = format!(
            "WITH m AS MATERIALIZED (SELECT s.categories, s.licenses, s.platforms, s.languages, s.scopes, s.standards, \
             s.development_status, s.software_type, s.maintenance_type, o.land, o.slug AS org_slug, \
             CASE WHEN $2 = 'en' THEN coalesce(o.name_en, o.name_de) ELSE o.name_de END AS org_name \
             FROM software s JOIN organisations o ON o.id = s.organisation_id WHERE {filter}) {}",
            parts.join(" UNION ALL ")
        );
        let rows: Vec<CountRow> = sql::all(&self.db, &sql, values).await?;
        let mut total = 0;
        let mut facets: Vec<FacetCounts> = Vec::new();
        for row in rows {
            if row.facet == "total" {
                total = row.n as u64;
                continue;
            }
            let Some(facet) = Facet::from_api_param(&row.facet) else {
                continue;
            };
            let label = match facet {
                Facet::Land => land_name(&row.value).map(str::to_string),
                _ => row.label,
            };
            let selected = query.values(facet).contains(&row.value.as_str());
            let value = FacetValue {
                value: row.value,
                label,
                count: row.n as u64,
                selected,
            };
            match facets.iter_mut().find(|f| f.facet == facet) {
                Some(f) => f.values.push(value),
                None => facets.push(FacetCounts {
                    facet,
                    values: vec![value],
                }),
            }
        }
        // Selected values stay visible even when nothing matches them now.
        for (facet, value) in &query.filters {
            let entry = match facets.iter_mut().position(|f| f.facet == *facet) {
                Some(i) => &mut facets[i],
                None => {
                    facets.push(FacetCounts {
                        facet: *facet,
                        values: vec![],
                    });
                    facets.last_mut().expect("just pushed")
                }
            };
            if !entry.values.iter().any(|v| v.value == *value) {
                entry.values.push(FacetValue {
                    value: value.clone(),
                    label: None,
                    count: 0,
                    selected: true,
                });
            }
        }
        for f in &mut facets {
            f.values
                .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        }
        facets.sort_by_key(|f| Facet::ALL.iter().position(|x| *x == f.facet));
        Ok((total, facets))
    }

    /// Replaces each word without matches by the most similar known word.
    async fn suggestion(&self, text: &str) -> Result<Option<String>, AppError> {
        let mut changed = false;
        let mut words = Vec::new();
        for word in text.split_whitespace().take(8) {
            let known = sql::value::<i64>(
                &self.db,
                &format!("SELECT count(*) AS value FROM software s WHERE s.active AND s.search @@ {TSQUERY}"),
                [word.into()],
            )
            .await?
            .unwrap_or(0);
            if known > 0 || word.chars().count() < 3 {
                words.push(word.to_string());
                continue;
            }
            let better = sql::value::<String>(
                &self.db,
                "SELECT word AS value FROM catalog_words \
                 WHERE word % lower(public.unaccent('public.unaccent', $1)) \
                 ORDER BY similarity(word, lower(public.unaccent('public.unaccent', $1))) DESC, word LIMIT 1",
                [word.into()],
            )
            .await?;
            match better {
                Some(w) => {
                    changed = true;
                    words.push(w);
                }
                None => words.push(word.to_string()),
            }
        }
        Ok(changed.then(|| words.join(" ")))
    }
}
