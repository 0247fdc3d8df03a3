//! Demo usage declarations: administrations saying which entries they run,
//! made by the demo people of those administrations. One lapses within the
//! reminder period (so that the scheduler's reminder can be seen), one has
//! lapsed and is no longer shown.

use anyhow::Context;
use sea_orm::ConnectionTrait;

struct Demo {
    software: &'static str,
    organisation: &'static str,
    /// The demo person who declares and is the contact.
    author: &'static str,
    version: &'static str,
    use_case: &'static str,
    instance: Option<(&'static str, bool)>,
    /// When it was last renewed and when it lapses, in days from now.
    renewed_days_ago: i64,
    expires_in_days: i64,
}

const DEMOS: &[Demo] = &[
    Demo {
        software: "Mängelmelder",
        organisation: "luebeck",
        author: "lea.lorenzen@luebeck.example",
        version: "2.4",
        use_case: "Bürgerinnen und Bürger melden Schlaglöcher, defekte Laternen und wilden Müll; das Tiefbauamt bearbeitet die Meldungen.",
        instance: Some(("https://maengel.luebeck.example", true)),
        renewed_days_ago: 90,
        expires_in_days: 640,
    },
    Demo {
        software: "Terminvergabe Bürgeramt",
        organisation: "kiel",
        author: "pia.petersen@kiel.example",
        version: "5.1",
        use_case: "Online-Termine für die Bürgerämter und die Kfz-Zulassung.",
        instance: Some(("https://termine.intern.kiel.example", false)),
        renewed_days_ago: 700,
        // Within the 30 days before it lapses: the reminder is due.
        expires_in_days: 20,
    },
    Demo {
        software: "Open Data Portal Kit",
        organisation: "im-mv",
        author: "mira.moeller@im-mv.example",
        version: "1.8",
        use_case: "Das Open-Data-Portal des Landes Mecklenburg-Vorpommern.",
        instance: Some(("https://www.opendata-mv.example", true)),
        renewed_days_ago: 30,
        expires_in_days: 700,
    },
    Demo {
        software: "E-Akte Kommunal",
        organisation: "kiel",
        author: "olaf.ohlsen@kiel.example",
        version: "0.9",
        use_case: "Pilot im Amt für Digitalisierung; nicht mehr im Einsatz.",
        instance: None,
        renewed_days_ago: 800,
        // Lapsed: kept, but shown nowhere until renewed.
        expires_in_days: -70,
    },
];

/// Inserts the declarations that are not there yet; returns how many.
pub async fn seed(txn: &impl ConnectionTrait) -> anyhow::Result<u64> {
    let mut inserted = 0;
    for d in DEMOS {
        let (instance, public) = d.instance.map_or((None, false), |(u, p)| (Some(u), p));
        let result = txn
            .execute(crate::db::sql::stmt(
                "INSERT INTO usage_declarations (software_id, organisation_id, author_id, contact_id, version, \
                     use_case, instance_url, instance_public, declared_at, renewed_at, expires_at) \
                 SELECT s.id, o.id, u.id, u.id, $4, $5, $6, $7, \
                        now() - make_interval(days => $8), now() - make_interval(days => $8), \
                        now() + make_interval(days => $9) \
                   FROM software s, organisations o, local_logins l JOIN users u ON u.id = l.user_id \
                  WHERE s.name = $1 AND s.active AND o.slug = $2 AND l.email = $3 \
                 ON CONFLICT (software_id, organisation_id) DO NOTHING",
                [
                    d.software.into(),
                    d.organisation.into(),
                    d.author.into(),
                    d.version.into(),
                    d.use_case.into(),
                    instance.map(str::to_owned).into(),
                    public.into(),
                    (d.renewed_days_ago as i32).into(),
                    (d.expires_in_days as i32).into(),
                ],
            ))
            .await
            .with_context(|| format!("seeding the usage of {}", d.software))?;
        inserted += result.rows_affected();
    }
    Ok(inserted)
}
