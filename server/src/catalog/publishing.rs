//! Publishing a publiccode.yml: the one path every source takes (upload,
//! paste, editor, API, and later the repository mirror). Validation, the
//! organisation check, the entry and its import log change together in one
//! transaction, or not at all.

use std::net::IpAddr;

use app::catalog::publiccode::{self, tree, PublicCode, Registers, Report};
use app::i18n::{message_with, Locale};
use sea_orm::{ConnectionTrait, FromQueryResult};

use super::projection::{project, slugify};
use super::url_key::url_key;
use super::Catalog;
use crate::accounts::memberships::organisation_id;
use crate::accounts::Actor;
use crate::db::sql;
use crate::kernel::permissions;
use crate::kernel::{
    internal, AuditAction, Event, OrgPermission, OrganisationId, Permission, SoftwareId, Tx, UserId, Who,
};
use crate::notifications::{self, Notice, NoticeKind};
use app::error::AppError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Upload,
    Paste,
    Editor,
    Api,
    Repository,
    Seed,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Upload => "upload",
            Source::Paste => "paste",
            Source::Editor => "editor",
            Source::Api => "api",
            Source::Repository => "repository",
            Source::Seed => "seed",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Created(String),
    Updated(String),
    Unchanged(String),
    /// The file is invalid; the existing entry stays listed for its
    /// maintainers, inactive, with the errors.
    Deactivated(String),
    /// The file is invalid and names no entry of this organisation.
    Invalid,
    Refused(Refusal),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// `organisation.uri` names another organisation (or one unknown here).
    OrganisationMismatch { named: String, owner: Option<String> },
    /// The repository is listed by another organisation; technical forks keep
    /// the original `url` and are not listed twice.
    ListedByOther { organisation: String, slug: String },
}

impl Refusal {
    /// The reason in the reader's language (texts in `app/locales`).
    pub fn describe(&self, locale: Locale, publisher: &str) -> String {
        match self {
            Refusal::OrganisationMismatch {
                named,
                owner: Some(owner),
            } => message_with(
                locale,
                "catalog.refusal.owned_by_other",
                &[("named", named), ("owner", owner), ("publisher", publisher)],
            ),
            Refusal::OrganisationMismatch { named, owner: None } => message_with(
                locale,
                "catalog.refusal.unknown_uri",
                &[("named", named), ("publisher", publisher)],
            ),
            Refusal::ListedByOther { organisation, slug } => message_with(
                locale,
                "catalog.refusal.listed_by_other",
                &[("organisation", organisation), ("slug", slug)],
            ),
        }
    }
}

pub struct Published {
    pub report: Report,
    pub outcome: Outcome,
    pub organisation_name: String,
}

#[derive(FromQueryResult)]
struct OrgRow {
    name_de: String,
}

#[derive(FromQueryResult)]
struct Existing {
    id: SoftwareId,
    slug: String,
    organisation_id: OrganisationId,
    organisation_name: String,
    raw: String,
    active: bool,
}

async fn find_existing(c: &impl ConnectionTrait, key: &str) -> Result<Option<Existing>, AppError> {
    sql::one(
        c,
        "SELECT s.id, s.slug, s.organisation_id, o.name_de AS organisation_name, s.raw, s.active \
         FROM software s JOIN organisations o ON o.id = s.organisation_id \
         WHERE s.url_key = $1 OR s.id = (SELECT software_id FROM software_aliases WHERE url_key = $1)",
        [key.into()],
    )
    .await
}

/// The `url` of a file that failed validation, if it can still be read.
fn url_of_invalid(text: &str) -> Option<String> {
    let root = tree::parse(text).ok()?;
    root.get("url")?.as_str().map(str::to_string)
}

impl Catalog {
    pub async fn publish(
        &self,
        actor: &Actor,
        organisation_slug: &str,
        source: Source,
        bytes: &[u8],
        ip: Option<IpAddr>,
    ) -> Result<Published, AppError> {
        let org_id = organisation_id(&self.db, organisation_slug).await?;
        permissions::require(actor, org_id, OrgPermission::Publish)?;
        self.publish_checked(
            org_id,
            organisation_slug,
            Some(actor.user_id),
            source,
            bytes,
            Registers::default(),
            ip,
        )
        .await
    }

