//! Asking for reuse and taking an agreement's steps. The rules are the
//! workflow table's (`app::reuse::workflow`); here they meet the database:
//! the agreement row is locked for the step, the version the page read
//! must still be the current one, and the step, its history row, its audit
//! event and the other parties' notifications commit together.

use super::{agreement_path, refused, signatures, Reuse};
use crate::entities::{
    agreement_history as history, agreement_parties as parties, reuse_agreements as agreements, software,
};
use crate::kernel::{
    map_db_error, Actor, AgreementId, AuditAction, Event, OrganisationId, Permission, SoftwareId, Tx, Who,
};
use crate::notifications::{notify_publishers, Notice, NoticeKind};
use app::error::AppError;
use app::reuse::terms::AgreementKind;
use app::reuse::workflow::{self, Action, AgreementStatus, PartyRole};
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use std::net::IpAddr;

/// "Nachnutzung anfragen": an administration asks the entry's provider.
#[derive(Clone, Debug)]
pub struct ReuseRequest {
    pub software_slug: String,
    /// The administration that wants to reuse; the person acts for it.
    pub reuser: OrganisationId,
    pub kind: AgreementKind,
    pub message: String,
}

const MESSAGE_MAX: usize = 4000;

/// History codes besides the steps.
pub const OPENED: &str = "open";
/// The history's action for a change of terms.
pub const EDITED: &str = "edit";

impl Reuse {
    /// Opens an agreement in the state "interest expressed" between the
    /// entry's organisation (provider) and `request.reuser`, and tells the
    /// provider's publishers and owners.
    pub async fn request_reuse(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        request: ReuseRequest,
    ) -> Result<AgreementId, AppError> {
        let message = request.message.trim();
        if message.chars().count() > MESSAGE_MAX {
            return Err(crate::accounts::validate::invalid(
                "message",
                "reuse.error.message_too_long",
            ));
        }
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        // Locked: two requests at once by the same administration make one agreement.
        let entry = software::Entity::find()
            .filter(software::Column::Slug.eq(&request.software_slug))
            .lock_exclusive()
            .one(&tx)
            .await
            .map_err(map_db_error)?
            .ok_or(AppError::NotFound)?;
        if !entry.active {
            return Err(AppError::Conflict("reuse.error.entry_inactive".into()));
        }
        let provider = OrganisationId::from(entry.organisation_id);
        if provider == request.reuser {
            return Err(AppError::Conflict("reuse.error.own_software".into()));
        }
        // Site administrators hold every organisation permission, but they
        // are no party: only a member acts for an administration.
        let role = actor.role_in(request.reuser).ok_or(AppError::Forbidden)?;
        let status = workflow::open(role).map_err(refused)?;
        if self.open_between(&tx, entry.id.into(), request.reuser).await? {
            return Err(AppError::Conflict("reuse.error.already_open".into()));
        }
        let id = AgreementId::new();
        let now = chrono::Utc::now();
        agreements::ActiveModel {
            id: Set(id),
            software_id: Set(entry.id.into()),
            versions: Set(None),
            kind: Set(request.kind.code().to_owned()),
            legal_basis: Set(None),
            legal_basis_note: Set(None),
            request_message: Set(Some(message.to_owned()).filter(|m| !m.is_empty())),
            support: Set(None),
            maintenance: Set(None),
            contribute_back: Set(false),
            status: Set(status.code().to_owned()),
            starts_on: Set(None),
            ends_on: Set(None),
            notice_months: Set(None),
            version: Set(1),
            created_by: Set(Some(actor.user_id)),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&tx)
        .await
        .map_err(map_db_error)?;
        for (organisation, role) in [(provider, PartyRole::Provider), (request.reuser, PartyRole::Reuser)] {
            parties::ActiveModel {
                agreement_id: Set(id),
                organisation_id: Set(organisation),
                role: Set(role.code().to_owned()),
                contact_id: Set((role == PartyRole::Reuser).then_some(actor.user_id)),
                signed_at: Set(None),
                signed_by: Set(None),
                publishes_confidential: Set(false),
            }
            .insert(&tx)
            .await
            .map_err(map_db_error)?;
        }
        record_history(&tx, id, actor, request.reuser, OPENED, None, status).await?;
        tx.record(
            Event::new(AuditAction::AgreementOpened)
                .organisation(request.reuser)
                .subject(entry.name.clone())
                .details(serde_json::json!({"agreement": id, "provider": provider})),
        );
        notify_publishers(
            &tx,
            provider,
            Notice::new(NoticeKind::ReuseRequested, &agreement_path(id))
                .subject(&entry.name)
                .by(actor),
        )
        .await?;
        tx.done(id).await
    }

