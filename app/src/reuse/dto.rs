//! What an agreement's page shows. Confidential parts (the request's
//! message, amounts, documents, contacts) are filled in only for the
//! parties' members and site administrators, or for everyone once every
//! party has agreed to publish them.

use super::cost_blocks::{BlockKind, SplitChoice};
use super::documents::DocumentType;
use super::terms::AgreementKind;
use super::terms_form::Terms;
use super::workflow::{Action, AgreementStatus, PartyRole};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementView {
    pub id: String,
    pub software_slug: String,
    pub software_name: String,
    /// Public, the kind among them: the provider's conditions are what
    /// reusers decide on.
    pub terms: Terms,
    pub status: AgreementStatus,
    /// Sent back with every step, so that a step on a page read before
    /// another party's step is refused instead of applied blindly.
    pub version: i32,
    pub parties: Vec<PartyView>,
    pub history: Vec<HistoryEntry>,
    /// What the reader may do now, per party they may act for.
    pub actions: Vec<PartyActions>,
    /// Confidential: `None` for readers outside the parties.
    pub request_message: Option<String>,
    /// Confidential: `None` for readers outside the parties.
    pub costs: Option<Vec<CostBlockView>>,
    /// Confidential: `None` for readers outside the parties.
    pub documents: Option<Vec<DocumentView>>,
    /// Every party agreed to publish the confidential parts.
    pub published: bool,
}

impl AgreementView {
    /// What a confidential part's section says about who sees it.
    pub fn confidentiality_key(&self) -> &'static str {
        if self.published {
            "reuse.agreement.published"
        } else {
            "reuse.agreement.confidential"
        }
    }
}

/// A document of an agreement, without its bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    pub id: String,
    pub title: String,
    pub file_name: String,
    pub kind: DocumentType,
    pub size_bytes: i64,
    /// Lower-case hex, as `sha256sum` prints it.
    pub sha256: String,
    /// UTC, RFC 3339.
    pub uploaded_at: String,
    pub uploaded_by: Option<String>,
    /// The party it was added for (its name).
    pub uploaded_for: Option<String>,
    /// The reader may remove it (for the party that added it).
    pub removable_for: Option<String>,
}

/// A party's contact person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub user_id: String,
    pub name: String,
    /// Shown to readers who see the confidential parts.
    pub email: Option<String>,
}

/// A cost block with every payer's share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostBlockView {
    pub id: String,
    pub kind: BlockKind,
    pub period: String,
    pub amount_cents: i64,
    pub split: SplitChoice,
    /// The key table's year, for keys that use one.
    pub year: Option<i32>,
    /// Adding up to `amount_cents`.
    pub shares: Vec<ShareView>,
    /// Why no shares can be computed now (a message key).
    pub problem: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareView {
    pub payer: PayerView,
    pub cents: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PayerView {
    /// A party, by name.
    Party(String),
    Federation,
    /// ISO 3166-2 code.
    Land(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyView {
    pub organisation_id: String,
    pub organisation_slug: String,
    pub organisation_name: String,
    pub role: PartyRole,
    pub signed_at: Option<String>,
    /// Confidential: `None` for readers outside the parties, or when the
    /// party named nobody.
    pub contact: Option<ContactView>,
    /// The party agrees to publish the confidential parts.
    pub publishes: bool,
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
    /// For an edit: the fields it changed (`terms_form::FIELDS`).
    pub changed_fields: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyActions {
    pub organisation_id: String,
    pub actions: Vec<Action>,
    /// The reader may change the terms for this party now.
    pub edit_terms: bool,
    /// The reader may add documents and name the contact for this party.
    pub keep_records: bool,
    /// The reader is this party's owner: whether the party consents now.
    pub consent: Option<bool>,
    /// The party's members, to choose the contact from (`(id, name)`),
    /// when `keep_records`.
    pub members: Vec<(String, String)>,
}

/// What the "Nachnutzung anfragen" form offers the signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReuseRequestForm {
    pub software_slug: String,
    pub software_name: String,
    pub provider_name: String,
    /// The administrations the person may ask for (publisher or owner
    /// there, not the provider): `(id, name)`.
    pub organisations: Vec<(String, String)>,
}

/// An administration as a list names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationRef {
    pub slug: String,
    pub name: String,
}

/// An agreement's public summary, as lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementSummary {
    pub id: String,
    pub software_slug: String,
    pub software_name: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub provider: OrganisationRef,
    pub reusers: Vec<OrganisationRef>,
    /// When it was opened and last changed (UTC, RFC 3339).
    pub opened_at: String,
    pub changed_at: String,
}

/// One page of agreements, with the count per status over the other
/// filters (the status tabs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementList {
    pub items: Vec<AgreementSummary>,
    pub total: u64,
    pub by_status: Vec<(AgreementStatus, u64)>,
}

/// What a software page shows of its reuse: the agreements in force and
/// the ones on the way, with counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryReuse {
    pub in_force: Vec<AgreementSummary>,
    pub under_way: u64,
    pub usage: super::usage::EntryUsage,
}
