//! An agreement as its page shows it: the public summary (entry, kind,
//! status, parties, history) and, for the reader, the steps they may take
//! for each party they belong to. The joins are SQL (names of parties and
//! people along the way).

use super::Reuse;
use crate::db::sql;
use crate::kernel::{Actor, AgreementId, OrganisationId};
use app::error::AppError;
use app::reuse::dto::{AgreementView, HistoryEntry, PartyActions, PartyView};
use app::reuse::terms::AgreementKind;
use app::reuse::workflow::{self, Acting, AgreementStatus, PartyRole};
use sea_orm::FromQueryResult;

const TS: &str = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

#[derive(FromQueryResult)]
struct Head {
    software_slug: String,
    software_name: String,
    kind: String,
    status: String,
    version: i32,
}

#[derive(FromQueryResult)]
struct Party {
    organisation_id: OrganisationId,
    slug: String,
    name: String,
    role: String,
    signed_at: Option<String>,
}

#[derive(FromQueryResult)]
struct Step {
    at: String,
    action: String,
    from_status: Option<String>,
    to_status: String,
    actor_name: Option<String>,
    acting_for: Option<String>,
}

impl Reuse {
    pub async fn agreement(&self, reader: Option<&Actor>, id: AgreementId) -> Result<AgreementView, AppError> {
        let head: Head = sql::one(
            &self.db,
            "SELECT s.slug AS software_slug, s.name AS software_name, a.kind, a.status, a.version \
             FROM reuse_agreements a JOIN software s ON s.id = a.software_id WHERE a.id = $1",
            [id.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        let parties: Vec<Party> = sql::all(
            &self.db,
            &format!(
                "SELECT p.organisation_id, o.slug, o.name_de AS name, p.role, to_char(p.signed_at AT TIME ZONE 'UTC', {TS}) AS signed_at \
                 FROM agreement_parties p JOIN organisations o ON o.id = p.organisation_id \
                 WHERE p.agreement_id = $1 ORDER BY array_position(ARRAY['provider', 'intermediary', 'reuser'], p.role), o.name_de"
            ),
            [id.into()],
        )
        .await?;
        let history: Vec<Step> = sql::all(
            &self.db,
            &format!(
                "SELECT to_char(h.at AT TIME ZONE 'UTC', {TS}) AS at, h.action, h.from_status, h.to_status, \
                        u.display_name AS actor_name, o.name_de AS acting_for \
                 FROM agreement_history h LEFT JOIN users u ON u.id = h.actor_id \
                 LEFT JOIN organisations o ON o.id = h.acting_for \
                 WHERE h.agreement_id = $1 ORDER BY h.id"
            ),
            [id.into()],
        )
        .await?;
        let status = AgreementStatus::from_code(&head.status).ok_or(AppError::Internal)?;
        let actions = reader
            .map(|reader| offered_to(reader, status, &parties))
            .unwrap_or_default();
        Ok(AgreementView {
            id: id.to_string(),
            software_slug: head.software_slug,
            software_name: head.software_name,
            kind: AgreementKind::from_code(&head.kind).ok_or(AppError::Internal)?,
            status,
            version: head.version,
            parties: parties
                .iter()
                .map(|p| {
                    Ok(PartyView {
                        organisation_id: p.organisation_id.to_string(),
                        organisation_slug: p.slug.clone(),
                        organisation_name: p.name.clone(),
                        role: PartyRole::from_code(&p.role).ok_or(AppError::Internal)?,
                        signed_at: p.signed_at.clone(),
                    })
                })
                .collect::<Result<_, AppError>>()?,
            history: history
                .into_iter()
                .map(|h| HistoryEntry {
                    at: h.at,
                    action: h.action,
                    from_status: h.from_status.as_deref().and_then(AgreementStatus::from_code),
                    to_status: AgreementStatus::from_code(&h.to_status).unwrap_or(status),
                    actor_name: h.actor_name,
                    acting_for: h.acting_for,
                })
                .collect(),
            actions,
        })
    }
}

/// For each party the reader belongs to, what the workflow lets them do.
fn offered_to(reader: &Actor, status: AgreementStatus, parties: &[Party]) -> Vec<PartyActions> {
    parties
        .iter()
        .filter_map(|p| {
            let role = reader.role_in(p.organisation_id)?;
            let signatures = super::signatures(
                p.organisation_id,
                parties.iter().map(|o| (o.organisation_id, o.signed_at.is_some())),
            );
            let acting = Acting {
                party: PartyRole::from_code(&p.role),
                role,
            };
            Some(PartyActions {
                organisation_id: p.organisation_id.to_string(),
                actions: workflow::offered(status, acting, signatures),
            })
        })
        .collect()
}
