//! Reports on reuse in force (signed, active, notice given): per Land and
//! per organisation, what it provides to whom and reuses from whom, its
//! partners, and its cost shares per period over the agreements whose
//! costs the reader may see; and the graph between the Länder. The
//! aggregation is pure: the server hands over the agreements and shares.

use super::dto::OrganisationRef;
use super::workflow::PartyRole;
use crate::directory::dto::{land_name, LAENDER};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a party without a Land (a federal authority) is counted.
pub const FEDERAL: &str = "DE";

/// Whom a report is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// ISO 3166-2 code.
    Land(String),
    Organisation(OrganisationRef),
}

/// A party of an agreement in force, as a report needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportParty {
    pub id: String,
    pub organisation: OrganisationRef,
    pub land: Option<String>,
    pub role: PartyRole,
}

/// An agreement in force that touches the scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportAgreement {
    pub software_slug: String,
    pub software_name: String,
    pub parties: Vec<ReportParty>,
    /// What the scope pays per period (`None`: the reader may not see it).
    pub shares: Option<Vec<(String, i64)>>,
}

/// One entry the scope provides or reuses, with the other side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub software_slug: String,
    pub software_name: String,
    pub provider: OrganisationRef,
    /// Reusers (for what the scope provides: all of them; for what it
    /// reuses: its own), by name.
    pub reusers: Vec<OrganisationRef>,
    pub agreements: u64,
}

/// A partner of the scope: another Land (Land reports) or organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub name: String,
    /// Agreements in which the scope provides to this partner.
    pub provided_to: u64,
    /// Agreements in which the scope reuses from this partner.
    pub reused_from: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodCosts {
    /// As the cost blocks name it: "2027", "2027–2029", "einmalig".
    pub period: String,
    pub cents: i64,
}

/// The most lines a table of a report lists (the most frequent first);
/// the list of agreements, filtered, has the rest.
pub const LINES: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReuseReport {
    pub scope: Scope,
    pub name: String,
    /// At most [`LINES`], with the count of all.
    pub provided: Vec<ReportLine>,
    pub provided_lines: usize,
    pub reused: Vec<ReportLine>,
    pub reused_lines: usize,
    /// At most [`LINES`], the busiest first, with the count of all.
    pub partners: Vec<Partner>,
    pub partner_count: usize,
    pub costs: Vec<PeriodCosts>,
    /// Agreements in force whose costs the reader may not see.
    pub costs_hidden: u64,
    /// What the scope's verified organisations declare they use, at most
    /// [`LINES`], with the count of all.
    #[serde(default)]
    pub declared: Vec<DeclaredUse>,
    #[serde(default)]
    pub declared_count: usize,
}

/// One current, verified usage declaration in a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredUse {
    pub software_slug: String,
    pub software_name: String,
    pub organisation: OrganisationRef,
    pub version: String,
}

impl Scope {
    fn covers(&self, party: &ReportParty) -> bool {
        match self {
            Scope::Land(code) => party.land.as_deref() == Some(code.as_str()),
            Scope::Organisation(o) => party.organisation.slug == o.slug,
        }
    }

    /// Who a partner is for this scope: a Land's name, or an organisation's.
    fn partner_name(&self, party: &ReportParty) -> String {
        match self {
            Scope::Land(_) => land_label(party.land.as_deref()),
            Scope::Organisation(_) => party.organisation.name.clone(),
        }
    }
}

/// A Land's name; federal authorities are counted as "Bund".
pub fn land_label(code: Option<&str>) -> String {
    code.and_then(land_name).unwrap_or("Bund").to_owned()
}

