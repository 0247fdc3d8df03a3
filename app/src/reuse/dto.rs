//! What an agreement's page shows. Confidential parts (amounts, documents,
//! contacts) are not here yet; when they come, they are filled in only for
//! the parties' members and site administrators.

use super::terms::AgreementKind;
use super::workflow::{Action, AgreementStatus, PartyRole};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementView {
    pub id: String,
    pub software_slug: String,
    pub software_name: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    /// Sent back with every step, so that a step on a page read before
    /// another party's step is refused instead of applied blindly.
    pub version: i32,
    pub parties: Vec<PartyView>,
    pub history: Vec<HistoryEntry>,
    /// What the reader may do now, per party they may act for.
    pub actions: Vec<PartyActions>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyView {
    pub organisation_id: String,
    pub organisation_slug: String,
    pub organisation_name: String,
    pub role: PartyRole,
    pub signed_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: String,
    /// `open`, `edit` or a step's code.
    pub action: String,
    pub from_status: Option<AgreementStatus>,
    pub to_status: AgreementStatus,
    /// The person as they are called now (a pseudonym once deleted).
    pub actor_name: Option<String>,
    pub acting_for: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyActions {
    pub organisation_id: String,
    pub actions: Vec<Action>,
}
