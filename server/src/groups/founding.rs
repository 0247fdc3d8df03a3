//! Founding a group: the founder becomes its chair. A group about a reuse
//! agreement is founded by a member of one of its parties.

use super::{party_member, Groups};
use crate::accounts::validate::Errors;
use crate::entities::{group_members as members, software, working_groups as groups};
use crate::kernel::{map_db_error, Actor, AgreementId, AuditAction, Event, GroupId, Permission, SoftwareId, Tx, Who};
use crate::markdown;
use app::directory::dto::land_name;
use app::error::AppError;
use app::groups::model::{GroupRole, Joining, Topic, Visibility};
use app::groups::rules;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use std::net::IpAddr;

/// What the form for a new group sends, read but not yet checked.
#[derive(Clone, Debug)]
pub struct NewGroup {
    pub name: String,
    /// Empty: made from the name.
    pub slug: String,
    pub summary: String,
    pub description: String,
    pub visibility: Visibility,
    pub joining: Joining,
    pub topics: Vec<Topic>,
    pub land: Option<String>,
    pub software: Option<String>,
    pub agreement: Option<AgreementId>,
}

/// Paths under `/arbeitsgruppen/` that are pages, not groups.
const RESERVED: &[&str] = &["neu", "feed", "suche"];

/// A group's short name: lower-case words of letters and digits joined by
/// hyphens.
pub fn valid_slug(slug: &str) -> bool {
    (2..=80).contains(&slug.len())
        && slug
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// `slug-2`, `slug-3`, … : the first that no group has.
async fn free_slug(tx: &Tx<'_>, slug: &str) -> Result<String, AppError> {
    let base: String = slug
        .chars()
        .take(74)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned();
    for n in 2.. {
        let candidate = format!("{base}-{n}");
        let taken = groups::Entity::find()
            .filter(groups::Column::Slug.eq(&candidate))
            .one(tx)
            .await
            .map_err(map_db_error)?;
        if taken.is_none() {
            return Ok(candidate);
        }
    }
    unreachable!("an unbounded range ends only by returning")
}

impl Groups {
    /// Founds the group; returns its slug.
    pub async fn create_group(&self, actor: &Actor, ip: Option<IpAddr>, new: NewGroup) -> Result<String, AppError> {
        // Public servants found groups, not anonymous accounts.
        if actor.memberships.is_empty() && !actor.is_site_admin {
            return Err(AppError::Conflict("groups.error.no_organisation".into()));
        }
        let mut errors = Errors::default();
        let name = new.name.trim().to_owned();
        if !(3..=120).contains(&name.chars().count()) {
            errors.add("name", "groups.error.name");
        }
        let slug = match new.slug.trim() {
            "" => crate::catalog::slugify(&name),
            given => given.to_lowercase(),
        };
        if !valid_slug(&slug) {
            errors.add("slug", "groups.error.slug");
        } else if RESERVED.contains(&slug.as_str()) {
            errors.add("slug", "groups.error.slug_taken");
        }
        let summary = new.summary.trim().to_owned();
        if !(1..=300).contains(&summary.chars().count()) {
            errors.add("summary", "groups.error.summary");
        }
        let description = new.description.trim().to_owned();
        if description.chars().count() > 20_000 {
            errors.add("description", "groups.error.description");
        }
        if new.land.as_deref().is_some_and(|l| land_name(l).is_none()) {
            errors.add("land", "form.error.choice");
        }
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let software_id = match new.software.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(slug) => {
                let entry = software::Entity::find()
                    .filter(software::Column::Slug.eq(slug))
                    .filter(software::Column::Active.eq(true))
                    .one(&tx)
                    .await
                    .map_err(map_db_error)?;
                if entry.is_none() {
                    errors.add("software", "groups.error.software");
                }
                entry.map(|e| SoftwareId::from(e.id))
            }
        };
        if let Some(agreement) = new.agreement {
            if !party_member(&tx, agreement, actor).await? {
                errors.add("agreement", "groups.error.agreement");
            }
        }
        let mut slug = slug;
        if errors.is_empty() {
            let taken = groups::Entity::find()
                .filter(groups::Column::Slug.eq(&slug))
                .one(&tx)
                .await
                .map_err(map_db_error)?;
            if let Some(taken) = taken {
                let readable = rules::may_read(
                    super::standing(&tx, Some(actor), &taken).await?,
                    super::settings(&taken)?,
                );
                if readable {
                    errors.add("slug", "groups.error.slug_taken");
                } else {
                    // "Taken" would tell that a group hidden from the founder
                    // exists: the new one gets the next free name instead.
                    slug = free_slug(&tx, &slug).await?;
                }
            }
        }
        errors.finish()?;
        let id = GroupId::new();
        let now = chrono::Utc::now();
        let mut topics: Vec<String> = new.topics.iter().map(|t| t.code().to_owned()).collect();
        topics.sort();
        topics.dedup();
        groups::ActiveModel {
            id: Set(id),
            slug: Set(slug.clone()),
            name: Set(name.clone()),
            summary: Set(summary),
            description_html: Set(markdown::render_post(&description)),
            description_md: Set(description),
            visibility: Set(new.visibility.code().to_owned()),
            joining: Set(new.joining.code().to_owned()),
            topics: Set(topics),
            land: Set(new.land),
            software_id: Set(software_id),
            agreement_id: Set(new.agreement),
            created_by: Set(Some(actor.user_id)),
            created_at: Set(now),
            updated_at: Set(now),
            threads_started: Set(0),
            last_activity_at: Set(now),
        }
        .insert(&tx)
        .await
        .map_err(map_db_error)?;
        members::ActiveModel {
            group_id: Set(id),
            user_id: Set(actor.user_id),
            role: Set(GroupRole::Chair.code().to_owned()),
            joined_at: Set(now),
        }
        .insert(&tx)
        .await
        .map_err(map_db_error)?;
        tx.record(
            Event::new(AuditAction::GroupCreated)
                .subject(name)
                .details(serde_json::json!({"group": id, "slug": slug})),
        );
        tx.done(slug).await
    }
}
