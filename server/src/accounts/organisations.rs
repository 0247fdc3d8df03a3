//! Creating and editing administrations. Anyone signed in may register one
//! (unverified, with them as its owner); owners and site administrators edit
//! it. An owner's change to what identifies a verified organisation (names,
//! kind, Land, identifiers) withdraws the verification until an administrator
//! looks again.

use super::memberships::organisation_id;
use super::validate::{self, Errors};
use super::{Accounts, Actor};
use crate::db::sql;
use crate::kernel::permissions;
use crate::kernel::{AuditAction, Event, OrgPermission, OrganisationId, Permission, Tx, Who};
use app::directory::dto::{OrganisationKind, LAENDER};
use app::directory::editing::OrganisationForm;
use app::error::AppError;
use sea_orm::{ConnectionTrait, FromQueryResult, Value};
use std::net::IpAddr;

/// Slugs that name pages rather than organisations.
const RESERVED_SLUGS: [&str; 2] = ["neu", "suche"];

/// The checked values, ready for the database (`None` for empty fields).
struct Valid {
    slug: String,
    name_de: String,
    name_en: Option<String>,
    short_name: Option<String>,
    kind: &'static str,
    parent: Option<String>,
    land: Option<String>,
    ars: Option<String>,
    leitweg_id: Option<String>,
    uri: Option<String>,
    website: Option<String>,
    contact_email: Option<String>,
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

fn bounded(errors: &mut Errors, field: &str, text: &str, max: usize) -> Option<String> {
    let value = optional(text);
    if value.as_ref().is_some_and(|v| v.chars().count() > max) {
        errors.add(field, "form.error.too_long");
    } else if value.as_ref().is_some_and(|v| v.chars().any(char::is_control)) {
        errors.add(field, "form.error.characters");
    }
    value
}

fn web_url(errors: &mut Errors, field: &str, text: &str) -> Option<String> {
    let value = optional(text)?;
    match url::Url::parse(&value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() && value.len() <= 500 => {
            Some(value)
        }
        _ => {
            errors.add(field, "organisations.error.url");
            None
        }
    }
}

/// `Grobadressierung-[Feinadressierung-]Prüfziffer`: 2 to 12 digits, an
/// optional part of up to 30 letters and digits, two check digits.
pub fn leitweg_id_is_valid(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    let digits =
        |s: &str, min: usize, max: usize| (min..=max).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [coarse, check] => digits(coarse, 2, 12) && digits(check, 2, 2),
        [coarse, fine, check] => {
            digits(coarse, 2, 12)
                && (1..=30).contains(&fine.len())
                && fine.chars().all(|c| c.is_ascii_alphanumeric())
                && digits(check, 2, 2)
        }
        _ => false,
    }
}

fn check(form: &OrganisationForm) -> Result<Valid, AppError> {
    let mut errors = Errors::default();
    let slug = form.slug.trim().to_lowercase();
    let slug_ok = !slug.is_empty()
        && slug.len() <= 80
        && slug
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    if slug.is_empty() {
        errors.add("slug", "form.error.required");
    } else if !slug_ok {
        errors.add("slug", "organisations.error.slug");
    } else if RESERVED_SLUGS.contains(&slug.as_str()) {
        errors.add("slug", "organisations.error.slug_taken");
    }
    let name_de = bounded(&mut errors, "name_de", &form.name_de, 300);
    if name_de.is_none() {
        errors.add("name_de", "form.error.required");
    }
    let kind = OrganisationKind::from_code(form.kind.trim()).map(OrganisationKind::code);
    if kind.is_none() {
        errors.add("kind", "form.error.choice");
    }
    let land = optional(&form.land);
    if land
        .as_deref()
        .is_some_and(|l| !LAENDER.iter().any(|(code, _)| *code == l))
    {
        errors.add("land", "form.error.choice");
    }
    let ars = optional(&form.ars);
    if ars
        .as_deref()
        .is_some_and(|a| !(2..=12).contains(&a.len()) || !a.chars().all(|c| c.is_ascii_digit()))
    {
        errors.add("ars", "organisations.error.ars");
    }
    let leitweg_id = optional(&form.leitweg_id);
    if leitweg_id.as_deref().is_some_and(|l| !leitweg_id_is_valid(l)) {
        errors.add("leitweg_id", "organisations.error.leitweg_id");
    }
    let contact_email = match optional(&form.contact_email) {
        Some(raw) => validate::email(&raw).map_err(|k| errors.add("contact_email", k)).ok(),
        None => None,
    };
    let valid = Valid {
        slug,
        name_de: name_de.unwrap_or_default(),
        name_en: bounded(&mut errors, "name_en", &form.name_en, 300),
        short_name: bounded(&mut errors, "short_name", &form.short_name, 60),
        kind: kind.unwrap_or("other"),
        parent: optional(&form.parent).map(|p| p.to_lowercase()),
        land,
        ars,
        leitweg_id,
        uri: web_url(&mut errors, "uri", &form.uri),
        website: web_url(&mut errors, "website", &form.website),
        contact_email,
    };
    errors.finish().map(|_| valid)
}

