//! Joining and leaving: directly where the group is open (or for a member
//! of a party to its agreement), by a request its chairs and moderators
//! decide where it takes members on request.

use super::{place, Groups, Placed};
use crate::entities::{group_join_requests as requests, group_members as members, working_groups as groups};
use crate::kernel::{map_db_error, Actor, AuditAction, Event, Permission, Tx, UserId, Who};
use crate::notifications::{notify, Notice, NoticeKind};
use app::error::AppError;
use app::groups::model::{group_path, GroupRole};
use app::groups::rules::{self, Action, JoinPath};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, ModelTrait, PaginatorTrait, QueryFilter};
use std::net::IpAddr;

/// What joining did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joined {
    Member,
    Requested,
}

impl Groups {
    /// Joins the group, or asks to, with `message` for its chairs.
    pub async fn join(&self, actor: &Actor, ip: Option<IpAddr>, slug: &str, message: &str) -> Result<Joined, AppError> {
        let message = message.trim();
        if message.chars().count() > 1000 {
            return Err(crate::accounts::validate::invalid(
                "message",
                "groups.error.request_message",
            ));
        }
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        // Locked: two clicks at once make one member (the second is a conflict).
        let placed = place(&tx, Some(actor), slug, true).await?;
        let path = rules::join(placed.standing, placed.settings).map_err(super::refused)?;
        let group = &placed.group;
        match path {
            JoinPath::Direct => {
                add_member(&tx, group, actor.user_id, GroupRole::Member).await?;
                // A request made before (as an outsider) is settled by joining.
                requests::Entity::delete_by_id((group.id, actor.user_id))
                    .exec(&tx)
                    .await
                    .map_err(map_db_error)?;
                tx.record(
                    Event::new(AuditAction::GroupJoined)
                        .subject(group.name.clone())
                        .details(serde_json::json!({"group": group.id})),
                );
                tx.done(Joined::Member).await
            }
            JoinPath::Request => {
                let waiting = requests::Entity::find_by_id((group.id, actor.user_id))
                    .one(&tx)
                    .await
                    .map_err(map_db_error)?;
                if waiting.is_some() {
                    return Err(AppError::Conflict("groups.error.already_requested".into()));
                }
                requests::ActiveModel {
                    group_id: Set(group.id),
                    user_id: Set(actor.user_id),
                    message: Set(message.to_owned()),
                    created_at: Set(chrono::Utc::now()),
                }
                .insert(&tx)
                .await
                .map_err(map_db_error)?;
                let notice = Notice::new(NoticeKind::GroupJoinRequest, &group_path(&group.slug))
                    .subject(&group.name)
                    .by(actor);
                for deciding in deciders(&tx, &placed).await? {
                    notify(&tx, deciding, &notice).await?;
                }
                tx.record(
                    Event::new(AuditAction::GroupJoinRequested)
                        .subject(group.name.clone())
                        .details(serde_json::json!({"group": group.id})),
                );
                tx.done(Joined::Requested).await
            }
        }
    }

    /// Leaves the group. The last chair stays until another chairs it.
    pub async fn leave(&self, actor: &Actor, ip: Option<IpAddr>, slug: &str) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), slug, true).await?;
        placed.check(Action::Leave)?;
        let group = &placed.group;
        if placed.standing.role == Some(GroupRole::Chair) {
            keep_a_chair(&tx, &placed, "groups.error.last_chair").await?;
        }
        members::Entity::delete_by_id((group.id, actor.user_id))
            .exec(&tx)
            .await
            .map_err(map_db_error)?;
        tx.record(
            Event::new(AuditAction::GroupLeft)
                .subject(group.name.clone())
                .details(serde_json::json!({"group": group.id})),
        );
        tx.done(()).await
    }

    /// Admits (`admit`) or declines the request of `user`.
    pub async fn decide_request(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        slug: &str,
        user: UserId,
        admit: bool,
    ) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), slug, true).await?;
        placed.check(Action::DecideRequests)?;
        let group = &placed.group;
        let request = requests::Entity::find_by_id((group.id, user))
            .one(&tx)
            .await
            .map_err(map_db_error)?
            .ok_or(AppError::NotFound)?;
        request.delete(&tx).await.map_err(map_db_error)?;
        let member = members::Entity::find_by_id((group.id, user))
            .one(&tx)
            .await
            .map_err(map_db_error)?;
        // Someone who became a member meanwhile is admitted already.
        if admit && member.is_none() {
            add_member(&tx, group, user, GroupRole::Member).await?;
            notify(
                &tx,
                user,
                &Notice::new(NoticeKind::GroupAdmitted, &group_path(&group.slug))
                    .subject(&group.name)
                    .by(actor),
            )
            .await?;
        }
        tx.record(member_changed(group, user, if admit { "admitted" } else { "declined" }));
        tx.done(()).await
    }
}

