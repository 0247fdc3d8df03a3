//! An agreement as its page shows it: the public summary (entry, kind,
//! status, parties, history) and, for the reader, the steps they may take
//! for each party they belong to. The joins are SQL (names of parties and
//! people along the way).

use super::Reuse;
use crate::db::sql;
use crate::entities::reuse_agreements as agreements;
use crate::kernel::map_db_error;
use crate::kernel::{Actor, AgreementId, OrganisationId};
use app::error::AppError;
use app::reuse::dto::{AgreementView, HistoryEntry, PartyActions, PartyView};
use app::reuse::terms_form::FIELDS;
use app::reuse::workflow::{self, Acting, AgreementStatus, PartyRole};
use sea_orm::{EntityTrait, FromQueryResult};

const TS: &str = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

#[derive(FromQueryResult)]
struct Entry {
    slug: String,
    name: String,
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
    changes: serde_json::Value,
}

impl Reuse {
    pub async fn agreement(&self, reader: Option<&Actor>, id: AgreementId) -> Result<AgreementView, AppError> {
        let head = agreements::Entity::find_by_id(id)
            .one(&self.db)
            .await
            .map_err(map_db_error)?
            .ok_or(AppError::NotFound)?;
        let entry: Entry = sql::one(
            &self.db,
            "SELECT slug, name FROM software WHERE id = $1",
            [head.software_id.into()],
        )
        .await?
        .ok_or(AppError::Internal)?;
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
                        u.display_name AS actor_name, o.name_de AS acting_for, h.changes \
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
        let terms = super::terms::terms_of(&head)?;
        let confidential = reader.is_some_and(|r| sees_confidential(r, &parties));
        Ok(AgreementView {
            id: id.to_string(),
            software_slug: entry.slug,
            software_name: entry.name,
            terms,
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
                    // In the form's order (jsonb keeps its own).
                    changed_fields: FIELDS
                        .iter()
                        .chain(&["costs"])
                        .filter(|f| h.changes.get(**f).is_some())
                        .map(|f| f.to_string())
                        .collect(),
                })
                .collect(),
            actions,
            request_message: head.request_message.filter(|_| confidential),
            costs: if confidential {
                Some(self.cost_views(id).await?)
            } else {
                None
            },
        })
    }
}

/// The parties' members and site administrators see the confidential parts
/// (issue 14: the request's message, and later amounts, documents, contacts).
fn sees_confidential(reader: &Actor, parties: &[Party]) -> bool {
    reader.is_site_admin || parties.iter().any(|p| reader.role_in(p.organisation_id).is_some())
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
                edit_terms: workflow::edit_terms(status, acting).is_ok(),
            })
        })
        .collect()
}