/// The report for `scope` over the agreements in force that touch it.
pub fn build(scope: Scope, name: String, agreements: &[ReportAgreement]) -> ReuseReport {
    let mut provided: BTreeMap<(String, String), ReportLine> = BTreeMap::new();
    let mut reused: BTreeMap<(String, String), ReportLine> = BTreeMap::new();
    let mut partners: BTreeMap<String, Partner> = BTreeMap::new();
    let mut costs: BTreeMap<String, i64> = BTreeMap::new();
    let mut costs_hidden = 0;
    for agreement in agreements {
        let Some(provider) = agreement.parties.iter().find(|p| p.role == PartyRole::Provider) else {
            continue;
        };
        let reusers: Vec<&ReportParty> = agreement
            .parties
            .iter()
            .filter(|p| p.role == PartyRole::Reuser)
            .collect();
        let key = (agreement.software_slug.clone(), provider.organisation.slug.clone());
        let line = |reusers: Vec<OrganisationRef>| ReportLine {
            software_slug: agreement.software_slug.clone(),
            software_name: agreement.software_name.clone(),
            provider: provider.organisation.clone(),
            reusers,
            agreements: 0,
        };
        let mut partner = |name: String, to: u64, from: u64| {
            let entry = partners.entry(name.clone()).or_insert(Partner {
                name,
                provided_to: 0,
                reused_from: 0,
            });
            entry.provided_to += to;
            entry.reused_from += from;
        };
        if scope.covers(provider) {
            let entry = provided.entry(key.clone()).or_insert_with(|| line(Vec::new()));
            entry.agreements += 1;
            merge(&mut entry.reusers, reusers.iter().map(|r| r.organisation.clone()));
            let mut names: Vec<String> = reusers.iter().map(|r| scope.partner_name(r)).collect();
            names.sort();
            names.dedup();
            for name in names {
                partner(name, 1, 0);
            }
        }
        let own: Vec<OrganisationRef> = reusers
            .iter()
            .filter(|r| scope.covers(r))
            .map(|r| r.organisation.clone())
            .collect();
        if !own.is_empty() {
            let entry = reused.entry(key).or_insert_with(|| line(Vec::new()));
            entry.agreements += 1;
            merge(&mut entry.reusers, own.into_iter());
            partner(scope.partner_name(provider), 0, 1);
        }
        match &agreement.shares {
            Some(shares) => {
                for (period, cents) in shares {
                    *costs.entry(period.clone()).or_default() += cents;
                }
            }
            None => costs_hidden += 1,
        }
    }
    let by_count = |lines: BTreeMap<(String, String), ReportLine>| {
        let mut lines: Vec<ReportLine> = lines.into_values().collect();
        lines.sort_by(|a, b| {
            b.agreements
                .cmp(&a.agreements)
                .then(a.software_name.cmp(&b.software_name))
        });
        let all = lines.len();
        lines.truncate(LINES);
        (lines, all)
    };
    let (provided, provided_lines) = by_count(provided);
    let (reused, reused_lines) = by_count(reused);
    let mut partners: Vec<Partner> = partners.into_values().collect();
    partners.sort_by(|a, b| {
        (b.provided_to + b.reused_from)
            .cmp(&(a.provided_to + a.reused_from))
            .then(a.name.cmp(&b.name))
    });
    let partner_count = partners.len();
    partners.truncate(LINES);
    let mut costs: Vec<PeriodCosts> = costs
        .into_iter()
        .map(|(period, cents)| PeriodCosts { period, cents })
        .collect();
    costs.sort_by(|a, b| {
        first_year(&a.period)
            .cmp(&first_year(&b.period))
            .then(a.period.cmp(&b.period))
    });
    ReuseReport {
        scope,
        name,
        provided,
        provided_lines,
        reused,
        reused_lines,
        partners,
        partner_count,
        costs,
        costs_hidden,
        // Declarations are not agreements: the service adds them.
        declared: Vec::new(),
        declared_count: 0,
    }
}

fn merge(into: &mut Vec<OrganisationRef>, more: impl Iterator<Item = OrganisationRef>) {
    for organisation in more {
        if !into.iter().any(|o| o.slug == organisation.slug) {
            into.push(organisation);
        }
    }
    into.sort_by(|a, b| a.name.cmp(&b.name));
}

/// The first year a period names, for the order (periods without one last).
fn first_year(period: &str) -> u32 {
    period
        .as_bytes()
        .windows(4)
        .find(|w| w.iter().all(u8::is_ascii_digit))
        .and_then(|w| std::str::from_utf8(w).ok()?.parse().ok())
        .unwrap_or(u32::MAX)
}

/// Reuse in force between the Länder (and the federation): the graph.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReuseGraph {
    /// Agreements per (providing Land, reusing Land); a Land's reuse
    /// within itself is an edge to itself.
    pub edges: Vec<(String, String, u64)>,
}

/// A node of the graph: every Land and the federation, in the order the
/// circle shows them.
pub fn nodes() -> Vec<(&'static str, &'static str)> {
    LAENDER.iter().copied().chain([(FEDERAL, "Bund")]).collect()
}

impl ReuseGraph {
    pub fn provided_by(&self, code: &str) -> u64 {
        self.edges
            .iter()
            .filter(|(from, _, _)| from == code)
            .map(|(_, _, n)| n)
            .sum()
    }

    pub fn reused_by(&self, code: &str) -> u64 {
        self.edges
            .iter()
            .filter(|(_, to, _)| to == code)
            .map(|(_, _, n)| n)
            .sum()
    }