    /// Takes `action` for the party `acting_for`, on the agreement as the
    /// page showed it (`version`). Returns the new status.
    pub async fn act(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        id: AgreementId,
        acting_for: OrganisationId,
        action: Action,
        version: i32,
    ) -> Result<AgreementStatus, AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let super::Locked {
            agreement,
            parties: all,
            status: from,
            acting,
        } = super::lock(&tx, actor, id, acting_for).await?;
        if acting.party.is_some() && agreement.version != version {
            return Err(AppError::Conflict("reuse.error.changed_meanwhile".into()));
        }
        let signatures = signatures(
            acting_for,
            all.iter().map(|p| (p.organisation_id, p.signed_at.is_some())),
        );
        let step = workflow::transition(from, action, acting, signatures).map_err(refused)?;
        if step.clears_signatures {
            parties::Entity::update_many()
                .col_expr(
                    parties::Column::SignedAt,
                    sea_orm::sea_query::Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
                )
                .col_expr(
                    parties::Column::SignedBy,
                    sea_orm::sea_query::Expr::value(Option::<uuid::Uuid>::None),
                )
                .filter(parties::Column::AgreementId.eq(id))
                .exec(&tx)
                .await
                .map_err(map_db_error)?;
        }
        if step.records_signature {
            parties::ActiveModel {
                agreement_id: Unchanged(id),
                organisation_id: Unchanged(acting_for),
                signed_at: Set(Some(chrono::Utc::now())),
                signed_by: Set(Some(actor.user_id)),
                ..Default::default()
            }
            .update(&tx)
            .await
            .map_err(map_db_error)?;
        }
        agreements::ActiveModel {
            id: Unchanged(id),
            status: Set(step.to.code().to_owned()),
            version: Set(agreement.version + 1),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .update(&tx)
        .await
        .map_err(map_db_error)?;
        record_history(&tx, id, actor, acting_for, action.code(), Some(from), step.to).await?;
        if from.is_in_force() != step.to.is_in_force() {
            super::signals::refresh(&tx, &[agreement.software_id]).await?;
        }
        let name = software_name(&tx, agreement.software_id).await?;
        tx.record(
            Event::new(AuditAction::AgreementStep)
                .organisation(acting_for)
                .subject(name.clone())
                .details(serde_json::json!({
                    "agreement": id, "action": action.code(), "from": from.code(), "to": step.to.code(),
                })),
        );
        for party in &all {
            notify_publishers(
                &tx,
                party.organisation_id,
                Notice::new(NoticeKind::AgreementStep, &agreement_path(id))
                    .subject(&name)
                    .by(actor),
            )
            .await?;
        }
        tx.done(step.to).await
    }

    /// Whether `reuser` already has an agreement for the entry that is not
    /// over: a second request would only duplicate it.
    async fn open_between(&self, tx: &Tx<'_>, software: SoftwareId, reuser: OrganisationId) -> Result<bool, AppError> {
        let mine = parties::Entity::find()
            .filter(parties::Column::OrganisationId.eq(reuser))
            .filter(parties::Column::Role.eq(PartyRole::Reuser.code()))
            .all(tx)
            .await
            .map_err(map_db_error)?;
        let ids: Vec<AgreementId> = mine.into_iter().map(|p| p.agreement_id).collect();
        let finals: Vec<&str> = AgreementStatus::ALL
            .iter()
            .filter(|s| s.is_final())
            .map(|s| s.code())
            .collect();
        let open = agreements::Entity::find()
            .filter(agreements::Column::Id.is_in(ids))
            .filter(agreements::Column::SoftwareId.eq(software))
            .filter(agreements::Column::Status.is_not_in(finals))
            .one(tx)
            .await
            .map_err(map_db_error)?;
        Ok(open.is_some())
    }
}

/// The entry's name, for the audit log and notifications.
pub(super) async fn software_name(tx: &Tx<'_>, id: SoftwareId) -> Result<String, AppError> {
    Ok(software::Entity::find_by_id(id.uuid())
        .one(tx)
        .await
        .map_err(map_db_error)?
        .map(|s| s.name)
        .unwrap_or_default())
}

async fn record_history(
    tx: &Tx<'_>,
    id: AgreementId,
    actor: &Actor,
    acting_for: OrganisationId,
    action: &str,
    from: Option<AgreementStatus>,
    to: AgreementStatus,
) -> Result<(), AppError> {
    history::ActiveModel {
        agreement_id: Set(id),
        at: Set(chrono::Utc::now()),
        actor_id: Set(Some(actor.user_id)),
        acting_for: Set(Some(acting_for)),
        action: Set(action.to_owned()),
        from_status: Set(from.map(|s| s.code().to_owned())),
        to_status: Set(to.code().to_owned()),
        changes: Set(serde_json::json!({})),
        ..Default::default()
    }
    .insert(tx)
    .await
    .map_err(map_db_error)?;
    Ok(())
}
