//! `allmende catalog generate --count N`: many varied, valid entries for
//! benchmarks. Every file is rendered like the demo data and checked by the
//! validator; rows go in through the catalog's own insert statement, in
//! batches, without the per-entry log and audit of the publishing path.

use crate::catalog::{slugify, url_key};
use crate::db::sql;
use app::catalog::publiccode;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{DatabaseConnection, FromQueryResult, TransactionTrait};
use uuid::Uuid;

use super::software::{render, Spec};

const TOPICS: &[(&str, &str)] = &[
    ("Bauantrag", "building permit"),
    ("Wohngeld", "housing benefit"),
    ("Gewerbe", "trade"),
    ("Kita", "daycare"),
    ("Schul", "school"),
    ("Abfall", "waste"),
    ("Melde", "registration"),
    ("Personal", "staff"),
    ("Haushalt", "budget"),
    ("Vergabe", "procurement"),
    ("Geo", "geodata"),
    ("Daten", "data"),
    ("Termin", "appointment"),
    ("Akten", "records"),
    ("Förder", "funding"),
    ("Wahl", "election"),
    ("Verkehr", "traffic"),
    ("Umwelt", "environment"),
    ("Friedhofs", "cemetery"),
    ("Jagd", "hunting licence"),
    ("Fischerei", "fishing"),
    ("Sozial", "social welfare"),
    ("Jugend", "youth"),
    ("Kultur", "culture"),
    ("Sport", "sports"),
    ("Hafen", "harbour"),
    ("Wasser", "water"),
    ("Energie", "energy"),
    ("Steuer", "tax"),
    ("Park", "parking"),
];
const KINDS: &[(&str, &str)] = &[
    ("portal", "portal"),
    ("service", "service"),
    ("manager", "manager"),
    ("assistent", "assistant"),
    ("register", "register"),
    ("plattform", "platform"),
    ("rechner", "calculator"),
    ("kataster", "cadastre"),
    ("melder", "reporting tool"),
    ("archiv", "archive"),
];
const VERBS_DE: &[&str] = &[
    "verwaltet",
    "erfasst",
    "prüft",
    "veröffentlicht",
    "berechnet",
    "bündelt",
    "digitalisiert",
    "plant",
];
const OBJECTS_DE: &[&str] = &[
    "Anträge",
    "Bescheide",
    "Termine",
    "Akten",
    "Meldungen",
    "Daten",
    "Gebühren",
    "Genehmigungen",
];
const FEATURES_DE: &[&str] = &[
    "Online-Antrag",
    "Elektronischer Bescheid",
    "Barrierefreie Oberfläche",
    "Schnittstelle nach XÖV",
    "Anbindung an FIT-Connect",
    "Mandantenfähigkeit",
    "Statistik und Berichte",
    "Zahlung über ePayBL",
    "Benachrichtigung per E-Mail",
    "Offene Daten",
    "Kartenansicht",
    "Rollen und Rechte",
    "Export als PDF",
    "Mehrsprachigkeit",
    "Leichte Sprache",
];
const CATEGORIES: &[&str] = &[
    "document-management",
    "workflow-management",
    "digital-citizenship",
    "data-visualization",
    "geographic-information-systems",
    "appointment-scheduling",
    "identity-management",
    "content-management",
    "procurement",
    "billing-and-invoicing",
    "data-collection",
    "collaboration",
    "it-security",
    "learning-management-system",
    "resource-management",
    "taxes-management",
];
const STATUS: &[&str] = &[
    "concept",
    "development",
    "beta",
    "stable",
    "stable",
    "stable",
    "obsolete",
];
const TYPES: &[&str] = &[
    "standalone/web",
    "standalone/web",
    "standalone/backend",
    "library",
    "standalone/mobile",
    "addon",
];
const LICENSES: &[&str] = &[
    "EUPL-1.2",
    "EUPL-1.2",
    "MIT",
    "Apache-2.0",
    "AGPL-3.0-or-later",
    "GPL-3.0-or-later",
    "MPL-2.0",
    "(MIT OR Apache-2.0)",
];
const MAINTENANCE: &[&str] = &["internal", "contract", "community", "none"];
const SCOPES: &[&str] = &[
    "local-authorities",
    "welfare",
    "education",
    "environment",
    "transportation",
    "society",
    "security",
    "finance-and-economic-development",
];
const STANDARDS: &[&str] = &[
    "XÖV",
    "FIM",
    "XBau",
    "OParl",
    "XRechnung",
    "DCAT-AP.de",
    "FIT-Connect",
    "xdomea",
];
const PLATFORMS: &[&str] = &["web", "linux", "windows", "android", "ios"];

