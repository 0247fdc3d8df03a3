//! Usage declarations (`app::reuse::usage`): an organisation's member says
//! that it uses an entry. Declaring again updates and renews; any member
//! may renew, the author or a publisher withdraws; the scheduler reminds
//! the author once before a declaration lapses.

use super::Reuse;
use crate::db::sql;
use crate::entities::{memberships, software, usage_declarations as declarations};
use crate::kernel::{
    map_db_error, Actor, AuditAction, DeclarationId, Event, OrganisationId, Permission, SoftwareId, Tx, UserId, Who,
};
use crate::notifications::{notify, notify_owners, notify_publishers, opt_in, Notice, NoticeKind};
use app::accounts::dto::Role;
use app::error::{AppError, FieldError};
use app::reuse::dto::OrganisationRef;
use app::reuse::usage::{Declared, EntryUsage, UsageFormData, UsageView};
use chrono::{DateTime, Months, Utc};
use sea_orm::ActiveValue::{NotSet, Set, Unchanged};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect};
use std::net::IpAddr;

/// The operator's settings: how long a declaration holds, and how long
/// before it lapses its author is reminded.
#[derive(Clone, Copy, Debug)]
pub struct UsageSettings {
    pub valid_months: u32,
    pub reminder_days: u32,
}

impl Default for UsageSettings {
    fn default() -> Self {
        UsageSettings {
            valid_months: 24,
            reminder_days: 30,
        }
    }
}

impl UsageSettings {
    fn expiry(&self, from: DateTime<Utc>) -> DateTime<Utc> {
        from.checked_add_months(Months::new(self.valid_months.max(1)))
            .unwrap_or(from)
    }
}

/// Where a declaration is shown: its entry's page, at the usage section.
pub fn usage_path(software_slug: &str) -> String {
    format!("/software/{software_slug}#nutzung")
}

impl Reuse {
    /// Declares (or updates and renews) that `declared.organisation` uses
    /// the entry. Only a member acts for an organisation; site
    /// administrators who are none cannot declare for it, since the
    /// declaration's worth is that the organisation itself says so.
    pub async fn declare_usage(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        software_slug: &str,
        declared: Declared,
        remind_by_mail: bool,
    ) -> Result<DeclarationId, AppError> {
        let organisation = OrganisationId::parse(&declared.organisation).ok_or_else(|| choice("organisation"))?;
        let contact = UserId::parse(&declared.contact).ok_or_else(|| choice("contact"))?;
        actor.role_in(organisation).ok_or(AppError::Forbidden)?;
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let entry = software::Entity::find()
            .filter(software::Column::Slug.eq(software_slug))
            .filter(software::Column::Active.eq(true))
            .one(&tx)
            .await
            .map_err(map_db_error)?
            .ok_or(AppError::NotFound)?;
        let member = memberships::Entity::find_by_id((organisation.uuid(), contact.uuid()))
            .one(&tx)
            .await
            .map_err(map_db_error)?;
        if member.is_none() {
            return Err(AppError::Invalid(vec![FieldError::new(
                "contact",
                "reuse.contact.error.member",
            )]));
        }
        let software_id = SoftwareId::from(entry.id);
        // Locked where it exists; two first declarations at once meet the
        // unique key, and the later one is answered with a conflict.
        let existing = declarations::Entity::find()
            .filter(declarations::Column::SoftwareId.eq(software_id))
            .filter(declarations::Column::OrganisationId.eq(organisation))
            .lock_exclusive()
            .one(&tx)
            .await
            .map_err(map_db_error)?;
        let now = Utc::now();
        let row = declarations::ActiveModel {
            id: existing.as_ref().map_or(Set(DeclarationId::new()), |e| Unchanged(e.id)),
            software_id: Set(software_id),
            organisation_id: Set(organisation),
            author_id: existing.as_ref().map_or(Set(Some(actor.user_id)), |_| NotSet),
            contact_id: Set(Some(contact)),
            version: Set(declared.version.clone()),
            use_case: Set(declared.use_case),
            instance_url: Set(declared.instance_url),
            instance_public: Set(declared.instance_public),
            declared_at: existing.as_ref().map_or(Set(now), |_| NotSet),
            renewed_at: Set(now),
            expires_at: Set(self.usage.expiry(now)),
            reminded_at: Set(None),
        };
        let (id, action) = match &existing {
            Some(e) => {
                row.update(&tx).await.map_err(map_db_error)?;
                (e.id, AuditAction::UsageRenewed)
            }
            None => {
                let id = row.insert(&tx).await.map_err(map_db_error)?.id;
                (id, AuditAction::UsageDeclared)
            }
        };
        let organisation_name = actor
            .memberships
            .iter()
            .find(|m| m.organisation_id == organisation)
            .map(|m| m.name.clone())
            .unwrap_or_default();
        tx.record(
            Event::new(action)
                .organisation(organisation)
                .subject(entry.name.clone())
                .details(serde_json::json!({"declaration": id, "version": declared.version})),
        );
        if existing.is_none() {
            // The provider learns whom a release concerns.
            let provider = OrganisationId::from(entry.organisation_id);
            if provider != organisation {
                let subject = format!("{} {}, {organisation_name}", entry.name, declared.version);
                notify_publishers(
                    &tx,
                    provider,
                    Notice::new(NoticeKind::UsageDeclared, &usage_path(&entry.slug))
                        .subject(&subject)
                        .by(actor),
                )
                .await?;
            }
        }
        if remind_by_mail {
            // Ticking "remind me" is the person's opt-in for that mail.
            opt_in(&tx, actor.user_id, NoticeKind::UsageExpiring).await?;
        }
        super::signals::refresh(&tx, &[software_id]).await?;
        tx.done(id).await
    }