/// The database checks: the parent exists (and is not the organisation or
/// one of its own descendants), slug and URI are free.
async fn check_references(
    c: &impl ConnectionTrait,
    valid: &Valid,
    own_id: Option<OrganisationId>,
) -> Result<Option<OrganisationId>, AppError> {
    let mut errors = Errors::default();
    let taken = sql::value::<bool>(
        c,
        "SELECT EXISTS (SELECT 1 FROM organisations WHERE slug = $1 AND id IS DISTINCT FROM $2) AS value",
        [valid.slug.clone().into(), own_id.into()],
    )
    .await?;
    if taken == Some(true) {
        errors.add("slug", "organisations.error.slug_taken");
    }
    if let Some(uri) = &valid.uri {
        let taken = sql::value::<bool>(
            c,
            "SELECT EXISTS (SELECT 1 FROM organisations WHERE uri_key = organisation_uri_key($1) AND id IS DISTINCT FROM $2) AS value",
            [uri.clone().into(), own_id.into()],
        )
        .await?;
        if taken == Some(true) {
            errors.add("uri", "organisations.error.uri_taken");
        }
    }
    let mut parent_id = None;
    if let Some(parent) = &valid.parent {
        match sql::value::<OrganisationId>(
            c,
            "SELECT id AS value FROM organisations WHERE slug = $1",
            [parent.clone().into()],
        )
        .await?
        {
            None => errors.add("parent", "organisations.error.parent_unknown"),
            Some(id) => {
                let cycle = match own_id {
                    Some(own) => sql::value::<bool>(
                        c,
                        "WITH RECURSIVE below AS (SELECT id FROM organisations WHERE id = $1 \
                             UNION SELECT o.id FROM organisations o JOIN below ON o.parent_id = below.id) \
                         SELECT EXISTS (SELECT 1 FROM below WHERE id = $2) AS value",
                        [own.into(), id.into()],
                    )
                    .await?
                    .unwrap_or(false),
                    None => false,
                };
                if cycle {
                    errors.add("parent", "organisations.error.parent_cycle");
                } else {
                    parent_id = Some(id);
                }
            }
        }
    }
    errors.finish().map(|_| parent_id)
}

fn values(valid: &Valid, parent_id: Option<OrganisationId>) -> Vec<Value> {
    vec![
        valid.slug.clone().into(),
        valid.name_de.clone().into(),
        valid.name_en.clone().into(),
        valid.short_name.clone().into(),
        valid.kind.into(),
        parent_id.into(),
        valid.land.clone().into(),
        valid.ars.clone().into(),
        valid.leitweg_id.clone().into(),
        valid.uri.clone().into(),
        valid.website.clone().into(),
        valid.contact_email.clone().into(),
    ]
}

impl Accounts {
    /// Registers an organisation; its creator becomes the owner. Returns the slug.
    pub async fn create_organisation(
        &self,
        actor: &Actor,
        form: &OrganisationForm,
        ip: Option<IpAddr>,
    ) -> Result<String, AppError> {
        let valid = check(form)?;
        // Anyone signed in may register an organisation; they become its owner.
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let parent_id = check_references(&tx, &valid, None).await?;
        let mut params = values(&valid, parent_id);
        params.push(actor.user_id.into());
        let id = sql::value::<OrganisationId>(
            &tx,
            "WITH o AS (INSERT INTO organisations (slug, name_de, name_en, short_name, kind, parent_id, land, ars, \
                 leitweg_id, uri, website, contact_email) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id), \
             m AS (INSERT INTO memberships (organisation_id, user_id, role) SELECT id, $13, 'owner' FROM o) \
             SELECT id AS value FROM o",
            params,
        )
        .await?
        .ok_or(AppError::Internal)?;
        tx.record(
            Event::new(AuditAction::OrganisationCreated)
                .organisation(id)
                .subject(&valid.name_de),
        );
        tx.done(valid.slug.clone()).await
    }