pub async fn generate(db: &DatabaseConnection, count: u64, seed: u64) -> anyhow::Result<u64> {
    #[derive(FromQueryResult)]
    struct Org {
        id: Uuid,
        slug: String,
        name_de: String,
        uri: Option<String>,
    }
    let orgs: Vec<Org> = sql::all(db, "SELECT id, slug, name_de, uri FROM organisations ORDER BY slug", []).await?;
    anyhow::ensure!(!orgs.is_empty(), "no organisations: run `allmende seed` first");
    let start: i64 = sql::value(db, "SELECT count(*) AS value FROM software", [])
        .await?
        .unwrap_or(0);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut done = 0u64;
    while done < count {
        let batch = (count - done).min(1000);
        let txn = db.begin().await?;
        for i in 0..batch {
            let n = start as u64 + done + i + 1;
            let org = &orgs[rng.gen_range(0..orgs.len())];
            let (topic_de, topic_en) = TOPICS[rng.gen_range(0..TOPICS.len())];
            let (kind_de, kind_en) = KINDS[rng.gen_range(0..KINDS.len())];
            let name = format!("{topic_de}{kind_de} {n}");
            // Short enough for the 150-character summary whatever the words.
            let de = format!(
                "{topic_de}{kind_de} {} {} – nachnutzbar für Kommunen und Länder.",
                VERBS_DE.choose(&mut rng).unwrap(),
                OBJECTS_DE.choose(&mut rng).unwrap(),
            );
            let en = rng
                .gen_bool(0.7)
                .then(|| format!("A {topic_en} {kind_en} for public administrations, ready for reuse."));
            let categories: Vec<&str> = {
                let k = rng.gen_range(1..=3);
                CATEGORIES.choose_multiple(&mut rng, k)
            }
            .copied()
            .collect();
            let features: Vec<&str> = {
                let k = rng.gen_range(2..=6);
                FEATURES_DE.choose_multiple(&mut rng, k)
            }
            .copied()
            .collect();
            let supports: Vec<&str> = {
                let k = rng.gen_range(0..=2);
                STANDARDS.choose_multiple(&mut rng, k)
            }
            .copied()
            .collect();
            let platforms: Vec<&str> = {
                let k = rng.gen_range(1..=2);
                PLATFORMS.choose_multiple(&mut rng, k)
            }
            .copied()
            .collect();
            let spec = Spec {
                name: &name,
                org: &org.slug,
                categories: &categories,
                status: STATUS.choose(&mut rng).unwrap(),
                kind: TYPES.choose(&mut rng).unwrap(),
                license: LICENSES.choose(&mut rng).unwrap(),
                maintenance: MAINTENANCE.choose(&mut rng).unwrap(),
                de: &de,
                en: en.as_deref(),
                features: &features,
                scope: SCOPES.choose(&mut rng).unwrap(),
                platforms: &platforms,
                supports: &supports,
            };
            let repo = format!("https://git.example.org/{}/{}.git", org.slug, slugify(&name));
            let uri = org
                .uri
                .clone()
                .unwrap_or_else(|| format!("urn:x-allmende:{}", org.slug));
            let text = render(&spec, &uri, &org.name_de, &repo, None);
            let report = publiccode::validate(&text);
            let Some(doc) = report.document else {
                anyhow::bail!("generated an invalid file: {:?}\n{text}", report.issues);
            };
            let (columns, _) = crate::catalog::entry_columns(&doc, &text, serde_json::json!([]))?;
            let mut values = vec![
                format!("{}-{n}", slugify(&format!("{topic_de}{kind_de}"))).into(),
                org.id.into(),
            ];
            values.extend(columns);
            debug_assert_eq!(url_key(&repo), url_key(&doc.url));
            sql::value::<Uuid>(&txn, crate::catalog::INSERT_ENTRY, values).await?;
        }
        txn.commit().await?;
        done += batch;
        if done.is_multiple_of(10_000) || done == count {
            eprintln!("generate: {done} of {count}");
        }
    }
    // "Did you mean" learns the generated vocabulary once, not per row.
    let words: Vec<String> = TOPICS
        .iter()
        .flat_map(|(de, _)| KINDS.iter().map(move |(k, _)| format!("{de}{k}")))
        .chain(FEATURES_DE.iter().map(|f| f.to_string()))
        .collect();
    sql::exec(
        db,
        "INSERT INTO catalog_words (word) SELECT DISTINCT w FROM regexp_split_to_table(lower(public.unaccent('public.unaccent', $1)), '[^[:alnum:]]+') AS w \
         WHERE length(w) BETWEEN 3 AND 60 ON CONFLICT DO NOTHING",
        [words.join(" ").into()],
    )
    .await?;
    sql::exec(db, "VACUUM (ANALYZE) software", []).await?;
    Ok(done)
}
