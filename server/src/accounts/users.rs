//! People: creating them and loading who is acting.

use super::secret_token::short_code;
use crate::db::sql;
use crate::kernel::actor::{Actor, Membership};
use crate::kernel::{OrganisationId, UserId};
use app::accounts::dto::Role;
use app::error::AppError;
use app::i18n::Locale;
use sea_orm::{ConnectionTrait, FromQueryResult};

#[derive(FromQueryResult)]
struct UserRow {
    display_name: String,
    is_site_admin: bool,
    unread: i64,
}

#[derive(FromQueryResult)]
struct MembershipRow {
    organisation_id: OrganisationId,
    slug: String,
    name: String,
    role: String,
}

/// The actor for a session's user; `None` when the account is gone.
pub async fn load_actor(c: &impl ConnectionTrait, user_id: UserId) -> Result<Option<Actor>, AppError> {
    let Some(user) = sql::one::<UserRow>(
        c,
        "SELECT display_name, is_site_admin, \
                (SELECT count(*) FROM notifications n WHERE n.user_id = users.id AND n.read_at IS NULL) AS unread \
         FROM users WHERE id = $1 AND deleted_at IS NULL",
        [user_id.into()],
    )
    .await?
    else {
        return Ok(None);
    };
    let memberships = sql::all::<MembershipRow>(
        c,
        "SELECT o.id AS organisation_id, o.slug, o.name_de AS name, m.role \
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id \
         WHERE m.user_id = $1 ORDER BY o.name_de",
        [user_id.into()],
    )
    .await?
    .into_iter()
    .filter_map(|m| {
        Some(Membership {
            organisation_id: m.organisation_id,
            slug: m.slug,
            name: m.name,
            role: Role::from_code(&m.role)?,
        })
    })
    .collect();
    Ok(Some(Actor {
        user_id,
        display_name: user.display_name,
        is_site_admin: user.is_site_admin,
        memberships,
        unread_notifications: user.unread,
    }))
}

/// A new person; the pseudonym is what deleted accounts are shown as.
pub async fn create(
    c: &impl ConnectionTrait,
    display_name: &str,
    email: Option<&str>,
    email_verified: bool,
    locale: Locale,
) -> Result<UserId, AppError> {
    sql::value::<UserId>(
        c,
        "INSERT INTO users (display_name, email, email_verified, locale, pseudonym) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id AS value",
        [
            display_name.into(),
            email.map(str::to_owned).into(),
            email_verified.into(),
            locale.tag().into(),
            format!("Konto {}", short_code()).into(),
        ],
    )
    .await?
    .ok_or(AppError::Internal)
}

pub async fn touch_login(c: &impl ConnectionTrait, user_id: UserId) -> Result<(), AppError> {
    sql::exec(
        c,
        "UPDATE users SET last_login_at = now() WHERE id = $1",
        [user_id.into()],
    )
    .await
    .map(|_| ())
}

/// The language a person reads mail in.
pub async fn locale_of(c: &impl ConnectionTrait, user_id: UserId) -> Result<Locale, AppError> {
    Ok(
        sql::value::<String>(c, "SELECT locale AS value FROM users WHERE id = $1", [user_id.into()])
            .await?
            .and_then(|tag| Locale::from_tag(&tag))
            .unwrap_or_default(),
    )
}

/// Every address a person has proven to control: the verified local login,
/// the verified contact address and addresses identity providers vouched for.
pub async fn verified_emails(c: &impl ConnectionTrait, user_id: UserId) -> Result<Vec<String>, AppError> {
    #[derive(FromQueryResult)]
    struct Row {
        email: String,
    }
    Ok(sql::all::<Row>(
        c,
        "SELECT email FROM local_logins WHERE user_id = $1 AND verified_at IS NOT NULL \
         UNION SELECT lower(email) FROM users WHERE id = $1 AND email_verified AND email IS NOT NULL \
         UNION SELECT lower(email) FROM oidc_identities WHERE user_id = $1 AND email_verified AND email IS NOT NULL",
        [user_id.into()],
    )
    .await?
    .into_iter()
    .map(|r| r.email)
    .collect())
}