    /// Saves an edit made from the form loaded at `form.version`; a change
    /// made by someone else in between is refused, not overwritten. Returns
    /// the (possibly new) slug and whether the verification was withdrawn.
    pub async fn update_organisation(
        &self,
        actor: &Actor,
        slug: &str,
        form: &OrganisationForm,
        ip: Option<IpAddr>,
    ) -> Result<(String, bool), AppError> {
        let in_org = Permission::In(slug, OrgPermission::ManageMembers);
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), in_org).await?;
        let id = tx.organisation();
        let valid = check(form)?;
        let parent_id = check_references(&tx, &valid, Some(id)).await?;
        #[derive(FromQueryResult)]
        struct Identity {
            verified: bool,
            same: bool,
        }
        let before = sql::one::<Identity>(
            &tx,
            "SELECT verified, (name_de, coalesce(name_en, ''), kind, coalesce(land, ''), coalesce(ars, ''), \
                               coalesce(leitweg_id, ''), coalesce(uri, '')) \
                    = ($2, coalesce($3, ''), $4, coalesce($5, ''), coalesce($6, ''), coalesce($7, ''), coalesce($8, '')) AS same \
             FROM organisations WHERE id = $1",
            [
                id.into(),
                valid.name_de.clone().into(),
                valid.name_en.clone().into(),
                valid.kind.into(),
                valid.land.clone().into(),
                valid.ars.clone().into(),
                valid.leitweg_id.clone().into(),
                valid.uri.clone().into(),
            ],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        let withdraw = before.verified && !before.same && !actor.is_site_admin;
        let mut params = values(&valid, parent_id);
        params.push(id.into());
        params.push(form.version.into());
        params.push(withdraw.into());
        let updated = sql::exec(
            &tx,
            "UPDATE organisations SET slug = $1, name_de = $2, name_en = $3, short_name = $4, kind = $5, parent_id = $6, \
                 land = $7, ars = $8, leitweg_id = $9, uri = $10, website = $11, contact_email = $12, \
                 verified = verified AND NOT $15, version = version + 1, updated_at = now() \
             WHERE id = $13 AND version = $14",
            params,
        )
        .await?;
        if updated == 0 {
            return Err(AppError::Conflict("organisations.error.stale".into()));
        }
        tx.record(
            Event::new(AuditAction::OrganisationUpdated)
                .subject(&valid.name_de)
                .details(serde_json::json!({"verification_withdrawn": withdraw})),
        );
        tx.done((valid.slug.clone(), withdraw)).await
    }

    /// The form's values for editing; owners and site administrators only.
    pub async fn organisation_form(&self, actor: &Actor, slug: &str) -> Result<OrganisationForm, AppError> {
        let id = organisation_id(&self.db, slug).await?;
        permissions::require(actor, id, OrgPermission::ManageMembers)?;
        #[derive(FromQueryResult)]
        struct Row {
            slug: String,
            name_de: String,
            name_en: Option<String>,
            short_name: Option<String>,
            kind: String,
            parent: Option<String>,
            land: Option<String>,
            ars: Option<String>,
            leitweg_id: Option<String>,
            uri: Option<String>,
            website: Option<String>,
            contact_email: Option<String>,
            version: i32,
            verified: bool,
        }
        let r = sql::one::<Row>(
            &self.db,
            "SELECT o.slug, o.name_de, o.name_en, o.short_name, o.kind, p.slug AS parent, o.land, o.ars, o.leitweg_id, \
                    o.uri, o.website, o.contact_email, o.version, o.verified \
             FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id WHERE o.id = $1",
            [id.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        Ok(OrganisationForm {
            slug: r.slug,
            name_de: r.name_de,
            name_en: r.name_en.unwrap_or_default(),
            short_name: r.short_name.unwrap_or_default(),
            kind: r.kind,
            parent: r.parent.unwrap_or_default(),
            land: r.land.unwrap_or_default(),
            ars: r.ars.unwrap_or_default(),
            leitweg_id: r.leitweg_id.unwrap_or_default(),
            uri: r.uri.unwrap_or_default(),
            website: r.website.unwrap_or_default(),
            contact_email: r.contact_email.unwrap_or_default(),
            version: r.version,
            verified: r.verified,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OrganisationForm {
        OrganisationForm {
            slug: "amt-eiderstedt".into(),
            name_de: "Amt Eiderstedt".into(),
            kind: "gemeinde".into(),
            land: "DE-SH".into(),
            ars: "010545429".into(),
            website: "https://www.amt-eiderstedt.de".into(),
            ..OrganisationForm::default()
        }
    }

    #[test]
    fn a_complete_form_passes() {
        let valid = check(&form()).expect("valid");
        assert_eq!(valid.kind, "gemeinde");
        assert_eq!(valid.name_en, None);
    }

    #[test]
    fn each_wrong_field_is_named() {
        let bad = OrganisationForm {
            slug: "Amt Eiderstedt".into(),
            name_de: " ".into(),
            kind: "dorf".into(),
            land: "DE-XX".into(),
            ars: "12a".into(),
            leitweg_id: "1-2".into(),
            uri: "ftp://x".into(),
            website: "www.example.de".into(),
            contact_email: "amt@".into(),
            ..OrganisationForm::default()
        };
        let Err(AppError::Invalid(errors)) = check(&bad) else {
            panic!("invalid")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "slug",
                "name_de",
                "kind",
                "land",
                "ars",
                "leitweg_id",
                "contact_email",
                "uri",
                "website"
            ]
        );
    }

    #[test]
    fn leitweg_ids_follow_their_structure() {
        for good in ["01-35", "010545429-12", "0105454-AMT01-42", "991-33004-52"] {
            assert!(leitweg_id_is_valid(good), "{good}");
        }
        for bad in ["", "1-23", "0105-1", "0105-x_y-12", "0105-12-34-56", "abc-12"] {
            assert!(!leitweg_id_is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn page_names_are_not_slugs() {
        let Err(AppError::Invalid(errors)) = check(&OrganisationForm {
            slug: "neu".into(),
            ..form()
        }) else {
            panic!("reserved")
        };
        assert_eq!(errors[0].key, "organisations.error.slug_taken");
    }
}
