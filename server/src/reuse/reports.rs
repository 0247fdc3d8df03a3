//! Reports on reuse in force, per Land and per organisation, and the graph
//! between the Länder. SQL by nature (aggregates over all agreements); the
//! report itself is put together by `app::reuse::report::build`. Cost
//! shares count only for agreements whose costs the reader may see: the
//! parties' members, site administrators, or everyone once published.

use super::cost_blocks::koenigstein;
use super::Reuse;
use crate::db::sql;
use crate::kernel::{Actor, OrganisationId};
use app::directory::dto::land_name;
use app::error::AppError;
use app::reuse::cost_blocks::{PartyInfo, Payer, SplitSpec};
use app::reuse::dto::OrganisationRef;
use app::reuse::keys::KeyTable;
use app::reuse::report::{self, DeclaredUse, ReportAgreement, ReportParty, ReuseGraph, ReuseReport, Scope, FEDERAL};
use app::reuse::workflow::{AgreementStatus, PartyRole};
use sea_orm::{FromQueryResult, Value};
use std::collections::{BTreeMap, HashMap};

/// The statuses a report counts, as SQL (codes, nothing to quote).
fn in_force() -> String {
    AgreementStatus::ALL
        .iter()
        .filter(|s| s.is_in_force())
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(FromQueryResult)]
struct Row {
    agreement_id: uuid::Uuid,
    software_slug: String,
    software_name: String,
    organisation_id: OrganisationId,
    slug: String,
    name: String,
    land: Option<String>,
    role: String,
    publishes_confidential: bool,
}

#[derive(FromQueryResult)]
struct Block {
    agreement_id: uuid::Uuid,
    period: String,
    amount_cents: i64,
    split: serde_json::Value,
}

impl Reuse {
    pub async fn land_report(&self, reader: Option<&Actor>, land: &str) -> Result<ReuseReport, AppError> {
        let name = land_name(land).ok_or(AppError::NotFound)?;
        let touching = "SELECT f.agreement_id FROM agreement_parties f JOIN organisations fo ON fo.id = f.organisation_id WHERE fo.land = $1";
        let agreements = self
            .touching(reader, touching, land.into(), &Scope::Land(land.to_owned()))
            .await?;
        let mut report = report::build(Scope::Land(land.to_owned()), name.to_owned(), &agreements);
        (report.declared, report.declared_count) = self.declared("o.land = $1", land.into()).await?;
        Ok(report)
    }

