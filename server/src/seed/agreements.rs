//! Demo reuse agreements, one or more in every state, each walked from
//! "interest expressed" through the workflow table itself, so that the demo
//! never shows a history the rules would not allow. Kiel's demo owner finds
//! a request waiting for an answer, and agreements Kiel provides and reuses.

use crate::entities::{
    agreement_cost_blocks as blocks, agreement_history as history, agreement_parties as parties,
    reuse_agreements as agreements,
};
use crate::kernel::{AgreementId, OrganisationId, SoftwareId};
use anyhow::Context;
use app::accounts::dto::Role;
use app::reuse::cost_blocks::{BlockKind, SplitSpec};
use app::reuse::keys::PERCENT_SCALE;
use app::reuse::terms::{AgreementKind, LegalBasis};
use app::reuse::workflow::{self, Acting, Action, AgreementStatus, PartyRole};
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ConnectionTrait};

struct Demo {
    /// The catalog entry, by name; its organisation provides it.
    software: &'static str,
    reusers: &'static [&'static str],
    intermediary: Option<&'static str>,
    kind: AgreementKind,
    legal_basis: Option<(LegalBasis, &'static str)>,
    message: &'static str,
    /// Steps after the request, each by a party's slug.
    steps: &'static [(Action, &'static str)],
    /// When the request was made, in days before the seed ran.
    days_ago: i64,
    starts_on: Option<&'static str>,
    /// Cost blocks: kind, period, euros, split.
    costs: &'static [(BlockKind, &'static str, i64, DemoSplit)],
}

/// A split as the demo writes it: parties by slug.
enum DemoSplit {
    Fixed(&'static [(&'static str, u64)]),
    Koenigstein,
    ItPlanungsrat,
    EqualReusers,
}

use Action as A;

