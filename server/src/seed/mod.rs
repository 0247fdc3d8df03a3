//! Demo data for the embedded default and for trying Allmende out.
//! Idempotent: rows that exist (by slug) are left as they are, so an
//! operator's edits survive a second `allmende seed`.

mod organisations;

use anyhow::Context;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};

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
                   VALUES ($1, $2, $3, $4, $5, (SELECT id FROM organisations WHERE slug = $6), $7, $8, $9, $9, true)
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
                ],
            ))
            .await
            .with_context(|| format!("seeding organisation {}", org.slug))?;
        inserted += result.rows_affected();
    }
    txn.commit().await?;
    Ok(inserted)
}
