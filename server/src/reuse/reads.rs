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
use app::reuse::dto::{AgreementView, ContactView, HistoryEntry, PartyActions, PartyView};
use app::reuse::terms_form::FIELDS;
use app::reuse::workflow::{self, Acting, AgreementStatus, PartyRole};
use sea_orm::{EntityTrait, FromQueryResult};

pub(super) const TS: &str = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

#[derive(FromQueryResult)]
struct Entry {
    slug: String,
    name: String,
}

#[derive(FromQueryResult)]
pub(super) struct Party {
    organisation_id: OrganisationId,
    slug: String,
    name: String,
    role: String,
    signed_at: Option<String>,
    contact_id: Option<uuid::Uuid>,
    contact_name: Option<String>,
    contact_email: Option<String>,
    publishes_confidential: bool,
}

#[derive(FromQueryResult)]
struct Member {
    organisation_id: OrganisationId,
    user_id: uuid::Uuid,
    display_name: String,
}

/// The agreement's parties, provider first, with their contacts.
pub(super) async fn parties_of(db: &impl sea_orm::ConnectionTrait, id: AgreementId) -> Result<Vec<Party>, AppError> {
    sql::all(
        db,
        &format!(
            "SELECT p.organisation_id, o.slug, o.name_de AS name, p.role, to_char(p.signed_at AT TIME ZONE 'UTC', {TS}) AS signed_at, \
                    p.contact_id, c.display_name AS contact_name, c.email AS contact_email, p.publishes_confidential \
             FROM agreement_parties p JOIN organisations o ON o.id = p.organisation_id \
             LEFT JOIN users c ON c.id = p.contact_id \
             WHERE p.agreement_id = $1 ORDER BY array_position(ARRAY['provider', 'intermediary', 'reuser'], p.role), o.name_de"
        ),
        [id.into()],
    )
    .await
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
        let parties = parties_of(&self.db, id).await?;
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
        let mut actions = reader
            .map(|reader| offered_to(reader, status, &parties))
            .unwrap_or_default();
        self.add_members(&mut actions).await?;
        let terms = super::terms::terms_of(&head)?;
        let confidential = sees_confidential(reader, &parties);
        let keeps: Vec<OrganisationId> = actions
            .iter()
            .filter(|a| a.keep_records)
            .filter_map(|a| OrganisationId::parse(&a.organisation_id))
            .collect();
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
                        contact: p
                            .contact_id
                            .zip(p.contact_name.clone())
                            .filter(|_| confidential)
                            .map(|(id, name)| ContactView {
                                user_id: id.to_string(),
                                name,
                                email: p.contact_email.clone(),
                            }),
                        publishes: p.publishes_confidential,
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
                        .chain(&RECORDS)
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
            documents: if confidential {
                Some(self.document_views(id, &keeps).await?)
            } else {
                None
            },
            published: published(&parties),
        })
    }

    /// The members a reader may name as their party's contact.
    async fn add_members(&self, actions: &mut [PartyActions]) -> Result<(), AppError> {
        let keeping: Vec<sea_orm::Value> = actions
            .iter()
            .filter(|a| a.keep_records)
            .filter_map(|a| uuid::Uuid::parse_str(&a.organisation_id).ok())
            .map(Into::into)
            .collect();
        if keeping.is_empty() {
            return Ok(());
        }
        let members: Vec<Member> = sql::all(
            &self.db,
            "SELECT m.organisation_id, m.user_id, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.organisation_id = ANY($1) AND u.deleted_at IS NULL ORDER BY u.display_name",
            [sea_orm::Value::Array(
                sea_orm::sea_query::ArrayType::Uuid,
                Some(Box::new(keeping)),
            )],
        )
        .await?;
        for action in actions.iter_mut().filter(|a| a.keep_records) {
            action.members = members
                .iter()
                .filter(|m| m.organisation_id.to_string() == action.organisation_id)
                .map(|m| (m.user_id.to_string(), m.display_name.clone()))
                .collect();
        }
        Ok(())
    }
}

/// What the history lists beside the terms' fields: the records' changes.
const RECORDS: [&str; 4] = ["costs", "documents", "contact", "publication"];

/// Every party agreed to publish the confidential parts.
fn published(parties: &[Party]) -> bool {
    !parties.is_empty() && parties.iter().all(|p| p.publishes_confidential)
}

/// The parties' members and site administrators see the confidential parts
/// (the request's message, amounts, documents, contacts); everyone does
/// once every party has agreed to publish them.
pub(super) fn sees_confidential(reader: Option<&Actor>, parties: &[Party]) -> bool {
    may_see(
        reader,
        parties.iter().map(|p| (p.organisation_id, p.publishes_confidential)),
    )
}

/// The rule of [`sees_confidential`] over each party's id and consent.
pub(super) fn may_see(reader: Option<&Actor>, parties: impl Iterator<Item = (OrganisationId, bool)> + Clone) -> bool {
    let mut all = parties.clone().peekable();
    let published = all.peek().is_some() && all.all(|(_, consents)| consents);
    published || reader.is_some_and(|r| r.is_site_admin || parties.into_iter().any(|(id, _)| r.role_in(id).is_some()))
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
                keep_records: workflow::keep_records(status, acting).is_ok(),
                consent: workflow::consent_to_publish(acting)
                    .is_ok()
                    .then_some(p.publishes_confidential),
                members: Vec::new(),
            })
        })
        .collect()
}