    /// Publishing once the permission is settled: by [`Catalog::publish`],
    /// and by the mirror for a repository the organisation registered (the
    /// registration was the publisher's act; `user_id` is who registered).
    #[allow(clippy::too_many_arguments)] // who, for whom, what and from where: each its own value
    pub async fn publish_checked(
        &self,
        org_id: OrganisationId,
        organisation_slug: &str,
        user_id: Option<UserId>,
        source: Source,
        bytes: &[u8],
        resources: Registers<'_>,
        ip: Option<IpAddr>,
    ) -> Result<Published, AppError> {
        let report = publiccode::validate_bytes_with(bytes, &resources);
        // The file is kept as sent, but PostgreSQL text cannot hold NUL (the
        // validator has refused such a file already, with its position).
        let text = String::from_utf8_lossy(bytes).replace('\0', "\u{fffd}");
        // The permission is settled (see above); the events name who acted.
        let tx = Tx::begin(&self.db, Who::on_behalf_of(user_id, ip), Permission::Public).await?;
        let org: OrgRow = sql::one(&tx, "SELECT name_de FROM organisations WHERE id = $1", [org_id.into()])
            .await?
            .ok_or(AppError::NotFound)?;
        let issues_json = serde_json::to_value(report.issues.iter().map(|i| i.to_json(Locale::En)).collect::<Vec<_>>())
            .map_err(internal("issues as JSON"))?;
        let log = Log {
            org_id,
            user_id,
            source,
            issues: issues_json.clone(),
        };

        let outcome = match &report.document {
            None => {
                let existing = match url_of_invalid(&text) {
                    Some(url) => find_existing(&tx, &url_key(&url))
                        .await?
                        .filter(|e| e.organisation_id == org_id),
                    None => None,
                };
                match existing {
                    Some(entry) => {
                        sql::exec(
                            &tx,
                            "UPDATE software SET active = false, raw = $2, issues = $3, version = version + 1, updated_at = now() WHERE id = $1",
                            [entry.id.into(), text.clone().into(), issues_json.into()],
                        )
                        .await?;
                        log.write(&tx, Some(entry.id), ImportOutcome::Deactivated).await?;
                        tx.record(
                            Event::new(AuditAction::SoftwareDeactivated)
                                .organisation(org_id)
                                .subject(&entry.slug),
                        );
                        let notice = Notice::new(NoticeKind::EntryDeactivated, &format!("/software/{}", entry.slug))
                            .subject(&entry.slug);
                        notifications::notify_publishers(&tx, org_id, notice).await?;
                        Outcome::Deactivated(entry.slug)
                    }
                    None => {
                        log.write(&tx, None, ImportOutcome::Refused).await?;
                        Outcome::Invalid
                    }
                }
            }
            Some(doc) => {
                if let Some(refusal) = organisation_refusal(&tx, doc, org_id).await? {
                    log.write(&tx, None, ImportOutcome::Refused).await?;
                    Outcome::Refused(refusal)
                } else {
                    self.store(&tx, doc, &text, issues_json, org_id, organisation_slug, &log)
                        .await?
                }
            }
        };
        tx.done(Published {
            report: report.clone(),
            outcome,
            organisation_name: org.name_de,
        })
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn store(
        &self,
        txn: &Tx<'_>,
        doc: &PublicCode,
        text: &str,
        issues: serde_json::Value,
        org_id: OrganisationId,
        org_slug: &str,
        log: &Log,
    ) -> Result<Outcome, AppError> {
        let key = url_key(&doc.url);
        let existing = find_existing(txn, &key).await?;
        if let Some(entry) = &existing {
            if entry.organisation_id != org_id {
                log.write(txn, None, ImportOutcome::Refused).await?;
                return Ok(Outcome::Refused(Refusal::ListedByOther {
                    organisation: entry.organisation_name.clone(),
                    slug: entry.slug.clone(),
                }));
            }
            if entry.active && entry.raw == text {
                log.write(txn, Some(entry.id), ImportOutcome::Unchanged).await?;
                return Ok(Outcome::Unchanged(entry.slug.clone()));
            }
        }
        let (columns, p) = entry_columns(doc, text, issues)?;
        let (id, slug, outcome) = match existing {
            Some(entry) => {
                let mut values = vec![entry.id.into()];
                values.extend(columns);
                sql::exec(
                    txn,
                    "UPDATE software SET url = $2, url_key = $3, raw = $4, issues = $5, document = $6, name = $7, \
                     summary_de = $8, body_de = $9, summary_en = $10, body_en = $11, body_other = $12, \
                     development_status = $13, software_type = $14, maintenance_type = $15, license = $16, \
                     licenses = $17, categories = $18, platforms = $19, languages = $20, scopes = $21, \
                     standards = $22, based_on = $23, short_de = $24, short_en = $25, active = true, version = version + 1, updated_at = now() \
                     WHERE id = $1",
                    values,
                )
                .await?;
                (entry.id, entry.slug.clone(), Outcome::Updated(entry.slug))
            }
            None => {
                let slug = free_slug(txn, &slugify(&doc.name), org_slug).await?;
                let mut values = vec![slug.clone().into(), org_id.into()];
                values.extend(columns);
                let id = sql::value::<SoftwareId>(txn, INSERT_ENTRY, values)
                    .await?
                    .ok_or(AppError::Internal)?;
                (id, slug.clone(), Outcome::Created(slug))
            }
        };
        sql::exec(
            txn,
            "INSERT INTO catalog_words (word) \
             SELECT DISTINCT w FROM regexp_split_to_table(lower(public.unaccent('public.unaccent', $1)), '[^[:alnum:]]+') AS w \
             WHERE length(w) BETWEEN 3 AND 60 ON CONFLICT DO NOTHING",
            [format!("{}\n{}\n{}", p.name, p.summary_de, p.summary_en).into()],
        )
        .await?;
        log.write(
            txn,
            Some(id),
            if matches!(outcome, Outcome::Created(_)) {
                ImportOutcome::Created
            } else {
                ImportOutcome::Updated
            },
        )
        .await?;
        txn.record(
            Event::new(AuditAction::SoftwarePublished)
                .organisation(org_id)
                .subject(&slug),
        );
        Ok(outcome)
    }
}

/// Inserts an entry: slug and organisation id, then [`entry_columns`].
pub(crate) const INSERT_ENTRY: &str = "INSERT INTO software (slug, organisation_id, url, url_key, raw, issues, document, name, \
     summary_de, body_de, summary_en, body_en, body_other, development_status, software_type, \
     maintenance_type, license, licenses, categories, platforms, languages, scopes, standards, based_on, short_de, short_en) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26) \
     RETURNING id AS value";

/// The stored columns of a valid file, from `url` to `short_en`, in the
/// order of [`INSERT_ENTRY`] (after slug and organisation).
pub(crate) fn entry_columns(
    doc: &PublicCode,
    text: &str,
    issues: serde_json::Value,
) -> Result<(Vec<sea_orm::Value>, super::projection::Projection), AppError> {
    let p = project(doc);
    let document = serde_json::to_value(doc).map_err(internal("publiccode document as JSON"))?;
    let columns: Vec<sea_orm::Value> = vec![
        doc.url.clone().into(),
        url_key(&doc.url).into(),
        text.to_string().into(),
        issues.into(),
        document.into(),
        p.name.clone().into(),
        p.summary_de.clone().into(),
        p.body_de.clone().into(),
        p.summary_en.clone().into(),
        p.body_en.clone().into(),
        p.body_other.clone().into(),
        doc.development_status.clone().into(),
        doc.software_type.clone().into(),
        doc.maintenance.kind.clone().into(),
        doc.legal.license.clone().into(),
        p.licenses.clone().into(),
        doc.categories.clone().into(),
        doc.platforms.clone().into(),
        p.languages.clone().into(),
        doc.intended_audience.scope.clone().into(),
        p.standards.clone().into(),
        p.based_on.clone().into(),
        p.short_de.clone().into(),
        p.short_en.clone().into(),
    ];
    Ok((columns, p))
}

/// `organisation.uri` must name the publishing organisation, compared in
/// the schema's one normal form (`organisation_uri_key`, which also keeps
/// URIs unique), so no spelling of another's URI passes.
async fn organisation_refusal(
    c: &impl ConnectionTrait,
    doc: &PublicCode,
    org_id: OrganisationId,
) -> Result<Option<Refusal>, AppError> {
    let Some(named) = doc.organisation.as_ref().and_then(|o| o.uri.clone()) else {
        return Ok(None);
    };
    #[derive(FromQueryResult)]
    struct Owner {
        id: OrganisationId,
        name_de: String,
    }
    let owner: Option<Owner> = sql::one(
        c,
        "SELECT id, name_de FROM organisations WHERE uri_key = organisation_uri_key($1)",
        [named.clone().into()],
    )
    .await?;
    match owner {
        Some(o) if o.id == org_id => Ok(None),
        owner => Ok(Some(Refusal::OrganisationMismatch {
            named,
            owner: owner.map(|o| o.name_de),
        })),
    }
}

async fn free_slug(c: &impl ConnectionTrait, base: &str, org_slug: &str) -> Result<String, AppError> {
    let taken = |slug: String| async move {
        sql::value::<i32>(
            c,
            "SELECT 1 AS value FROM software WHERE slug = $1",
            [slug.clone().into()],
        )
        .await
        .map(|v| (slug, v.is_some()))
    };
    let candidates = std::iter::once(base.to_string())
        .chain(std::iter::once(format!("{base}-{org_slug}")))
        .chain((2..100).map(|n| format!("{base}-{org_slug}-{n}")));
    for candidate in candidates {
        let candidate: String = candidate
            .chars()
            .take(100)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string();
        let (slug, is_taken) = taken(candidate).await?;
        if !is_taken {
            return Ok(slug);
        }
    }
    Err(AppError::Conflict("catalog.error.slug".into()))
}

struct Log {
    org_id: OrganisationId,
    user_id: Option<UserId>,
    source: Source,
    issues: serde_json::Value,
}

crate::closed_set! {
    /// What a publication did, as `software_imports.outcome` records it.
    pub enum ImportOutcome {
        Created = "created",
        Updated = "updated",
        Unchanged = "unchanged",
        Deactivated = "deactivated",
        Refused = "refused",
    }
}

impl Log {
    async fn write(
        &self,
        c: &impl ConnectionTrait,
        software_id: Option<SoftwareId>,
        outcome: ImportOutcome,
    ) -> Result<(), AppError> {
        sql::exec(
            c,
            "INSERT INTO software_imports (software_id, organisation_id, user_id, source, outcome, issues) VALUES ($1, $2, $3, $4, $5, $6)",
            [
                software_id.into(),
                self.org_id.into(),
                self.user_id.into(),
                self.source.code().into(),
                outcome.into(),
                self.issues.clone().into(),
            ],
        )
        .await
        .map(|_| ())
    }
}