    pub async fn organisation_report(&self, reader: Option<&Actor>, slug: &str) -> Result<ReuseReport, AppError> {
        #[derive(FromQueryResult)]
        struct Organisation {
            id: OrganisationId,
            name: String,
        }
        let organisation: Organisation = sql::one(
            &self.db,
            "SELECT id, name_de AS name FROM organisations WHERE slug = $1",
            [slug.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        let scope = Scope::Organisation(OrganisationRef {
            slug: slug.to_owned(),
            name: organisation.name.clone(),
        });
        let touching = "SELECT f.agreement_id FROM agreement_parties f WHERE f.organisation_id = $1";
        let agreements = self.touching(reader, touching, organisation.id.into(), &scope).await?;
        let mut report = report::build(scope, organisation.name, &agreements);
        (report.declared, report.declared_count) = self.declared("o.id = $1", organisation.id.into()).await?;
        Ok(report)
    }

    /// The current, verified declarations of the organisations `filter`
    /// names (`o.…`, parameter `$1`): at most `LINES`, with the count of all.
    async fn declared(&self, filter: &str, value: Value) -> Result<(Vec<DeclaredUse>, usize), AppError> {
        #[derive(FromQueryResult)]
        struct Row {
            software_slug: String,
            software_name: String,
            organisation_slug: String,
            organisation_name: String,
            version: String,
            total: i64,
        }
        let rows: Vec<Row> = sql::all(
            &self.db,
            &format!(
                "SELECT s.slug AS software_slug, s.name AS software_name, o.slug AS organisation_slug, \
                        o.name_de AS organisation_name, d.version, count(*) OVER () AS total \
                   FROM usage_declarations d JOIN software s ON s.id = d.software_id \
                   JOIN organisations o ON o.id = d.organisation_id \
                  WHERE {filter} AND o.verified AND d.expires_at > now() AND s.active \
                  ORDER BY s.name, o.name_de LIMIT {}",
                report::LINES
            ),
            [value],
        )
        .await?;
        let total = rows.first().map_or(0, |r| r.total.max(0) as usize);
        let declared = rows
            .into_iter()
            .map(|r| DeclaredUse {
                software_slug: r.software_slug,
                software_name: r.software_name,
                organisation: OrganisationRef {
                    slug: r.organisation_slug,
                    name: r.organisation_name,
                },
                version: r.version,
            })
            .collect();
        Ok((declared, total))
    }

    /// Agreements in force between the Länder: one statement over all.
    pub async fn graph(&self) -> Result<ReuseGraph, AppError> {
        #[derive(FromQueryResult)]
        struct Edge {
            from_land: String,
            to_land: String,
            n: i64,
        }
        let edges: Vec<Edge> = sql::all(
            &self.db,
            &format!(
                "SELECT coalesce(po.land, '{FEDERAL}') AS from_land, coalesce(ro.land, '{FEDERAL}') AS to_land, count(DISTINCT a.id) AS n \
                 FROM reuse_agreements a \
                 JOIN agreement_parties pp ON pp.agreement_id = a.id AND pp.role = 'provider' JOIN organisations po ON po.id = pp.organisation_id \
                 JOIN agreement_parties rp ON rp.agreement_id = a.id AND rp.role = 'reuser' JOIN organisations ro ON ro.id = rp.organisation_id \
                 WHERE a.status IN ({}) GROUP BY 1, 2 ORDER BY 1, 2",
                in_force()
            ),
            [],
        )
        .await?;
        Ok(ReuseGraph {
            edges: edges
                .into_iter()
                .map(|e| (e.from_land, e.to_land, e.n.max(0) as u64))
                .collect(),
        })
    }

    /// The agreements in force that `touching` (a subquery on `$1`) names,
    /// with the scope's cost shares where the reader may see them.
    async fn touching(
        &self,
        reader: Option<&Actor>,
        touching: &str,
        value: Value,
        scope: &Scope,
    ) -> Result<Vec<ReportAgreement>, AppError> {
        let rows: Vec<Row> = sql::all(
            &self.db,
            &format!(
                "SELECT a.id AS agreement_id, s.slug AS software_slug, s.name AS software_name, p.organisation_id, \
                        o.slug, o.name_de AS name, o.land, p.role, p.publishes_confidential \
                 FROM reuse_agreements a JOIN software s ON s.id = a.software_id \
                 JOIN agreement_parties p ON p.agreement_id = a.id JOIN organisations o ON o.id = p.organisation_id \
                 WHERE a.status IN ({}) AND a.id IN ({touching}) ORDER BY a.id, o.name_de",
                in_force()
            ),
            [value],
        )
        .await?;
        let mut grouped: Vec<(uuid::Uuid, Vec<Row>)> = Vec::new();
        for row in rows {
            match grouped.last_mut() {
                Some((id, parties)) if *id == row.agreement_id => parties.push(row),
                _ => grouped.push((row.agreement_id, vec![row])),
            }
        }
        let visible: Vec<uuid::Uuid> = grouped
            .iter()
            .filter(|(_, parties)| {
                super::reads::may_see(
                    reader,
                    parties.iter().map(|p| (p.organisation_id, p.publishes_confidential)),
                )
            })
            .map(|(id, _)| *id)
            .collect();
        let mut shares = self.scope_shares(&visible, &grouped, scope).await?;
        Ok(grouped
            .into_iter()
            .map(|(id, parties)| ReportAgreement {
                software_slug: parties[0].software_slug.clone(),
                software_name: parties[0].software_name.clone(),
                shares: visible.contains(&id).then(|| shares.remove(&id).unwrap_or_default()),
                parties: parties
                    .into_iter()
                    .filter_map(|p| {
                        Some(ReportParty {
                            id: p.organisation_id.to_string(),
                            role: PartyRole::from_code(&p.role)?,
                            organisation: OrganisationRef {
                                slug: p.slug,
                                name: p.name,
                            },
                            land: p.land,
                        })
                    })
                    .collect(),
            })
            .collect())
    }

    /// What the scope pays per period in each visible agreement: its
    /// parties' shares and, for a Land, its share of "all Länder".
    async fn scope_shares(
        &self,
        visible: &[uuid::Uuid],
        grouped: &[(uuid::Uuid, Vec<Row>)],
        scope: &Scope,
    ) -> Result<HashMap<uuid::Uuid, Vec<(String, i64)>>, AppError> {
        let mut out: HashMap<uuid::Uuid, Vec<(String, i64)>> = HashMap::new();
        if visible.is_empty() {
            return Ok(out);
        }
        let ids: Vec<Value> = visible.iter().map(|id| (*id).into()).collect();
        let blocks: Vec<Block> = sql::all(
            &self.db,
            "SELECT agreement_id, period, amount_cents, split FROM agreement_cost_blocks WHERE agreement_id = ANY($1) ORDER BY created_at",
            [Value::Array(sea_orm::sea_query::ArrayType::Uuid, Some(Box::new(ids)))],
        )
        .await?;
        let parties: HashMap<uuid::Uuid, &Vec<Row>> = grouped.iter().map(|(id, rows)| (*id, rows)).collect();
        let mut tables: BTreeMap<i32, Option<KeyTable>> = BTreeMap::new();
        for block in blocks {
            let Some(rows) = parties.get(&block.agreement_id) else {
                continue;
            };
            let Ok(spec) = serde_json::from_value::<SplitSpec>(block.split) else {
                tracing::error!(agreement = %block.agreement_id, "a stored split key does not read");
                continue;
            };
            let table = match spec.year() {
                Some(year) => match tables.get(&year) {
                    Some(table) => table.clone(),
                    None => {
                        let table = koenigstein(&self.db, year).await?;
                        tables.insert(year, table.clone());
                        table
                    }
                },
                None => None,
            };
            let infos: Vec<PartyInfo> = rows
                .iter()
                .filter_map(|r| {
                    Some(PartyInfo {
                        id: r.organisation_id.to_string(),
                        role: PartyRole::from_code(&r.role)?,
                        land: r.land.clone(),
                    })
                })
                .collect();
            // A key that cannot be applied now shows as a problem on the
            // agreement's page; the report counts nothing for it.
            let Ok(split) = spec.shares(block.amount_cents, &infos, table.as_ref()) else {
                continue;
            };
            let cents: i64 = split
                .iter()
                .filter(|(payer, _)| pays_for(scope, payer, rows))
                .map(|(_, cents)| cents)
                .sum();
            out.entry(block.agreement_id).or_default().push((block.period, cents));
        }
        Ok(out)
    }
}

/// A payer the scope answers for.
fn pays_for(scope: &Scope, payer: &Payer, rows: &[Row]) -> bool {
    match (scope, payer) {
        (Scope::Land(land), Payer::Land(code)) => land == code,
        (Scope::Land(land), Payer::Party(id)) => rows
            .iter()
            .any(|r| r.organisation_id.to_string() == *id && r.land.as_deref() == Some(land.as_str())),
        (Scope::Organisation(o), Payer::Party(id)) => rows
            .iter()
            .any(|r| r.organisation_id.to_string() == *id && r.slug == o.slug),
        _ => false,
    }
}