    /// Renews a declaration for another period, as it stands; any member
    /// of its organisation may. Returns the entry's slug.
    pub async fn renew_usage(&self, actor: &Actor, ip: Option<IpAddr>, id: DeclarationId) -> Result<String, AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let declaration = locked(&tx, id).await?;
        actor.role_in(declaration.organisation_id).ok_or(AppError::Forbidden)?;
        let now = Utc::now();
        declarations::ActiveModel {
            id: Unchanged(id),
            renewed_at: Set(now),
            expires_at: Set(self.usage.expiry(now)),
            reminded_at: Set(None),
            ..Default::default()
        }
        .update(&tx)
        .await
        .map_err(map_db_error)?;
        tx.record(
            Event::new(AuditAction::UsageRenewed)
                .organisation(declaration.organisation_id)
                .details(serde_json::json!({"declaration": id})),
        );
        // A lapsed declaration renewed counts again.
        super::signals::refresh(&tx, &[declaration.software_id]).await?;
        let slug = slug_of(&tx, declaration.software_id).await?;
        tx.done(slug).await
    }

    /// Withdraws a declaration: its author, a publisher or owner of its
    /// organisation, or a site administrator (a false one must go).
    /// Returns the entry's slug.
    pub async fn withdraw_usage(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        id: DeclarationId,
    ) -> Result<String, AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let declaration = locked(&tx, id).await?;
        let allowed = actor.is_site_admin
            || declaration.author_id == Some(actor.user_id) && actor.role_in(declaration.organisation_id).is_some()
            || actor
                .role_in(declaration.organisation_id)
                .is_some_and(|r| r >= Role::Publisher);
        if !allowed {
            return Err(AppError::Forbidden);
        }
        declarations::Entity::delete_by_id(id)
            .exec(&tx)
            .await
            .map_err(map_db_error)?;
        tx.record(
            Event::new(AuditAction::UsageWithdrawn)
                .organisation(declaration.organisation_id)
                .details(serde_json::json!({"declaration": id, "version": declaration.version})),
        );
        super::signals::refresh(&tx, &[declaration.software_id]).await?;
        let slug = slug_of(&tx, declaration.software_id).await?;
        tx.done(slug).await
    }

    /// The entry's current declarations as `reader` may see them.
    pub async fn entry_usage(&self, reader: Option<&Actor>, software_slug: &str) -> Result<EntryUsage, AppError> {
        let rows: Vec<Row> = sql::all(
            &self.db,
            // SQL: one join over four tables, in the order the page shows.
            "SELECT d.id, d.organisation_id, o.slug AS organisation_slug, o.name_de AS organisation_name, \
                    o.verified, d.author_id, d.version, d.use_case, c.display_name AS contact_name, \
                    CASE WHEN c.email_verified THEN c.email END AS contact_email, \
                    d.instance_url, d.instance_public, d.renewed_at, d.expires_at \
               FROM usage_declarations d \
               JOIN software s ON s.id = d.software_id \
               JOIN organisations o ON o.id = d.organisation_id \
               LEFT JOIN users c ON c.id = d.contact_id AND c.deleted_at IS NULL \
              WHERE s.slug = $1 AND d.expires_at > now() \
              ORDER BY o.verified DESC, o.name_de, d.id",
            [software_slug.into()],
        )
        .await?;
        let verified = rows.iter().filter(|r| r.verified).count() as u64;
        Ok(EntryUsage {
            declarations: rows.into_iter().map(|r| r.view(reader)).collect(),
            verified,
            may_declare: reader.is_some_and(|a| !a.memberships.is_empty()),
        })
    }

    /// What the declaration form offers `actor` for the entry.
    pub async fn usage_form(&self, actor: &Actor, software_slug: &str) -> Result<UsageFormData, AppError> {
        let entry = software::Entity::find()
            .filter(software::Column::Slug.eq(software_slug))
            .filter(software::Column::Active.eq(true))
            .one(&self.db)
            .await
            .map_err(map_db_error)?
            .ok_or(AppError::NotFound)?;
        let organisations: Vec<OrganisationId> = actor.memberships.iter().map(|m| m.organisation_id).collect();
        #[derive(FromQueryResult)]
        struct Contact {
            user_id: UserId,
            display_name: String,
            organisation_name: String,
        }
        let contacts: Vec<Contact> = sql::all(
            &self.db,
            "SELECT m.user_id, u.display_name, o.name_de AS organisation_name \
               FROM memberships m JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = m.organisation_id \
              WHERE m.organisation_id = ANY($1) AND u.deleted_at IS NULL \
              ORDER BY (m.user_id = $2) DESC, o.name_de, u.display_name",
            [
                organisations.iter().map(|o| o.uuid()).collect::<Vec<_>>().into(),
                actor.user_id.into(),
            ],
        )
        .await?;
        let mut seen = std::collections::HashSet::new();
        let existing = self
            .entry_usage(Some(actor), &entry.slug)
            .await?
            .declarations
            .into_iter()
            .filter(|d| actor.memberships.iter().any(|m| m.slug == d.organisation.slug))
            .collect();
        Ok(UsageFormData {
            software_slug: entry.slug,
            software_name: entry.name,
            organisations: actor
                .memberships
                .iter()
                .map(|m| (m.organisation_id.to_string(), m.name.clone()))
                .collect(),
            // A person in two of the reader's organisations is offered once
            // per organisation: the contact must belong to the one chosen.
            contacts: contacts
                .into_iter()
                .filter(|c| seen.insert((c.user_id, c.organisation_name.clone())))
                .map(|c| {
                    (
                        c.user_id.to_string(),
                        format!("{} ({})", c.display_name, c.organisation_name),
                    )
                })
                .collect(),
            existing,
            valid_months: self.usage.valid_months,
        })
    }

    /// Tells the authors of declarations that lapse within the reminder
    /// period, once each (the scheduler calls this on every tick). Returns
    /// how many were reminded.
    pub async fn remind_expiring(&self) -> Result<u64, AppError> {
        let tx = Tx::begin(&self.db, Who::anonymous(None), Permission::Public).await?;
        #[derive(FromQueryResult)]
        struct Due {
            id: DeclarationId,
            organisation_id: OrganisationId,
            author_id: Option<UserId>,
            slug: String,
            name: String,
            version: String,
        }
        // SKIP LOCKED: a declaration being renewed right now is not reminded.
        let due: Vec<Due> = sql::all(
            &tx,
            "SELECT d.id, d.organisation_id, u.id AS author_id, s.slug, s.name, d.version \
               FROM usage_declarations d JOIN software s ON s.id = d.software_id \
               LEFT JOIN users u ON u.id = d.author_id AND u.deleted_at IS NULL \
              WHERE d.reminded_at IS NULL AND d.expires_at > now() \
                AND d.expires_at <= now() + make_interval(days => $1) \
              ORDER BY d.expires_at LIMIT 500 FOR UPDATE OF d SKIP LOCKED",
            [(self.usage.reminder_days as i32).into()],
        )
        .await?;
        for d in &due {
            // The date is on the page the notice links to, in the reader's format.
            let subject = format!("{} {}", d.name, d.version);
            let notice = Notice::new(NoticeKind::UsageExpiring, &usage_path(&d.slug)).subject(&subject);
            match d.author_id {
                Some(author) => notify(&tx, author, &notice).await?,
                // Its author left: the organisation's owners decide.
                None => notify_owners(&tx, d.organisation_id, notice).await?,
            }
            declarations::ActiveModel {
                id: Unchanged(d.id),
                reminded_at: Set(Some(Utc::now())),
                ..Default::default()
            }
            .update(&tx)
            .await
            .map_err(map_db_error)?;
        }
        // The same tick takes back the signals of declarations that lapsed.
        super::signals::refresh_lapsed(&tx).await?;
        tx.done(due.len() as u64).await
    }
}

