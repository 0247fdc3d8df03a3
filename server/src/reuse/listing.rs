//! Agreements as lists show them: public summaries only (entry, kind,
//! status, parties, dates), so anyone may read them. SQL by nature: the
//! parties are aggregated per agreement and the status counts per filter.

use super::Reuse;
use crate::db::sql;
use app::error::AppError;
use app::reuse::dto::{AgreementList, AgreementSummary, EntryReuse, OrganisationRef};
use app::reuse::query::AgreementQuery;
use app::reuse::terms::AgreementKind;
use app::reuse::workflow::AgreementStatus;
use sea_orm::{FromQueryResult, Value};

const TS: &str = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

#[derive(FromQueryResult)]
struct Row {
    id: uuid::Uuid,
    software_slug: String,
    software_name: String,
    kind: String,
    status: String,
    opened_at: String,
    changed_at: String,
    provider_slug: String,
    provider_name: String,
    reusers: serde_json::Value,
}

#[derive(FromQueryResult)]
struct Count {
    status: String,
    n: i64,
}

/// What a list asks for, beyond one page.
struct Filter {
    kind: Option<AgreementKind>,
    land: Option<String>,
    software: Option<uuid::Uuid>,
}

impl Filter {
    fn of(query: &AgreementQuery) -> Filter {
        Filter {
            kind: query.kind,
            land: query.land.clone(),
            software: None,
        }
    }

    /// The `WHERE` clause of the filters that are set, from fixed fragments,
    /// with their values as parameters, and any statuses. Only what is set
    /// goes in: with `$n IS NULL OR …` for the others, PostgreSQL's
    /// estimates were so far off that it compiled each query with JIT
    /// (230 ms of 300; docs/benchmarks.md).
    fn clause(&self, statuses: Option<&[AgreementStatus]>) -> (String, Vec<Value>) {
        let mut parts = vec!["true".to_owned()];
        let mut values: Vec<Value> = Vec::new();
        let mut add = |fragment: &str, value: Value| {
            values.push(value);
            parts.push(fragment.replace("$?", &format!("${}", values.len())));
        };
        if let Some(kind) = self.kind {
            add("a.kind = $?", kind.code().into());
        }
        if let Some(land) = &self.land {
            add(
                "a.id IN (SELECT f.agreement_id FROM agreement_parties f JOIN organisations fo ON fo.id = f.organisation_id \
                 WHERE fo.land = $?)",
                land.clone().into(),
            );
        }
        if let Some(software) = self.software {
            add("a.software_id = $?", software.into());
        }
        if let Some(statuses) = statuses {
            // As one text: the statuses are codes without commas.
            let codes: Vec<&str> = statuses.iter().map(|s| s.code()).collect();
            add("a.status = ANY(string_to_array($?, ','))", codes.join(",").into());
        }
        (parts.join(" AND "), values)
    }
}

