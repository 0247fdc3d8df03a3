//! Fixtures built by code (crates.io's `builders`): people, organisations
//! and memberships straight into a test's database, for tests of rules that
//! need no seed and no HTML.

use allmende_server::db::sql;
use allmende_server::kernel::{Actor, Membership, OrganisationId, UserId};
use app::accounts::dto::Role;
use sea_orm::DatabaseConnection;

/// A person with a confirmed address `<name>@<organisation>.example`.
pub async fn user(db: &DatabaseConnection, name: &str) -> UserId {
    let email = format!("{}@test.example", name.to_lowercase().replace(' ', "."));
    sql::value::<UserId>(
        db,
        "INSERT INTO users (display_name, email, email_verified, pseudonym) VALUES ($1, $2, true, $3) RETURNING id AS value",
        [name.into(), email.into(), format!("Konto {name}").into()],
    )
    .await
    .unwrap()
    .unwrap()
}

/// A municipality with this slug.
pub async fn organisation(db: &DatabaseConnection, slug: &str) -> OrganisationId {
    sql::value::<OrganisationId>(
        db,
        "INSERT INTO organisations (slug, name_de, kind) VALUES ($1, $2, 'gemeinde') RETURNING id AS value",
        [slug.into(), format!("Gemeinde {slug}").into()],
    )
    .await
    .unwrap()
    .unwrap()
}

/// Makes `user` a member of `organisation` with `role`.
pub async fn member(db: &DatabaseConnection, organisation: OrganisationId, user: UserId, role: Role) {
    sql::exec(
        db,
        "INSERT INTO memberships (organisation_id, user_id, role) VALUES ($1, $2, $3)",
        [organisation.into(), user.into(), role.code().into()],
    )
    .await
    .unwrap();
}

/// The actor as the session layer loads it.
pub async fn actor(db: &DatabaseConnection, user: UserId) -> Actor {
    allmende_server::accounts::users::load_actor(db, user)
        .await
        .unwrap()
        .unwrap()
}

/// A person with `role` in a new organisation `slug`: (organisation, actor).
pub async fn person_in(db: &DatabaseConnection, slug: &str, name: &str, role: Role) -> (OrganisationId, Actor) {
    let organisation = match sql::value::<OrganisationId>(
        db,
        "SELECT id AS value FROM organisations WHERE slug = $1",
        [slug.into()],
    )
    .await
    .unwrap()
    {
        Some(id) => id,
        None => self::organisation(db, slug).await,
    };
    let user = user(db, name).await;
    member(db, organisation, user, role).await;
    let actor = actor(db, user).await;
    assert!(matches!(actor.memberships.as_slice(), [Membership { role: r, .. }] if *r == role));
    (organisation, actor)
}
