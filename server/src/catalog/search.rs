//! Catalog search: PostgreSQL full-text search over German and English
//! texts (unaccented, stemmed per language, names weighted highest), facet
//! counts over the matching set, keyset pagination, and "did you mean"
//! from trigram similarity when a word matches nothing.

use app::catalog::dto::{Facet, FacetCounts, FacetValue, SearchQuery, SearchResults, SoftwareSummary, Sort};
use app::directory::dto::land_name;
use app::error::AppError;
use app::i18n::Locale;
use base64::Engine;
use sea_orm::{FromQueryResult, Value};
use uuid::Uuid;

use super::Catalog;
use crate::db::sql;
use crate::kernel::internal;

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
    reuse_count: i32,
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
            reuse_count: self.reuse_count.max(0) as u32,
        }
    }
}

#[derive(FromQueryResult)]
struct CountRow {
    facet: String,
    value: String,
    label: Option<String>,
    n: i64,
}

/// The facets that live in `facet_tokens` (`status:stable`, kept by the
/// trigger), so one GIN index answers any combination of them; the
/// organisation and its Land are read through the join.
fn token_prefix(facet: Facet) -> Option<&'static str> {
    match facet {
        Facet::Category => Some("category"),
        Facet::DevelopmentStatus => Some("status"),
        Facet::SoftwareType => Some("type"),
        Facet::License => Some("license"),
        Facet::Platform => Some("platform"),
        Facet::Language => Some("language"),
        Facet::Scope => Some("scope"),
        Facet::MaintenanceType => Some("maintenance"),
        Facet::Standard => Some("standard"),
        Facet::Reuse => Some("reuse"),
        Facet::Organisation | Facet::Land => None,
    }
}

/// The WHERE clause of a query; parameters from `values.len() + 1` on.
/// Facets with one value go into one `@>` (all of them), facets with
/// several values each into an `&&` (any of them).
fn conditions(query: &SearchQuery, values: &mut Vec<Value>) -> String {
    let mut clauses = vec!["s.active".to_string()];
    if query.text.is_some() {
        clauses.push(format!("s.search @@ {TSQUERY}"));
    }
    let mut required: Vec<String> = Vec::new();
    for facet in Facet::ALL {
        let selected: Vec<String> = query.values(facet).into_iter().map(str::to_string).collect();
        if selected.is_empty() {
            continue;
        }
        match token_prefix(facet) {
            Some(prefix) if selected.len() == 1 => required.push(format!("{prefix}:{}", selected[0])),
            Some(prefix) => {
                values.push(
                    selected
                        .iter()
                        .map(|v| format!("{prefix}:{v}"))
                        .collect::<Vec<_>>()
                        .into(),
                );
                clauses.push(format!("s.facet_tokens && ${}::text[]", values.len()));
            }
            None => {
                values.push(selected.into());
                let column = if facet == Facet::Land { "o.land" } else { "o.slug" };
                clauses.push(format!("{column} = ANY(${}::text[])", values.len()));
            }
        }
    }
    if !required.is_empty() {
        values.push(required.into());
        clauses.push(format!("s.facet_tokens @> ${}::text[]", values.len()));
    }
    clauses.join(" AND ")
}

/// One row of the page: its id and the keys a cursor continues from.
#[derive(serde::Deserialize)]
struct PageKey {
    id: Uuid,
    rank: String,
    sort_name: String,
    updated: String,
}

#[derive(FromQueryResult)]
struct Scan {
    total: i64,
    page: serde_json::Value,
    facets: serde_json::Value,
}

