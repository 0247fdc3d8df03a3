//! Demo data for the embedded default and for trying Allmende out.
//! Idempotent: rows that exist (by slug) are left as they are, so an
//! operator's edits survive a second `allmende seed`.

mod agreements;
pub mod generator;
mod groups;
mod organisations;
mod real_files;
pub mod repositories;
pub mod software;
mod usage;
mod users;

pub use users::DEMO_USERS;

use anyhow::Context;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};

/// Inserts the demo data and, with `repositories`, creates and registers
/// the demo Git repositories in that directory; returns how many rows were new.
pub async fn run_with_repositories(db: &DatabaseConnection, repositories: &std::path::Path) -> anyhow::Result<u64> {
    let inserted = run(db).await?;
    let admin = demo_admin(db).await?;
    Ok(inserted + repositories::seed(db, repositories, admin).await?)
}

/// Inserts the demo data; returns how many rows were new.
pub async fn run(db: &DatabaseConnection) -> anyhow::Result<u64> {
    let txn = db.begin().await?;
    let mut inserted = 0;
    // Parents are listed before their children, so one pass resolves every slug.
    for org in organisations::ORGANISATIONS {
        let result = txn
            .execute(Statement::from_sql_and_values(
                txn.get_database_backend(),
                r#"INSERT INTO organisations
                     (slug, name_de, name_en, short_name, kind, parent_id, land, ars, uri, website, verified)
                   VALUES ($1, $2, $3, $4, $5, (SELECT id FROM organisations WHERE slug = $6), $7, $8, COALESCE($10, $9), $9, true)
                   ON CONFLICT (slug) DO NOTHING"#,
                [
                    org.slug.into(),
                    org.name_de.into(),
                    org.name_en.map(str::to_owned).into(),
                    org.short_name.map(str::to_owned).into(),
                    org.kind.into(),
                    org.parent.map(str::to_owned).into(),
                    org.land.map(str::to_owned).into(),
                    org.ars.map(str::to_owned).into(),
                    org.website.map(str::to_owned).into(),
                    org.uri.map(str::to_owned).into(),
                ],
            ))
            .await
            .with_context(|| format!("seeding organisation {}", org.slug))?;
        inserted += result.rows_affected();
    }
    inserted += seed_users(&txn).await?;
    crate::reuse::keys::load_shipped(&txn).await?;
    txn.commit().await?;
    // The catalog goes through the publishing path, which runs its own
    // transactions, published by the demo site administrator.
    let admin = demo_admin(db).await?;
    inserted += software::seed(db, admin).await?;
    inserted += real_files::seed(db, admin).await?;
    // Agreements name entries, so they come after the catalog.
    let txn = db.begin().await?;
    inserted += agreements::seed(&txn).await?;
    inserted += usage::seed(&txn).await?;
    inserted += groups::seed(&txn).await?;
    crate::reuse::signals::refresh_all(&txn).await?;
    txn.commit().await?;
    Ok(inserted)
}

/// The demo site administrator, who publishes and registers the demo data.
async fn demo_admin(db: &DatabaseConnection) -> anyhow::Result<uuid::Uuid> {
    crate::db::sql::value::<uuid::Uuid>(
        db,
        "SELECT user_id AS value FROM local_logins WHERE email = $1",
        [users::DEMO_USERS[0].email.into()],
    )
    .await?
    .context("the demo administrator exists")
}

async fn seed_users(txn: &impl ConnectionTrait) -> anyhow::Result<u64> {
    let mut inserted = 0;
    for user in &users::DEMO_USERS {
        let exists = txn
            .query_one(Statement::from_sql_and_values(
                txn.get_database_backend(),
                "SELECT 1 AS present FROM local_logins WHERE email = $1",
                [user.email.into()],
            ))
            .await?
            .is_some();
        if exists {
            continue;
        }
        let hash = crate::accounts::hash_password(user.password.to_owned()).await?;
        txn.execute(Statement::from_sql_and_values(
            txn.get_database_backend(),
            r#"WITH u AS (
                   INSERT INTO users (display_name, email, email_verified, is_site_admin, pseudonym)
                   VALUES ($1, $2, true, $3, 'Konto ' || upper(substr(md5($2), 1, 6))) RETURNING id),
               l AS (
                   INSERT INTO local_logins (user_id, email, password_hash, verified_at)
                   SELECT id, $2, $4, now() FROM u)
               INSERT INTO memberships (organisation_id, user_id, role)
               SELECT o.id, u.id, $6 FROM u JOIN organisations o ON o.slug = $5"#,
            [
                user.name.into(),
                user.email.into(),
                user.site_admin.into(),
                hash.into(),
                user.membership.map(|(slug, _)| slug).unwrap_or("").into(),
                user.membership.map(|(_, role)| role).unwrap_or("member").into(),
            ],
        ))
        .await
        .with_context(|| format!("seeding demo user {}", user.email))?;
        inserted += 1;
    }
    for (domain, slug) in users::DEMO_DOMAINS {
        inserted += txn
            .execute(Statement::from_sql_and_values(
                txn.get_database_backend(),
                "INSERT INTO organisation_domains (domain, organisation_id)                  SELECT $1, id FROM organisations WHERE slug = $2 ON CONFLICT DO NOTHING",
                [domain.into(), slug.into()],
            ))
            .await?
            .rows_affected();
    }
    Ok(inserted)
}