/// Those who decide requests and flags: the chairs and moderators.
pub(super) async fn deciders(tx: &Tx<'_>, placed: &Placed) -> Result<Vec<UserId>, AppError> {
    let rows = members::Entity::find()
        .filter(members::Column::GroupId.eq(placed.group.id))
        .filter(members::Column::Role.is_in([GroupRole::Chair.code(), GroupRole::Moderator.code()]))
        .all(tx)
        .await
        .map_err(map_db_error)?;
    Ok(rows.into_iter().map(|m| m.user_id).collect())
}

async fn add_member(tx: &Tx<'_>, group: &groups::Model, user: UserId, role: GroupRole) -> Result<(), AppError> {
    members::ActiveModel {
        group_id: Set(group.id),
        user_id: Set(user),
        role: Set(role.code().to_owned()),
        joined_at: Set(chrono::Utc::now()),
    }
    .insert(tx)
    .await
    .map_err(map_db_error)?;
    Ok(())
}

impl Groups {
    /// A chair adds a person by the address of their account (the way into
    /// a group that takes members by invitation); they are told.
    pub async fn add_member(&self, actor: &Actor, ip: Option<IpAddr>, slug: &str, email: &str) -> Result<(), AppError> {
        let email = email.trim().to_lowercase();
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), slug, true).await?;
        placed.check(Action::Lead)?;
        let user = crate::db::sql::value::<UserId>(
            &tx,
            "SELECT id AS value FROM users WHERE lower(email) = $1 AND deleted_at IS NULL",
            [email.clone().into()],
        )
        .await?
        .ok_or_else(|| crate::accounts::validate::invalid("email", "groups.error.no_account"))?;
        let group = &placed.group;
        if members::Entity::find_by_id((group.id, user))
            .one(&tx)
            .await
            .map_err(map_db_error)?
            .is_some()
        {
            return Err(AppError::Conflict("groups.error.is_member".into()));
        }
        add_member(&tx, group, user, GroupRole::Member).await?;
        requests::Entity::delete_by_id((group.id, user))
            .exec(&tx)
            .await
            .map_err(map_db_error)?;
        notify(
            &tx,
            user,
            &Notice::new(NoticeKind::GroupAdmitted, &group_path(&group.slug))
                .subject(&group.name)
                .by(actor),
        )
        .await?;
        tx.record(member_changed(group, user, "added"));
        tx.done(()).await
    }

    /// A chair gives a member another role; the last chair stays one.
    pub async fn set_role(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        slug: &str,
        user: UserId,
        role: GroupRole,
    ) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), slug, true).await?;
        placed.check(Action::Lead)?;
        let member = member_of(&tx, &placed, user).await?;
        if member.role == GroupRole::Chair.code() && role != GroupRole::Chair {
            keep_a_chair(&tx, &placed, "groups.error.last_chair_role").await?;
        }
        members::ActiveModel {
            group_id: sea_orm::ActiveValue::Unchanged(placed.group.id),
            user_id: sea_orm::ActiveValue::Unchanged(user),
            role: Set(role.code().to_owned()),
            ..Default::default()
        }
        .update(&tx)
        .await
        .map_err(map_db_error)?;
        tx.record(member_changed(&placed.group, user, role.code()));
        tx.done(()).await
    }

    /// A chair removes a member; the last chair stays.
    pub async fn remove_member(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        slug: &str,
        user: UserId,
    ) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let placed = place(&tx, Some(actor), slug, true).await?;
        placed.check(Action::Lead)?;
        let member = member_of(&tx, &placed, user).await?;
        if member.role == GroupRole::Chair.code() {
            keep_a_chair(&tx, &placed, "groups.error.last_chair_role").await?;
        }
        member.delete(&tx).await.map_err(map_db_error)?;
        tx.record(member_changed(&placed.group, user, "removed"));
        tx.done(()).await
    }
}

async fn member_of(tx: &Tx<'_>, placed: &Placed, user: UserId) -> Result<members::Model, AppError> {
    members::Entity::find_by_id((placed.group.id, user))
        .one(tx)
        .await
        .map_err(map_db_error)?
        .ok_or(AppError::NotFound)
}

/// Refuses a change that would leave the group without a chair, saying why
/// with `refusal` (leaving and stepping down read differently).
async fn keep_a_chair(tx: &Tx<'_>, placed: &Placed, refusal: &str) -> Result<(), AppError> {
    let chairs = members::Entity::find()
        .filter(members::Column::GroupId.eq(placed.group.id))
        .filter(members::Column::Role.eq(GroupRole::Chair.code()))
        .count(tx)
        .await
        .map_err(map_db_error)?;
    if chairs <= 1 {
        return Err(AppError::Conflict(refusal.into()));
    }
    Ok(())
}

fn member_changed(group: &groups::Model, user: UserId, change: &str) -> Event {
    Event::new(AuditAction::GroupMemberChanged)
        .subject(group.name.clone())
        .details(serde_json::json!({"group": group.id, "user": user, "change": change}))
}