/// The cursor: the sort key and id of the last item shown, opaque to clients.
fn encode_cursor(sort: Sort, key: &PageKey) -> String {
    let text = match sort {
        Sort::Relevance => format!("r|{:08x}|{}", key.rank.parse::<f32>().unwrap_or(0.0).to_bits(), key.id),
        Sort::Name => format!("n|{}|{}", key.id, key.sort_name),
        Sort::Updated => format!("u|{}|{}", key.id, key.updated),
    };
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
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
    // A cursor is ours or tampered with: no control character (NUL cannot
    // even reach PostgreSQL), a finite rank, a timestamp as we write them.
    if text.chars().any(char::is_control) {
        return Err(invalid());
    }
    let mut parts = text.splitn(3, '|');
    let (kind, a, b) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    match (sort, kind) {
        (Sort::Relevance, "r") => {
            let rank = u32::from_str_radix(a, 16).map(f32::from_bits).map_err(|_| invalid())?;
            if !rank.is_finite() {
                return Err(invalid());
            }
            Ok(Cursor::Rank(rank, b.parse().map_err(|_| invalid())?))
        }
        (Sort::Name, "n") => Ok(Cursor::Name(b.to_string(), a.parse().map_err(|_| invalid())?)),
        (Sort::Updated, "u") => {
            chrono::DateTime::parse_from_rfc3339(b).map_err(|_| invalid())?;
            Ok(Cursor::Updated(b.to_string(), a.parse().map_err(|_| invalid())?))
        }
        _ => Err(invalid()),
    }
}

