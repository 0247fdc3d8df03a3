//! Reuse (Nachnutzung): agreements between administrations, walked through
//! the status machine of `app::reuse::workflow`, and the distribution keys
//! their costs are split by. Every change goes through the kernel's one
//! path: permission, rule, history row, audit event and notifications of
//! the other parties in one transaction.

mod agreements;
pub(crate) mod cost_blocks;
mod documents;
pub mod keys;
mod listing;
mod party_records;
mod reads;
mod reports;
mod service;
pub mod signals;
mod terms;
mod usage;

pub use agreements::ReuseRequest;
pub use documents::{Download, Upload};
pub use terms::Edited;
pub use usage::{usage_path, UsageSettings};

use crate::entities::{agreement_parties as parties, reuse_agreements};
use crate::kernel::{map_db_error, Actor, AgreementId, OrganisationId, Tx};
use app::error::AppError;
use app::reuse::workflow::{self, Acting, AgreementStatus, PartyRole, Refusal, Signatures};
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

pub struct Reuse {
    pub db: DatabaseConnection,
    pub usage: UsageSettings,
}

/// The workflow's refusal as the error a page or the API reports: acting
/// without standing is forbidden; a step the state does not allow is a
/// conflict that names why.
fn refused(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::NotAParty | Refusal::WrongParty | Refusal::NeedsPublisher | Refusal::NeedsOwner => AppError::Forbidden,
        Refusal::WrongState | Refusal::AlreadySigned => AppError::Conflict(refusal.message_key().into()),
    }
}

/// An agreement locked for a change (`SELECT … FOR UPDATE`), with its
/// parties, its status, and how the actor stands in it for the party named.
struct Locked {
    agreement: reuse_agreements::Model,
    parties: Vec<parties::Model>,
    status: AgreementStatus,
    acting: Acting,
}

async fn lock(tx: &Tx<'_>, actor: &Actor, id: AgreementId, acting_for: OrganisationId) -> Result<Locked, AppError> {
    let agreement = reuse_agreements::Entity::find_by_id(id)
        .lock_exclusive()
        .one(tx)
        .await
        .map_err(map_db_error)?
        .ok_or(AppError::NotFound)?;
    let parties = parties::Entity::find()
        .filter(parties::Column::AgreementId.eq(id))
        .all(tx)
        .await
        .map_err(map_db_error)?;
    // A person who is no member of the party they name is an outsider.
    let role = actor.role_in(acting_for);
    let party = parties
        .iter()
        .find(|p| p.organisation_id == acting_for)
        .and_then(|p| PartyRole::from_code(&p.role));
    let acting = Acting {
        party: role.and(party),
        role: role.unwrap_or(app::accounts::dto::Role::Member),
    };
    let status = AgreementStatus::from_code(&agreement.status).ok_or(AppError::Internal)?;
    Ok(Locked {
        agreement,
        parties,
        status,
        acting,
    })
}

/// The agreement locked for a change of its records (documents, contacts,
/// consent), once the workflow lets `actor` keep them for `acting_for`.
/// No version is asked for: such a change does not depend on what the
/// page showed, and the lock puts concurrent ones one after the other.
async fn lock_for_records(
    tx: &Tx<'_>,
    actor: &Actor,
    id: AgreementId,
    acting_for: OrganisationId,
) -> Result<Locked, AppError> {
    let locked = lock(tx, actor, id, acting_for).await?;
    workflow::keep_records(locked.status, locked.acting).map_err(refused)?;
    Ok(locked)
}

/// Raises the agreement's version: every change adds one, with one
/// history row (`terms::changed_since` counts on that).
async fn bump(tx: &Tx<'_>, agreement: &reuse_agreements::Model) -> Result<(), AppError> {
    reuse_agreements::ActiveModel {
        id: Unchanged(agreement.id),
        version: Set(agreement.version + 1),
        updated_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .update(tx)
    .await
    .map_err(map_db_error)?;
    Ok(())
}

/// Where signing stands for the party `acting`, from each party's id and
/// whether it has signed.
pub(crate) fn signatures(acting: OrganisationId, parties: impl Iterator<Item = (OrganisationId, bool)>) -> Signatures {
    let mut out = Signatures::default();
    for (party, signed) in parties {
        if party == acting {
            out.acting_party_signed = signed;
        } else if !signed {
            out.others_missing += 1;
        }
    }
    out
}

/// Where an agreement is shown.
pub fn agreement_path(id: crate::kernel::AgreementId) -> String {
    format!("/nachnutzung/vereinbarungen/{id}")
}