const DEMOS: &[Demo] = &[
    Demo {
        software: "Bauantrag Online",
        reusers: &["luebeck", "kreis-nordfriesland"],
        intermediary: None,
        kind: AgreementKind::CooperationAgreement,
        legal_basis: Some((LegalBasis::Gwb108Para6, "Horizontale Zusammenarbeit öffentlicher Auftraggeber")),
        message: "Wir möchten den digitalen Bauantrag für unsere untere Bauaufsicht übernehmen und uns an der Weiterentwicklung beteiligen.",
        steps: &[
            (A::Accept, "kiel"),
            (A::ProposeTerms, "kiel"),
            (A::Sign, "luebeck"),
            (A::Sign, "kreis-nordfriesland"),
            (A::Sign, "kiel"),
            (A::Activate, "kiel"),
        ],
        days_ago: 420,
        starts_on: Some("2025-11-01"),
        // Between municipalities, by fixed shares.
        costs: &[
            (BlockKind::InitialDevelopment, "2025", 240_000, DemoSplit::Fixed(&[("kiel", 50), ("luebeck", 30), ("kreis-nordfriesland", 20)])),
            (BlockKind::Operation, "2026", 36_000, DemoSplit::Fixed(&[("kiel", 40), ("luebeck", 40), ("kreis-nordfriesland", 20)])),
        ],
    },
    Demo {
        software: "Mängelmelder",
        reusers: &["im-mv"],
        intermediary: None,
        kind: AgreementKind::CooperationAgreement,
        legal_basis: None,
        message: "Das Land möchte den Mängelmelder seinen Kommunen als Landeslösung anbieten. Wäre Kiel zu einer Kooperation bereit?",
        steps: &[],
        days_ago: 3,
        starts_on: None,
        costs: &[],
    },
    Demo {
        software: "Mängelmelder",
        reusers: &["rostock"],
        intermediary: None,
        kind: AgreementKind::LicenceOnly,
        legal_basis: None,
        message: "Rostock möchte den Mängelmelder für die Stadtreinigung einsetzen und bittet um eine kurze Einführung.",
        steps: &[],
        days_ago: 5,
        starts_on: None,
        costs: &[],
    },
    Demo {
        software: "Formularserver Nord",
        reusers: &["schleswig-holstein", "hamburg"],
        intermediary: None,
        kind: AgreementKind::AdministrativeAgreement,
        legal_basis: Some((LegalBasis::Art91cGg, "Verwaltungsabkommen über den gemeinsamen Formularserver")),
        message: "Gemeinsamer Betrieb des Formularservers für beide Länder.",
        steps: &[
            (A::Accept, "dataport"),
            (A::ProposeTerms, "dataport"),
            (A::Sign, "schleswig-holstein"),
            (A::Sign, "hamburg"),
            (A::Sign, "dataport"),
            (A::Activate, "dataport"),
        ],
        days_ago: 900,
        starts_on: Some("2024-07-01"),
        // Between two Länder (and their provider), by the Königsteiner Schlüssel.
        costs: &[
            (BlockKind::Operation, "2025", 180_000, DemoSplit::Koenigstein),
            (BlockKind::FurtherDevelopment, "2025–2026", 95_000, DemoSplit::Koenigstein),
        ],
    },
    Demo {
        software: "Vergabeplattform Kommunal",
        reusers: &["kreis-rendsburg-eckernfoerde"],
        intermediary: Some("fitko"),
        kind: AgreementKind::FitStore,
        legal_basis: Some((LegalBasis::Gwb108Para4, "FIT-Store-Nachnutzungsvertrag")),
        message: "Nachnutzung über den FIT-Store.",
        steps: &[
            (A::Accept, "ekom21"),
            (A::ProposeTerms, "fitko"),
            (A::Sign, "kreis-rendsburg-eckernfoerde"),
        ],
        days_ago: 60,
        starts_on: None,
        costs: &[
            (BlockKind::Connection, "einmalig", 12_500, DemoSplit::EqualReusers),
            (BlockKind::Operation, "2027", 400_000, DemoSplit::ItPlanungsrat),
        ],
    },
    Demo {
        software: "Terminvergabe Bürgeramt",
        reusers: &["rostock"],
        intermediary: None,
        kind: AgreementKind::DevelopmentPartnership,
        legal_basis: None,
        message: "Rostock möchte die Terminvergabe übernehmen und die Anbindung an das Ticketsystem gemeinsam entwickeln.",
        steps: &[(A::Accept, "muenchen")],
        days_ago: 30,
        starts_on: None,
        costs: &[],
    },
    Demo {
        software: "E-Akte Kommunal",
        reusers: &["kiel"],
        intermediary: None,
        kind: AgreementKind::SharedOperation,
        legal_basis: None,
        message: "Kiel prüft eine gemeinsam betriebene E-Akte.",
        steps: &[(A::Decline, "komm-one")],
        days_ago: 200,
        starts_on: None,
        costs: &[],
    },
    Demo {
        software: "Ratsinformationssystem Open",
        reusers: &["kiel"],
        intermediary: None,
        kind: AgreementKind::LicenceOnly,
        legal_basis: None,
        message: "Nachnutzung des Ratsinformationssystems unter der EUPL.",
        steps: &[
            (A::Accept, "luebeck"),
            (A::ProposeTerms, "luebeck"),
            (A::Sign, "kiel"),
            (A::Sign, "luebeck"),
            (A::Activate, "luebeck"),
            (A::GiveNotice, "kiel"),
        ],
        days_ago: 700,
        starts_on: Some("2024-03-01"),
        costs: &[],
    },
    Demo {
        software: "Geoportal Baukasten",
        reusers: &["sachsen"],
        intermediary: None,
        kind: AgreementKind::CooperationAgreement,
        legal_basis: Some((LegalBasis::KielerBeschluesse, "Kieler Beschlüsse, Nachnutzung zwischen Ländern")),
        message: "Pilotbetrieb des Geoportals für die Landesvermessung.",
        steps: &[
            (A::Accept, "bayern"),
            (A::ProposeTerms, "bayern"),
            (A::Sign, "sachsen"),
            (A::Sign, "bayern"),
            (A::Activate, "bayern"),
            (A::GiveNotice, "sachsen"),
            (A::End, "sachsen"),
        ],
        days_ago: 1100,
        starts_on: Some("2023-05-01"),
        costs: &[],
    },
    Demo {
        software: "Open Data Portal Kit",
        reusers: &["bremen"],
        intermediary: None,
        kind: AgreementKind::LicenceOnly,
        legal_basis: None,
        message: "Bremen interessiert sich für das Portal-Kit.",
        steps: &[(A::Withdraw, "bremen")],
        days_ago: 90,
        starts_on: None,
        costs: &[],
    },
];

