//! What each party keeps for itself in an agreement: its contact person
//! (one of its members) and its consent to publish the confidential parts.
//! Each change is a version with its history row, like every other.

use super::{bump, lock, lock_for_records, refused, Reuse};
use crate::entities::{agreement_parties as parties, memberships};
use crate::kernel::{map_db_error, Actor, AgreementId, OrganisationId, Permission, Tx, UserId, Who};
use app::error::{AppError, FieldError};
use app::reuse::workflow;
use sea_orm::ActiveValue::{Set, Unchanged};
use sea_orm::{ActiveModelTrait, EntityTrait};
use std::net::IpAddr;

impl Reuse {
    /// Names the party's contact: one of its members, or nobody (`None`).
    pub async fn set_contact(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        id: AgreementId,
        acting_for: OrganisationId,
        contact: Option<UserId>,
    ) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let locked = lock_for_records(&tx, actor, id, acting_for).await?;
        let party = locked
            .parties
            .iter()
            .find(|p| p.organisation_id == acting_for)
            .ok_or(AppError::Forbidden)?;
        if party.contact_id == contact {
            return tx.done(()).await;
        }
        if let Some(user) = contact {
            let member = memberships::Entity::find_by_id((acting_for.uuid(), user.uuid()))
                .one(&tx)
                .await
                .map_err(map_db_error)?;
            if member.is_none() {
                return Err(AppError::Invalid(vec![FieldError::new(
                    "kontakt",
                    "reuse.contact.error.member",
                )]));
            }
        }
        let change = serde_json::json!([
            display_name(&tx, party.contact_id).await?,
            display_name(&tx, contact).await?
        ]);
        parties::ActiveModel {
            agreement_id: Unchanged(id),
            organisation_id: Unchanged(acting_for),
            contact_id: Set(contact),
            ..Default::default()
        }
        .update(&tx)
        .await
        .map_err(map_db_error)?;
        bump(&tx, &locked.agreement).await?;
        super::terms::record_edit(
            &tx,
            actor,
            acting_for,
            &locked.agreement,
            &locked.parties,
            locked.status,
            [("contact".to_owned(), change)].into_iter().collect(),
        )
        .await?;
        tx.done(()).await
    }

    /// Gives or withdraws the party's consent to publish the confidential
    /// parts; they are public while every party consents.
    pub async fn set_consent(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        id: AgreementId,
        acting_for: OrganisationId,
        consents: bool,
    ) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let locked = lock(&tx, actor, id, acting_for).await?;
        workflow::consent_to_publish(locked.acting).map_err(refused)?;
        let party = locked
            .parties
            .iter()
            .find(|p| p.organisation_id == acting_for)
            .ok_or(AppError::Forbidden)?;
        if party.publishes_confidential == consents {
            return tx.done(()).await;
        }
        parties::ActiveModel {
            agreement_id: Unchanged(id),
            organisation_id: Unchanged(acting_for),
            publishes_confidential: Set(consents),
            ..Default::default()
        }
        .update(&tx)
        .await
        .map_err(map_db_error)?;
        bump(&tx, &locked.agreement).await?;
        super::terms::record_edit(
            &tx,
            actor,
            acting_for,
            &locked.agreement,
            &locked.parties,
            locked.status,
            [("publication".to_owned(), serde_json::json!([!consents, consents]))]
                .into_iter()
                .collect(),
        )
        .await?;
        tx.done(()).await
    }
}

/// A contact in the history: the name they had then ("" for nobody).
async fn display_name(tx: &Tx<'_>, user: Option<UserId>) -> Result<String, AppError> {
    let Some(user) = user else {
        return Ok(String::new());
    };
    crate::db::sql::value::<String>(
        tx,
        "SELECT display_name AS value FROM users WHERE id = $1",
        [user.into()],
    )
    .await
    .map(Option::unwrap_or_default)
}