async fn slug_of(tx: &Tx<'_>, software: SoftwareId) -> Result<String, AppError> {
    sql::value::<String>(
        tx,
        "SELECT slug AS value FROM software WHERE id = $1",
        [software.into()],
    )
    .await?
    .ok_or(AppError::NotFound)
}

fn choice(field: &str) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, "form.error.choice")])
}

async fn locked(tx: &Tx<'_>, id: DeclarationId) -> Result<declarations::Model, AppError> {
    declarations::Entity::find_by_id(id)
        .lock_exclusive()
        .one(tx)
        .await
        .map_err(map_db_error)?
        .ok_or(AppError::NotFound)
}

#[derive(FromQueryResult)]
struct Row {
    id: DeclarationId,
    organisation_id: OrganisationId,
    organisation_slug: String,
    organisation_name: String,
    verified: bool,
    author_id: Option<UserId>,
    version: String,
    use_case: String,
    contact_name: Option<String>,
    contact_email: Option<String>,
    instance_url: Option<String>,
    instance_public: bool,
    renewed_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

impl Row {
    fn view(self, reader: Option<&Actor>) -> UsageView {
        let role = reader.and_then(|a| a.role_in(self.organisation_id));
        let admin = reader.is_some_and(|a| a.is_site_admin);
        let insider = role.is_some() || admin;
        UsageView {
            id: self.id.to_string(),
            organisation: OrganisationRef {
                slug: self.organisation_slug,
                name: self.organisation_name,
            },
            verified: self.verified,
            version: self.version,
            use_case: self.use_case,
            contact_name: self.contact_name,
            contact_email: self.contact_email.filter(|_| reader.is_some()),
            instance_url: self.instance_url.filter(|_| self.instance_public || insider),
            instance_public: self.instance_public,
            renewed_at: self.renewed_at.to_rfc3339(),
            expires_at: self.expires_at.to_rfc3339(),
            may_renew: role.is_some(),
            may_withdraw: admin
                || role.is_some_and(|r| r >= Role::Publisher)
                || role.is_some() && self.author_id.is_some_and(|a| reader.is_some_and(|r| r.user_id == a)),
        }
    }
}
