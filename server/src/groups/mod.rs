//! Working groups and their discussions. The rules are `app::groups::rules`
//! (pure); here they meet the database: each change locks what it counts
//! on (the group for a new thread's number, the thread for a post's), asks
//! the rule inside the transaction, writes through the entities, and
//! records its audit event, all in the kernel's one path.

mod feed;
mod founding;
mod membership;
mod moderation;
mod moderation_reads;
mod posting;
mod reading;
mod reads;
mod service;

pub use feed::{FeedPost, GroupFeed};
pub use founding::{valid_slug, NewGroup};
use membership::deciders;
pub use membership::Joined;
pub use moderation::{PostAt, ThreadChange};
pub use posting::Edited;

use crate::entities::{group_members as members, working_groups as groups};
use crate::kernel::{map_db_error, Actor, GroupId};
use app::error::AppError;
use app::groups::model::{GroupRole, Joining, Visibility};
use app::groups::rules::{self, Action, Refusal, Settings, Standing};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

pub struct Groups {
    pub db: DatabaseConnection,
}

/// The rule's refusal as the answer: a hidden group is not found, a
/// missing sign-in asks for one, a missing role is forbidden, the rest
/// are conflicts that say why.
fn refused(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::Hidden => AppError::NotFound,
        Refusal::SignInFirst => AppError::Unauthenticated,
        Refusal::NotAMember | Refusal::NeedsModerator | Refusal::NeedsChair => AppError::Forbidden,
        Refusal::AlreadyMember | Refusal::InvitationOnly | Refusal::Locked => {
            AppError::Conflict(refusal.message_key().into())
        }
    }
}

/// A group with how the reader stands to it.
struct Placed {
    group: groups::Model,
    settings: Settings,
    standing: Standing,
}

impl Placed {
    fn check(&self, action: Action) -> Result<(), AppError> {
        rules::check(self.standing, self.settings, action).map_err(refused)
    }
}

fn settings(group: &groups::Model) -> Result<Settings, AppError> {
    Ok(Settings {
        visibility: Visibility::from_code(&group.visibility).ok_or(AppError::Internal)?,
        joining: Joining::from_code(&group.joining).ok_or(AppError::Internal)?,
    })
}

/// Finds the group by its slug and places `actor` in it; `lock` takes the
/// group's row for the change (a new thread's number). A group the reader
/// may not see is not found, exactly like one that does not exist.
async fn place(c: &impl ConnectionTrait, actor: Option<&Actor>, slug: &str, lock: bool) -> Result<Placed, AppError> {
    let mut find = groups::Entity::find().filter(groups::Column::Slug.eq(slug));
    if lock {
        find = find.lock_exclusive();
    }
    let group = find.one(c).await.map_err(map_db_error)?.ok_or(AppError::NotFound)?;
    let settings = settings(&group)?;
    let standing = standing(c, actor, &group).await?;
    let placed = Placed {
        group,
        settings,
        standing,
    };
    if !rules::may_read(placed.standing, placed.settings) {
        return Err(AppError::NotFound);
    }
    Ok(placed)
}

async fn standing(
    c: &impl ConnectionTrait,
    actor: Option<&Actor>,
    group: &groups::Model,
) -> Result<Standing, AppError> {
    let Some(actor) = actor else {
        return Ok(Standing::ANONYMOUS);
    };
    let role = role_of(c, group.id, actor).await?;
    let party_member = match group.agreement_id {
        Some(agreement) => party_member(c, agreement, actor).await?,
        None => false,
    };
    Ok(Standing {
        signed_in: true,
        site_admin: actor.is_site_admin,
        role,
        party_member,
    })
}

async fn role_of(c: &impl ConnectionTrait, group: GroupId, actor: &Actor) -> Result<Option<GroupRole>, AppError> {
    let row = members::Entity::find_by_id((group, actor.user_id))
        .one(c)
        .await
        .map_err(map_db_error)?;
    Ok(row.and_then(|m| GroupRole::from_code(&m.role)))
}

/// Whether `actor` is a member of one of the agreement's parties.
async fn party_member(
    c: &impl ConnectionTrait,
    agreement: crate::kernel::AgreementId,
    actor: &Actor,
) -> Result<bool, AppError> {
    use crate::entities::agreement_parties as parties;
    if actor.memberships.is_empty() {
        return Ok(false);
    }
    let organisations = actor.memberships.iter().map(|m| m.organisation_id);
    let found = parties::Entity::find()
        .filter(parties::Column::AgreementId.eq(agreement))
        .filter(parties::Column::OrganisationId.is_in(organisations))
        .one(c)
        .await
        .map_err(map_db_error)?;
    Ok(found.is_some())
}
