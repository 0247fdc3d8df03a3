//! Cost blocks: added and removed by a party's publishers while the parties
//! coordinate (as the terms are), each a version of the agreement with its
//! history row; and every payer's share, computed when shown, from the
//! block's stored key, the parties and the key table of the block's year.

use super::terms::{lock_for_editing, record_edit};
use super::{bump, Reuse};
use crate::db::sql;
use crate::entities::{agreement_cost_blocks as blocks, reuse_agreements as agreements};
use crate::kernel::{map_db_error, Actor, AgreementId, OrganisationId, Permission, Tx, Who};
use app::error::{AppError, FieldError};
use app::reuse::cost_blocks::{BlockKind, NewBlock, PartyInfo, Payer, SplitSpec};
use app::reuse::dto::{CostBlockView, PayerView, ShareView};
use app::reuse::keys::{KeyTable, Unit};
use app::reuse::workflow::{AgreementStatus, PartyRole};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, ModelTrait, QueryFilter, QueryOrder,
};
use std::net::IpAddr;

/// The key table the split keys name.
const KOENIGSTEIN: &str = "Königsteiner Schlüssel";

/// A party with what its shares need and show.
#[derive(FromQueryResult)]
struct PartyRow {
    organisation_id: uuid::Uuid,
    name: String,
    role: String,
    land: Option<String>,
}

impl Reuse {
    /// Adds a block from the form's fields (`get`); the key is checked
    /// against the parties before anything is stored.
    pub async fn add_cost_block(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        id: AgreementId,
        acting_for: OrganisationId,
        version: i32,
        get: impl Fn(&str) -> String,
    ) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let (agreement, all, status) = lock_at_version(&tx, actor, id, acting_for, version).await?;
        let parties = party_infos(&party_rows(&tx, id).await?);
        let year = newest_year(&tx).await?;
        let block = NewBlock::from_form(get, &parties, year).map_err(AppError::Invalid)?;
        let table = match block.split.year() {
            Some(year) => koenigstein(&tx, year).await?,
            None => None,
        };
        if let Err(error) = block.split.key(&parties, table.as_ref()) {
            return Err(AppError::Invalid(vec![FieldError::new("split", error.message_key())]));
        }
        let split = serde_json::to_value(&block.split).map_err(|_| AppError::Internal)?;
        blocks::ActiveModel {
            id: Set(crate::kernel::CostBlockId::new()),
            agreement_id: Set(id),
            kind: Set(block.kind.code().to_owned()),
            period: Set(block.period.clone()),
            amount_cents: Set(block.amount_cents),
            split: Set(split),
            created_by: Set(Some(actor.user_id)),
            created_at: Set(chrono::Utc::now()),
        }
        .insert(&tx)
        .await
        .map_err(map_db_error)?;
        bump(&tx, &agreement).await?;
        let change = serde_json::json!(["", summary(block.kind, &block.period, block.amount_cents)]);
        record_edit(
            &tx,
            actor,
            acting_for,
            &agreement,
            &all,
            status,
            [("costs".to_owned(), change)].into_iter().collect(),
        )
        .await?;
        tx.done(()).await
    }

    pub async fn remove_cost_block(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        id: AgreementId,
        acting_for: OrganisationId,
        version: i32,
        block: crate::kernel::CostBlockId,
    ) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let (agreement, all, status) = lock_at_version(&tx, actor, id, acting_for, version).await?;
        let row = blocks::Entity::find_by_id(block)
            .filter(blocks::Column::AgreementId.eq(id))
            .one(&tx)
            .await
            .map_err(map_db_error)?
            .ok_or(AppError::NotFound)?;
        let kind = BlockKind::from_code(&row.kind).ok_or(AppError::Internal)?;
        let change = serde_json::json!([summary(kind, &row.period, row.amount_cents), ""]);
        row.delete(&tx).await.map_err(map_db_error)?;
        bump(&tx, &agreement).await?;
        record_edit(
            &tx,
            actor,
            acting_for,
            &agreement,
            &all,
            status,
            [("costs".to_owned(), change)].into_iter().collect(),
        )
        .await?;
        tx.done(()).await
    }

    /// The agreement's blocks with every payer's share, for a reader who
    /// sees the confidential parts.
    pub(super) async fn cost_views(&self, id: AgreementId) -> Result<Vec<CostBlockView>, AppError> {
        let rows = blocks::Entity::find()
            .filter(blocks::Column::AgreementId.eq(id))
            .order_by_asc(blocks::Column::CreatedAt)
            .all(&self.db)
            .await
            .map_err(map_db_error)?;
        let party_rows = party_rows(&self.db, id).await?;
        let parties = party_infos(&party_rows);
        let mut views = Vec::new();
        for row in rows {
            let spec: SplitSpec = serde_json::from_value(row.split.clone()).map_err(|error| {
                tracing::error!(%error, "a stored split key does not read");
                AppError::Internal
            })?;
            let table = match spec.year() {
                Some(year) => koenigstein(&self.db, year).await?,
                None => None,
            };
            let (shares, problem) = match spec.shares(row.amount_cents, &parties, table.as_ref()) {
                Ok(shares) => (shares, None),
                // A party left or a key table is gone: say so, show no figures.
                Err(error) => (Vec::new(), Some(error.message_key().to_owned())),
            };
            views.push(CostBlockView {
                id: row.id.to_string(),
                kind: BlockKind::from_code(&row.kind).ok_or(AppError::Internal)?,
                period: row.period,
                amount_cents: row.amount_cents,
                split: spec.choice(),
                year: spec.year(),
                shares: shares
                    .into_iter()
                    .map(|(payer, cents)| ShareView {
                        payer: payer_view(&payer, &party_rows),
                        cents,
                    })
                    .collect(),
                problem,
            });
        }
        Ok(views)
    }
}

