//! Changing an agreement's terms while the parties coordinate. The form
//! names the version it was read at; a save on an older version is not
//! applied: the fields changed since then come back as errors at their
//! fields, so that the second person sees what changed and decides.

use super::{refused, Reuse};
use crate::entities::{agreement_history as history, agreement_parties as parties, reuse_agreements as agreements};
use crate::kernel::{map_db_error, Actor, AgreementId, AuditAction, Event, OrganisationId, Permission, Tx, Who};
use crate::notifications::{notify_publishers, Notice, NoticeKind};
use app::error::{AppError, FieldError};
use app::reuse::terms::{AgreementKind, LegalBasis};
use app::reuse::terms_form::{Terms, FIELDS};
use app::reuse::workflow::{self, AgreementStatus};
use chrono::NaiveDate;
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeSet;
use std::net::IpAddr;

/// What an edit changed, if anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edited {
    Saved(Vec<&'static str>),
    Unchanged,
}

impl Reuse {
    pub async fn edit_terms(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        id: AgreementId,
        acting_for: OrganisationId,
        version: i32,
        terms: Terms,
    ) -> Result<Edited, AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let (agreement, all, status) = lock_for_editing(&tx, actor, id, acting_for).await?;
        if agreement.version != version {
            // Costs, documents or contacts changed meanwhile: the terms as
            // read are still the terms, so the save goes through.
            if let Some(conflict) = changed_since(&tx, id, agreement.version, version).await? {
                return Err(conflict);
            }
        }
        let current = terms_of(&agreement)?;
        let changes = current.changes(&terms);
        if changes.is_empty() {
            return tx.done(Edited::Unchanged).await;
        }
        let date = |d: &Option<String>| {
            d.as_deref()
                .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d"))
                .transpose()
                .map_err(|_| AppError::Internal)
        };
        let text = |t: &str| Some(t.to_owned()).filter(|t| !t.is_empty());
        agreements::ActiveModel {
            id: Unchanged(id),
            kind: Set(terms.kind.code().to_owned()),
            legal_basis: Set(terms.legal_basis.map(|b| b.code().to_owned())),
            legal_basis_note: Set(text(&terms.legal_basis_note)),
            versions: Set(text(&terms.versions)),
            support: Set(text(&terms.support)),
            maintenance: Set(text(&terms.maintenance)),
            contribute_back: Set(terms.contribute_back),
            starts_on: Set(date(&terms.starts_on)?),
            ends_on: Set(date(&terms.ends_on)?),
            notice_months: Set(terms.notice_months),
            version: Set(agreement.version + 1),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .update(&tx)
        .await
        .map_err(map_db_error)?;
        let recorded: serde_json::Map<String, serde_json::Value> = changes
            .iter()
            .map(|(field, before, after)| (field.to_string(), serde_json::json!([before, after])))
            .collect();
        let fields: Vec<&'static str> = changes.iter().map(|(f, _, _)| *f).collect();
        record_edit(&tx, actor, acting_for, &agreement, &all, status, recorded).await?;
        tx.done(Edited::Saved(fields)).await
    }
}

/// What every edit of an agreement leaves behind: a history row with each
/// changed field's before and after, an audit event, and a notification to
/// every party's publishers. (The caller has raised the version.)
pub(super) async fn record_edit(
    tx: &Tx<'_>,
    actor: &Actor,
    acting_for: OrganisationId,
    agreement: &agreements::Model,
    all: &[parties::Model],
    status: AgreementStatus,
    changes: serde_json::Map<String, serde_json::Value>,
) -> Result<(), AppError> {
    let fields: Vec<String> = changes.keys().cloned().collect();
    history::ActiveModel {
        agreement_id: Set(agreement.id),
        at: Set(chrono::Utc::now()),
        actor_id: Set(Some(actor.user_id)),
        acting_for: Set(Some(acting_for)),
        action: Set(super::agreements::EDITED.to_owned()),
        from_status: Set(Some(status.code().to_owned())),
        to_status: Set(status.code().to_owned()),
        changes: Set(serde_json::Value::Object(changes)),
        ..Default::default()
    }
    .insert(tx)
    .await
    .map_err(map_db_error)?;
    let name = super::agreements::software_name(tx, agreement.software_id).await?;
    tx.record(
        Event::new(AuditAction::AgreementStep)
            .organisation(acting_for)
            .subject(name.clone())
            .details(serde_json::json!({"agreement": agreement.id, "action": "edit", "fields": fields})),
    );
    for party in all {
        notify_publishers(
            tx,
            party.organisation_id,
            Notice::new(NoticeKind::AgreementStep, &super::agreement_path(agreement.id))
                .subject(&name)
                .by(actor),
        )
        .await?;
    }
    Ok(())
}

/// The agreement locked for a change of its terms or costs, its parties
/// and status, once the workflow allows `actor` to edit for `acting_for`.
pub(super) async fn lock_for_editing(
    tx: &Tx<'_>,
    actor: &Actor,
    id: AgreementId,
    acting_for: OrganisationId,
) -> Result<(agreements::Model, Vec<parties::Model>, AgreementStatus), AppError> {
    let locked = super::lock(tx, actor, id, acting_for).await?;
    workflow::edit_terms(locked.status, locked.acting).map_err(refused)?;
    Ok((locked.agreement, locked.parties, locked.status))
}

/// The error for a save on version `read` when the agreement is at
/// `current`: the terms' fields edited since, each at its field; none when
/// only other parts changed. Every change to an agreement adds one version
/// and one history row, so the rows since `read` are the newest
/// `current - read`.
async fn changed_since(tx: &Tx<'_>, id: AgreementId, current: i32, read: i32) -> Result<Option<AppError>, AppError> {
    let since = u64::try_from(current - read).unwrap_or(0);
    if since == 0 {
        // A version from the future: the form was forged or garbled.
        return Ok(Some(AppError::Conflict("reuse.error.changed_meanwhile".into())));
    }
    let rows = history::Entity::find()
        .filter(history::Column::AgreementId.eq(id))
        .order_by_desc(history::Column::Id)
        .limit(since)
        .all(tx)
        .await
        .map_err(map_db_error)?;
    let changed: BTreeSet<String> = rows
        .iter()
        .filter_map(|row| row.changes.as_object())
        .flat_map(|changes| changes.keys().cloned())
        .collect();
    let errors: Vec<FieldError> = FIELDS
        .iter()
        .filter(|f| changed.contains(**f))
        .map(|f| FieldError::new(f, "reuse.terms.changed_meanwhile"))
        .collect();
    // A step (no field changes) meanwhile may have ended the coordination;
    // `lock_for_editing` has refused the save then.
    Ok((!errors.is_empty()).then_some(AppError::Invalid(errors)))
}

/// The terms as stored.
pub(super) fn terms_of(agreement: &agreements::Model) -> Result<Terms, AppError> {
    Ok(Terms {
        kind: AgreementKind::from_code(&agreement.kind).ok_or(AppError::Internal)?,
        legal_basis: agreement.legal_basis.as_deref().and_then(LegalBasis::from_code),
        legal_basis_note: agreement.legal_basis_note.clone().unwrap_or_default(),
        versions: agreement.versions.clone().unwrap_or_default(),
        support: agreement.support.clone().unwrap_or_default(),
        maintenance: agreement.maintenance.clone().unwrap_or_default(),
        contribute_back: agreement.contribute_back,
        starts_on: agreement.starts_on.map(|d| d.format("%Y-%m-%d").to_string()),
        ends_on: agreement.ends_on.map(|d| d.format("%Y-%m-%d").to_string()),
        notice_months: agreement.notice_months,
    })
}