impl Reuse {
    pub async fn agreements(&self, query: &AgreementQuery) -> Result<AgreementList, AppError> {
        let filter = Filter::of(query);
        let by_status = self.counts(&filter).await?;
        let total = match query.status {
            Some(status) => by_status.iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n),
            None => by_status.iter().map(|(_, n)| n).sum(),
        };
        let page_size = u64::from(AgreementQuery::PAGE_SIZE);
        let offset = u64::from(query.page.saturating_sub(1)) * page_size;
        let items = self
            .summaries(&filter, query.status.map(|s| vec![s]), page_size, offset)
            .await?;
        Ok(AgreementList {
            items,
            total,
            by_status,
        })
    }

    /// Every agreement the query's filters match (its page ignored), in the
    /// list's order, in one statement: the exports.
    pub async fn all_agreements(&self, query: &AgreementQuery) -> Result<Vec<AgreementSummary>, AppError> {
        let statuses = query.status.map(|s| vec![s]);
        self.summaries(&Filter::of(query), statuses, i64::MAX as u64, 0).await
    }

    /// A software page's part: agreements in force (all of them: an entry
    /// has few) and how many are on the way.
    pub async fn entry_reuse(&self, software_slug: &str) -> Result<EntryReuse, AppError> {
        let software: uuid::Uuid = sql::value(
            &self.db,
            "SELECT id AS value FROM software WHERE slug = $1",
            [software_slug.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        let filter = Filter {
            kind: None,
            land: None,
            software: Some(software),
        };
        let in_force: Vec<AgreementStatus> = AgreementStatus::ALL
            .iter()
            .copied()
            .filter(|s| s.is_in_force())
            .collect();
        let under_way = self
            .counts(&filter)
            .await?
            .into_iter()
            .filter(|(s, _)| !s.is_in_force() && !s.is_final())
            .map(|(_, n)| n)
            .sum();
        Ok(EntryReuse {
            in_force: self.summaries(&filter, Some(in_force), 500, 0).await?,
            under_way,
            usage: Default::default(),
        })
    }

    /// Agreements per status under `filter`, in the status machine's order,
    /// statuses without any left out.
    async fn counts(&self, filter: &Filter) -> Result<Vec<(AgreementStatus, u64)>, AppError> {
        let (clause, values) = filter.clause(None);
        let rows: Vec<Count> = sql::all(
            &self.db,
            &format!("SELECT a.status, count(*) AS n FROM reuse_agreements a WHERE {clause} GROUP BY a.status"),
            values,
        )
        .await?;
        Ok(AgreementStatus::ALL
            .iter()
            .filter_map(|s| {
                let n = rows.iter().find(|r| r.status == s.code())?.n;
                Some((*s, n.max(0) as u64))
            })
            .collect())
    }

    async fn summaries(
        &self,
        filter: &Filter,
        statuses: Option<Vec<AgreementStatus>>,
        limit: u64,
        offset: u64,
    ) -> Result<Vec<AgreementSummary>, AppError> {
        let (clause, mut values) = filter.clause(statuses.as_deref());
        let (limit_at, offset_at) = (values.len() + 1, values.len() + 2);
        values.push((limit as i64).into());
        values.push((offset as i64).into());
        let rows: Vec<Row> = sql::all(
            &self.db,
            &format!(
                "SELECT a.id, s.slug AS software_slug, s.name AS software_name, a.kind, a.status, \
                        to_char(a.created_at AT TIME ZONE 'UTC', {TS}) AS opened_at, \
                        to_char(a.updated_at AT TIME ZONE 'UTC', {TS}) AS changed_at, \
                        po.slug AS provider_slug, po.name_de AS provider_name, \
                        COALESCE((SELECT json_agg(json_build_object('slug', ro.slug, 'name', ro.name_de) ORDER BY ro.name_de) \
                                  FROM agreement_parties r JOIN organisations ro ON ro.id = r.organisation_id \
                                  WHERE r.agreement_id = a.id AND r.role = 'reuser'), '[]'::json) AS reusers \
                 FROM reuse_agreements a JOIN software s ON s.id = a.software_id \
                 JOIN agreement_parties pp ON pp.agreement_id = a.id AND pp.role = 'provider' \
                 JOIN organisations po ON po.id = pp.organisation_id \
                 WHERE {clause} \
                 ORDER BY a.updated_at DESC, a.id LIMIT ${limit_at} OFFSET ${offset_at}"
            ),
            values,
        )
        .await?;
        rows.into_iter().map(summary).collect()
    }
}

fn summary(row: Row) -> Result<AgreementSummary, AppError> {
    let reusers: Vec<OrganisationRef> = serde_json::from_value(row.reusers).map_err(|error| {
        tracing::error!(%error, "the reusers of an agreement are not a list of names");
        AppError::Internal
    })?;
    Ok(AgreementSummary {
        id: row.id.to_string(),
        software_slug: row.software_slug,
        software_name: row.software_name,
        kind: AgreementKind::from_code(&row.kind).ok_or(AppError::Internal)?,
        status: AgreementStatus::from_code(&row.status).ok_or(AppError::Internal)?,
        provider: OrganisationRef {
            slug: row.provider_slug,
            name: row.provider_name,
        },
        reusers,
        opened_at: row.opened_at,
        changed_at: row.changed_at,
    })
}