    pub fn within(&self, code: &str) -> u64 {
        self.edges
            .iter()
            .filter(|(from, to, _)| from == code && to == code)
            .map(|(_, _, n)| n)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(slug: &str, land: Option<&str>, role: PartyRole) -> ReportParty {
        ReportParty {
            id: slug.to_owned(),
            organisation: OrganisationRef {
                slug: slug.to_owned(),
                name: slug.to_uppercase(),
            },
            land: land.map(str::to_owned),
            role,
        }
    }

    fn agreement(software: &str, parties: Vec<ReportParty>, shares: Option<Vec<(&str, i64)>>) -> ReportAgreement {
        ReportAgreement {
            software_slug: software.to_owned(),
            software_name: software.to_owned(),
            parties,
            shares: shares.map(|s| s.into_iter().map(|(p, c)| (p.to_owned(), c)).collect()),
        }
    }

    #[test]
    fn a_land_report_counts_what_it_provides_and_reuses_and_its_partners() {
        use PartyRole::{Provider, Reuser};
        let kiel = || party("kiel", Some("DE-SH"), Provider);
        let agreements = vec![
            agreement(
                "bauantrag",
                vec![kiel(), party("rostock", Some("DE-MV"), Reuser)],
                Some(vec![("2027", 100)]),
            ),
            agreement(
                "bauantrag",
                vec![
                    kiel(),
                    party("luebeck", Some("DE-SH"), Reuser),
                    party("hamburg", Some("DE-HH"), Reuser),
                ],
                Some(vec![("2027", 50), ("einmalig", 7)]),
            ),
            agreement(
                "formulare",
                vec![
                    party("hamburg", Some("DE-HH"), Provider),
                    party("husum", Some("DE-SH"), Reuser),
                ],
                None,
            ),
        ];
        let report = build(Scope::Land("DE-SH".into()), "Schleswig-Holstein".into(), &agreements);
        assert_eq!(report.provided.len(), 1);
        let line = &report.provided[0];
        assert_eq!((line.software_slug.as_str(), line.agreements), ("bauantrag", 2));
        let names: Vec<&str> = line.reusers.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["HAMBURG", "LUEBECK", "ROSTOCK"]);
        // Husum reuses from Hamburg (and Lübeck within the Land from Kiel).
        let reused: Vec<(&str, u64)> = report
            .reused
            .iter()
            .map(|l| (l.software_slug.as_str(), l.agreements))
            .collect();
        assert_eq!(reused, [("bauantrag", 1), ("formulare", 1)]);
        let partners: Vec<(&str, u64, u64)> = report
            .partners
            .iter()
            .map(|p| (p.name.as_str(), p.provided_to, p.reused_from))
            .collect();
        assert_eq!(
            partners,
            [
                ("Hamburg", 1, 1),
                ("Schleswig-Holstein", 1, 1),
                ("Mecklenburg-Vorpommern", 1, 0)
            ]
        );
        let costs: Vec<(&str, i64)> = report.costs.iter().map(|c| (c.period.as_str(), c.cents)).collect();
        assert_eq!(
            costs,
            [("2027", 150), ("einmalig", 7)],
            "years first, then periods without one"
        );
        assert_eq!(report.costs_hidden, 1);
    }

    #[test]
    fn an_organisation_report_names_organisations_as_partners() {
        use PartyRole::{Provider, Reuser};
        let agreements = vec![agreement(
            "bauantrag",
            vec![
                party("kiel", Some("DE-SH"), Provider),
                party("rostock", Some("DE-MV"), Reuser),
            ],
            Some(vec![]),
        )];
        let scope = Scope::Organisation(OrganisationRef {
            slug: "rostock".into(),
            name: "ROSTOCK".into(),
        });
        let report = build(scope, "ROSTOCK".into(), &agreements);
        assert!(report.provided.is_empty());
        assert_eq!(report.reused[0].provider.slug, "kiel");
        assert_eq!(report.partners[0].name, "KIEL");
        assert_eq!((report.partners[0].provided_to, report.partners[0].reused_from), (0, 1));
    }

    #[test]
    fn the_graph_counts_per_land_with_the_federation_as_a_node() {
        let graph = ReuseGraph {
            edges: vec![
                ("DE-SH".into(), "DE-MV".into(), 3),
                ("DE-SH".into(), "DE-SH".into(), 2),
                (FEDERAL.into(), "DE-SH".into(), 1),
            ],
        };
        assert_eq!(
            (
                graph.provided_by("DE-SH"),
                graph.reused_by("DE-SH"),
                graph.within("DE-SH")
            ),
            (5, 3, 2)
        );
        assert_eq!(nodes().len(), 17);
        assert_eq!(land_label(None), "Bund");
    }
}