impl Catalog {
    /// Two statements: one scan finds the matching set once (materialised)
    /// and yields its size, the page's ids with their sort keys, and every
    /// facet's counts; a second reads the page's summaries by id.
    pub async fn search(&self, query: &SearchQuery, locale: Locale) -> Result<SearchResults, AppError> {
        let limit = query.limit.clamp(1, SearchQuery::MAX_LIMIT);
        let mut values: Vec<Value> = vec![query.text.clone().unwrap_or_default().into(), locale.tag().into()];
        let filter = conditions(query, &mut values);
        // ts_rank, not ts_rank_cd: a third of the time at 100,000 entries
        // (docs/benchmarks.md), and weights still put names first. Use by
        // other administrations lifts an entry: a quarter more per factor e
        // of administrations, so it orders equals without outweighing text;
        // without a query, relevance is use alone: the most used first.
        let rank = if query.text.is_some() {
            format!("(ts_rank(s.search, {TSQUERY}, 1) * (1 + 0.25 * ln(1 + s.reuse_count)))::real")
        } else {
            "ln(1 + s.reuse_count)::real".into()
        };
        let mut keyset = "true".to_string();
        if let Some(cursor) = &query.cursor {
            let n = values.len();
            keyset = match decode_cursor(query.sort, cursor)? {
                Cursor::Rank(r, id) => {
                    values.extend([r.into(), id.into()]);
                    format!("(rank, id) < (${}::real, ${}::uuid)", n + 1, n + 2)
                }
                Cursor::Name(name, id) => {
                    values.extend([name.into(), id.into()]);
                    format!("(sort_name, id) > (${}, ${}::uuid)", n + 1, n + 2)
                }
                Cursor::Updated(at, id) => {
                    values.extend([at.into(), id.into()]);
                    format!("(updated_at, id) < (${}::timestamptz, ${}::uuid)", n + 1, n + 2)
                }
            };
        }
        let order = match query.sort {
            Sort::Relevance => "rank DESC, id DESC",
            Sort::Name => "sort_name, id",
            Sort::Updated => "updated_at DESC, id DESC",
        };
        let arrays = [
            ("category", "categories"),
            ("license", "licenses"),
            ("platform", "platforms"),
            ("language", "languages"),
            ("scope", "scopes"),
            ("standard", "standards"),
            ("reuse", "reuse_signals"),
        ];
        let mut counts = Vec::new();
        for (facet, column) in arrays {
            counts.push(format!("SELECT '{facet}' AS facet, v AS value, NULL::text AS label, count(*) AS n FROM m, unnest(m.{column}) AS v GROUP BY v"));
        }
        for (facet, column) in [
            ("developmentStatus", "development_status"),
            ("softwareType", "software_type"),
            ("maintenanceType", "maintenance_type"),
            ("land", "land"),
        ] {
            counts.push(format!(
                "SELECT '{facet}', {column}, NULL, count(*) FROM m WHERE {column} IS NOT NULL GROUP BY {column}"
            ));
        }
        counts.push("SELECT 'organisation', org_slug, max(org_name), count(*) FROM m GROUP BY org_slug".into());
        let sql_text = format!(
            "WITH m AS MATERIALIZED (\
               SELECT s.id, {rank} AS rank, lower(s.name) AS sort_name, s.updated_at, s.categories, s.licenses, s.platforms, \
                      s.languages, s.scopes, s.standards, s.reuse_signals, s.development_status, s.software_type, s.maintenance_type, \
                      o.land, o.slug AS org_slug, CASE WHEN $2 = 'en' THEN coalesce(o.name_en, o.name_de) ELSE o.name_de END AS org_name \
               FROM software s JOIN organisations o ON o.id = s.organisation_id WHERE {filter}), \
             page AS (SELECT id, rank, sort_name, updated_at FROM m WHERE {keyset} ORDER BY {order} LIMIT {}) \
             SELECT (SELECT count(*) FROM m) AS total, \
                    (SELECT coalesce(json_agg(json_build_object('id', id, 'rank', rank::text, 'sort_name', sort_name, \
                        'updated', to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')) ORDER BY {order}), '[]') FROM page) AS page, \
                    (SELECT coalesce(json_agg(f), '[]') FROM ({}) AS f) AS facets",
            limit + 1,
            counts.join(" UNION ALL ")
        );
        let scan: Scan = sql::one(&self.db, &sql_text, values).await?.ok_or(AppError::Internal)?;
        let mut page: Vec<PageKey> = serde_json::from_value(scan.page).map_err(internal("search page keys"))?;
        let next_cursor = if page.len() > limit as usize {
            page.truncate(limit as usize);
            page.last().map(|last| encode_cursor(query.sort, last))
        } else {
            None
        };
        let items = self.summaries(&page, locale).await?;
        let rows: Vec<CountRow> = serde_json::from_value::<Vec<serde_json::Value>>(scan.facets)
            .map_err(internal("facet counts"))?
            .into_iter()
            .filter_map(|f| {
                Some(CountRow {
                    facet: f["facet"].as_str()?.to_string(),
                    value: f["value"].as_str()?.to_string(),
                    label: f["label"].as_str().map(str::to_string),
                    n: f["n"].as_i64()?,
                })
            })
            .collect();
        let total = scan.total as u64;
        let facets = facet_counts(query, rows);
        let suggestion = match (&query.text, total) {
            (Some(text), 0) => self.suggestion(text).await?,
            _ => None,
        };
        Ok(SearchResults {
            total,
            items,
            facets,
            next_cursor,
            suggestion,
        })
    }

    /// The summaries of the page's entries, in the page's order.
    async fn summaries(&self, page: &[PageKey], locale: Locale) -> Result<Vec<SoftwareSummary>, AppError> {
        if page.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = page.iter().map(|k| k.id).collect();
        let rows: Vec<Row> = sql::all(
            &self.db,
            &format!(
                "SELECT {} FROM software s JOIN organisations o ON o.id = s.organisation_id WHERE s.id = ANY($1)",
                super::reads::summary_columns()
            ),
            [ids.clone().into(), locale.tag().into()],
        )
        .await?;
        let mut by_id: std::collections::HashMap<Uuid, Row> = rows.into_iter().map(|r| (r.id, r)).collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).map(Row::summary).collect())
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

/// The counted values per facet, labelled, with the selected values marked
/// (and kept visible even when nothing matches them now).
fn facet_counts(query: &SearchQuery, rows: Vec<CountRow>) -> Vec<FacetCounts> {
    let mut facets: Vec<FacetCounts> = Vec::new();
    for row in rows {
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
    for (facet, value) in &query.filters {
        let entry = match facets.iter().position(|f| f.facet == *facet) {
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
    facets
}
