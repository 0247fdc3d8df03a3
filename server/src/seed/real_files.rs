//! Real publiccode.yml files, as their administrations publish them in
//! their repositories (copied unchanged into the test corpus, with their
//! sources in `app/tests/publiccode-corpus/sources.tsv`): the demo catalog
//! shows what files in the wild look like, from Germany, the Netherlands
//! and Italy (an Italian entry with its `IT` section).

use crate::catalog::{Catalog, Source};
use app::catalog::publiccode;
use sea_orm::DatabaseConnection;

macro_rules! corpus {
    ($path:literal) => {
        include_str!(concat!("../../../app/tests/publiccode-corpus/files/", $path))
    };
}

/// (publishing organisation, file)
const FILES: &[(&str, &str)] = &[
    ("dataport", corpus!("de/Dataport__terminfinder-backend.yml")),
    ("muenchen", corpus!("de/it-at-m__mucgpt.yml")),
    (
        "digitalservice",
        corpus!("de/digitalservicebund__elterngeldrechner.yml"),
    ),
    ("gemeente-amsterdam", corpus!("nl/Amsterdam__signals-frontend.yml")),
    (
        "dipartimento-trasformazione-digitale",
        corpus!("it/italia__bootstrap-italia.yml"),
    ),
    (
        "dipartimento-trasformazione-digitale",
        corpus!("it/italia__publiccode-editor.yml"),
    ),
];

/// Publishes the files not yet in the catalog (idempotent by URL).
pub async fn seed(db: &DatabaseConnection, admin: uuid::Uuid) -> anyhow::Result<u64> {
    let catalog = Catalog { db: db.clone() };
    let actor = super::software::publisher(admin);
    let mut inserted = 0;
    for (organisation, text) in FILES {
        let url = publiccode::validate(text)
            .document
            .map(|d| d.url)
            .ok_or_else(|| anyhow::anyhow!("a seeded real file is invalid"))?;
        if super::software::listed(db, &url).await? {
            continue;
        }
        let published = catalog
            .publish(&actor, organisation, Source::Seed, text.as_bytes(), None)
            .await?;
        anyhow::ensure!(
            published.report.is_valid() && matches!(published.outcome, crate::catalog::Outcome::Created(_)),
            "the real file of {url} did not publish: {:?} {:?}",
            published.outcome,
            published.report.issues
        );
        inserted += 1;
    }
    Ok(inserted)
}
