//! Reuse (Nachnutzung): agreements between administrations, walked through
//! the status machine of `app::reuse::workflow`, and the distribution keys
//! their costs are split by. Every change goes through the kernel's one
//! path: permission, rule, history row, audit event and notifications of
//! the other parties in one transaction.

mod agreements;
pub(crate) mod cost_blocks;
pub mod keys;
mod listing;
mod reads;
mod service;
mod terms;

pub use agreements::ReuseRequest;
pub use terms::Edited;

use crate::entities::{agreement_parties as parties, reuse_agreements};
use crate::kernel::{map_db_error, Actor, AgreementId, OrganisationId, Tx};
use app::error::AppError;
use app::reuse::workflow::{Acting, AgreementStatus, PartyRole, Refusal, Signatures};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

pub struct Reuse {
    pub db: DatabaseConnection,
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