/// Inserts the demo agreements that are not there yet (by entry and first
/// reuser); returns how many were new.
pub async fn seed(txn: &impl ConnectionTrait) -> anyhow::Result<u64> {
    let mut inserted = 0;
    for demo in DEMOS {
        if insert(txn, demo)
            .await
            .with_context(|| format!("seeding the agreement on {}", demo.software))?
        {
            inserted += 1;
        }
    }
    Ok(inserted)
}

async fn organisation(txn: &impl ConnectionTrait, slug: &str) -> anyhow::Result<OrganisationId> {
    crate::db::sql::value(
        txn,
        "SELECT id AS value FROM organisations WHERE slug = $1",
        [slug.into()],
    )
    .await?
    .with_context(|| format!("seed organisation {slug} is missing"))
}

async fn insert(txn: &impl ConnectionTrait, demo: &Demo) -> anyhow::Result<bool> {
    #[derive(sea_orm::FromQueryResult)]
    struct Entry {
        id: SoftwareId,
        organisation_id: OrganisationId,
    }
    let entry: Entry = crate::db::sql::one(
        txn,
        "SELECT id, organisation_id FROM software WHERE name = $1 AND active",
        [demo.software.into()],
    )
    .await?
    .context("the entry is in the seed and active")?;
    let first_reuser = organisation(txn, demo.reusers[0]).await?;
    let exists = crate::db::sql::value::<bool>(
        txn,
        "SELECT EXISTS (SELECT 1 FROM reuse_agreements a JOIN agreement_parties p ON p.agreement_id = a.id \
         WHERE a.software_id = $1 AND p.organisation_id = $2) AS value",
        [entry.id.into(), first_reuser.into()],
    )
    .await?
    .unwrap_or(false);
    if exists {
        return Ok(false);
    }
    let provider_slug: String = crate::db::sql::value(
        txn,
        "SELECT slug AS value FROM organisations WHERE id = $1",
        [entry.organisation_id.into()],
    )
    .await?
    .context("the provider exists")?;
    let mut members = vec![(entry.organisation_id, PartyRole::Provider, provider_slug)];
    for slug in demo.reusers {
        members.push((organisation(txn, slug).await?, PartyRole::Reuser, slug.to_string()));
    }
    if let Some(slug) = demo.intermediary {
        members.push((
            organisation(txn, slug).await?,
            PartyRole::Intermediary,
            slug.to_string(),
        ));
    }

    // Walk the steps through the table, a day apart.
    let id = AgreementId::new();
    let opened = Utc::now() - Duration::days(demo.days_ago);
    let mut status = AgreementStatus::InterestExpressed;
    let mut signed: Vec<Option<chrono::DateTime<Utc>>> = vec![None; members.len()];
    let mut rows = vec![(opened, first_reuser, "open", None, status)];
    for (n, (action, slug)) in demo.steps.iter().enumerate() {
        let at = opened + Duration::days(n as i64 + 1);
        let index = members
            .iter()
            .position(|(_, _, s)| s == slug)
            .with_context(|| format!("{slug} is no party"))?;
        let signatures = crate::reuse::signatures(
            members[index].0,
            members.iter().zip(&signed).map(|((id, _, _), at)| (*id, at.is_some())),
        );
        let acting = Acting {
            party: Some(members[index].1),
            role: Role::Owner,
        };
        let step = workflow::transition(status, *action, acting, signatures)
            .map_err(|refusal| anyhow::anyhow!("demo step {action} by {slug} refused: {refusal}"))?;
        if step.clears_signatures {
            signed.iter_mut().for_each(|s| *s = None);
        }
        if step.records_signature {
            signed[index] = Some(at);
        }
        rows.push((at, members[index].0, action.code(), Some(status), step.to));
        status = step.to;
    }
    let changed = rows.last().map_or(opened, |r| r.0);
    agreements::ActiveModel {
        id: Set(id),
        software_id: Set(entry.id),
        versions: Set(None),
        kind: Set(demo.kind.code().to_owned()),
        legal_basis: Set(demo.legal_basis.map(|(b, _)| b.code().to_owned())),
        legal_basis_note: Set(demo.legal_basis.map(|(_, note)| note.to_owned())),
        request_message: Set(Some(demo.message.to_owned())),
        support: Set(None),
        maintenance: Set(None),
        contribute_back: Set(demo.kind == AgreementKind::DevelopmentPartnership),
        status: Set(status.code().to_owned()),
        starts_on: Set(demo
            .starts_on
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d"))
            .transpose()?),
        ends_on: Set(None),
        notice_months: Set(demo.starts_on.map(|_| 6)),
        version: Set(rows.len() as i32),
        created_by: Set(None),
        created_at: Set(opened),
        updated_at: Set(changed),
    }
    .insert(txn)
    .await?;
    for ((organisation, role, _), signed_at) in members.iter().zip(&signed) {
        parties::ActiveModel {
            agreement_id: Set(id),
            organisation_id: Set(*organisation),
            role: Set(role.code().to_owned()),
            contact_id: Set(None),
            signed_at: Set(*signed_at),
            signed_by: Set(None),
            publishes_confidential: Set(false),
        }
        .insert(txn)
        .await?;
    }
    for (at, acting_for, action, from, to) in rows {
        history::ActiveModel {
            agreement_id: Set(id),
            at: Set(at),
            actor_id: Set(None),
            acting_for: Set(Some(acting_for)),
            action: Set(action.to_owned()),
            from_status: Set(from.map(|s| s.code().to_owned())),
            to_status: Set(to.code().to_owned()),
            changes: Set(serde_json::json!({})),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let year = crate::reuse::cost_blocks::newest_year(txn).await?;
    for (n, (kind, period, euros, split)) in demo.costs.iter().enumerate() {
        let spec = match split {
            DemoSplit::Fixed(shares) => SplitSpec::Fixed {
                shares: shares
                    .iter()
                    .map(|(slug, percent)| {
                        let id = members
                            .iter()
                            .find(|(_, _, s)| s == slug)
                            .map(|(id, _, _)| id.to_string())
                            .with_context(|| format!("{slug} is no party"))?;
                        Ok((id, percent * 10u64.pow(PERCENT_SCALE)))
                    })
                    .collect::<anyhow::Result<_>>()?,
            },
            DemoSplit::Koenigstein => SplitSpec::Koenigstein {
                year: year.context("the seed loads the Königsteiner Schlüssel first")?,
            },
            DemoSplit::ItPlanungsrat => SplitSpec::ItPlanungsrat {
                year: year.context("the seed loads the Königsteiner Schlüssel first")?,
            },
            DemoSplit::EqualReusers => SplitSpec::EqualReusers,
        };
        blocks::ActiveModel {
            id: Set(crate::kernel::CostBlockId::new()),
            agreement_id: Set(id),
            kind: Set(kind.code().to_owned()),
            period: Set(period.to_string()),
            amount_cents: Set(euros * 100),
            split: Set(serde_json::to_value(&spec)?),
            created_by: Set(None),
            created_at: Set(opened + Duration::days(1) + Duration::minutes(n as i64)),
        }
        .insert(txn)
        .await?;
    }
    Ok(true)
}