/// The agreement locked for a cost change, refused when the page that asks
/// was read at another version.
async fn lock_at_version(
    tx: &Tx<'_>,
    actor: &Actor,
    id: AgreementId,
    acting_for: OrganisationId,
    version: i32,
) -> Result<
    (
        agreements::Model,
        Vec<crate::entities::agreement_parties::Model>,
        AgreementStatus,
    ),
    AppError,
> {
    let locked = lock_for_editing(tx, actor, id, acting_for).await?;
    if locked.0.version != version {
        return Err(AppError::Conflict("reuse.error.changed_meanwhile".into()));
    }
    Ok(locked)
}

/// A block in the history: language-neutral, as the history stores codes.
fn summary(kind: BlockKind, period: &str, cents: i64) -> String {
    format!("{} · {period} · {}.{:02}", kind.code(), cents / 100, cents % 100)
}

async fn party_rows(c: &impl ConnectionTrait, id: AgreementId) -> Result<Vec<PartyRow>, AppError> {
    sql::all(
        c,
        "SELECT p.organisation_id, o.name_de AS name, p.role, o.land FROM agreement_parties p \
         JOIN organisations o ON o.id = p.organisation_id WHERE p.agreement_id = $1 ORDER BY o.name_de",
        [id.into()],
    )
    .await
}

fn party_infos(rows: &[PartyRow]) -> Vec<PartyInfo> {
    rows.iter()
        .filter_map(|r| {
            Some(PartyInfo {
                id: r.organisation_id.to_string(),
                role: PartyRole::from_code(&r.role)?,
                land: r.land.clone(),
            })
        })
        .collect()
}

fn payer_view(payer: &Payer, parties: &[PartyRow]) -> PayerView {
    match payer {
        Payer::Party(id) => PayerView::Party(
            parties
                .iter()
                .find(|p| &p.organisation_id.to_string() == id)
                .map_or_else(|| id.clone(), |p| p.name.clone()),
        ),
        Payer::Federation => PayerView::Federation,
        Payer::Land(code) => PayerView::Land(code.clone()),
    }
}

/// The newest Königsteiner Schlüssel loaded: new blocks use it.
pub(crate) async fn newest_year(c: &impl ConnectionTrait) -> Result<Option<i32>, AppError> {
    sql::value(
        c,
        "SELECT max(year) AS value FROM distribution_keys WHERE name = $1",
        [KOENIGSTEIN.into()],
    )
    .await
    .map(Option::flatten)
}

pub(super) async fn koenigstein(c: &impl ConnectionTrait, year: i32) -> Result<Option<KeyTable>, AppError> {
    #[derive(FromQueryResult)]
    struct Weight {
        land: String,
        weight: i64,
        source: String,
    }
    let weights: Vec<Weight> = sql::all(
        c,
        "SELECT w.land, w.weight, k.source FROM distribution_key_weights w JOIN distribution_keys k ON k.id = w.key_id \
         WHERE k.name = $1 AND k.year = $2 ORDER BY w.land",
        [KOENIGSTEIN.into(), year.into()],
    )
    .await?;
    Ok((!weights.is_empty()).then(|| KeyTable {
        name: KOENIGSTEIN.to_owned(),
        year,
        unit: Unit::Percent,
        source: weights[0].source.clone(),
        weights: weights
            .iter()
            .map(|w| (w.land.clone(), w.weight.max(0) as u64))
            .collect(),
    }))
}
