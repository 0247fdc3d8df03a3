//! Reuse (Nachnutzung): agreements between administrations, walked through
//! the status machine of `app::reuse::workflow`, and the distribution keys
//! their costs are split by. Every change goes through the kernel's one
//! path: permission, rule, history row, audit event and notifications of
//! the other parties in one transaction.

mod agreements;
mod cost_blocks;
pub mod keys;
mod listing;
mod reads;
mod service;
mod terms;

pub use agreements::ReuseRequest;
pub use terms::Edited;

use crate::kernel::OrganisationId;
use app::error::AppError;
use app::reuse::workflow::{Refusal, Signatures};
use sea_orm::DatabaseConnection;

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

/// Where signing stands for the party `acting`, from each party's id and
/// whether it has signed.
fn signatures(acting: OrganisationId, parties: impl Iterator<Item = (OrganisationId, bool)>) -> Signatures {
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
