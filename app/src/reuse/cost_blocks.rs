//! An agreement's cost blocks: what is paid (initial development,
//! operation, further development, a one-off connection), for which period,
//! how much, and by which key it is split. The key is stored as data
//! (`SplitSpec`, JSON in the database) and resolved against the parties and
//! the distribution key table of its year whenever shares are shown, so a
//! block keeps the year it was agreed on when newer tables are loaded.

use super::costs::{parse_decimal, SplitError, SplitKey};
use super::keys::{KeyTable, PERCENT_SCALE};
use super::workflow::PartyRole;
use crate::directory::dto::LAENDER;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

crate::code_set! {
    /// What a block pays for; `agreement_cost_blocks.kind` allows these.
    pub enum BlockKind label = "reuse.costs.kind." {
        InitialDevelopment = "initial_development",
        Operation = "operation",
        FurtherDevelopment = "further_development",
        /// A one-off connection of a reuser (Anbindung).
        Connection = "connection",
    }
}

crate::code_set! {
    /// The keys the form offers.
    pub enum SplitChoice label = "reuse.costs.split." {
        EqualAll = "equal_all",
        EqualReusers = "equal_reusers",
        Fixed = "fixed",
        Koenigstein = "koenigstein",
        /// 50 % among the reusing parties, 25 % federal, 25 % all Länder by
        /// the Königsteiner Schlüssel (IT-Planungsrat, 2024).
        ItPlanungsrat = "it_planungsrat",
    }
}

/// A block's key as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SplitSpec {
    EqualAll,
    EqualReusers,
    /// Percent per party at `PERCENT_SCALE` places, adding up to 100.
    Fixed {
        shares: Vec<(String, u64)>,
    },
    /// Among the parties, each by its Land's share in that year's table.
    Koenigstein {
        year: i32,
    },
    ItPlanungsrat {
        year: i32,
    },
}

/// Who pays a share: a party, or (in the IT-Planungsrat's key) the
/// federation and each Land, parties or not.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Payer {
    Party(String),
    Federation,
    /// ISO 3166-2 code.
    Land(String),
}

/// A party as the key needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyInfo {
    pub id: String,
    pub role: PartyRole,
    pub land: Option<String>,
}

/// Why a block's key cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CostError {
    #[error("the agreement has no reusing party")]
    NoReusers,
    #[error("no Königsteiner Schlüssel is loaded for that year")]
    NoKeyTable,
    #[error("a party has no Land")]
    PartyWithoutLand,
    #[error("the fixed shares do not add up to 100 %")]
    SharesNotHundred,
    #[error("a fixed share names no party of the agreement")]
    UnknownParty,
    #[error(transparent)]
    Split(#[from] SplitError),
}

impl CostError {
    pub fn message_key(&self) -> &'static str {
        match self {
            CostError::NoReusers => "reuse.costs.error.no_reusers",
            CostError::NoKeyTable => "reuse.costs.error.no_key_table",
            CostError::PartyWithoutLand => "reuse.costs.error.party_without_land",
            CostError::SharesNotHundred => "reuse.costs.error.not_hundred",
            CostError::UnknownParty => "reuse.costs.error.unknown_party",
            CostError::Split(e) => e.message_key(),
        }
    }
}

const HUNDRED_PERCENT: u64 = 100 * 10u64.pow(PERCENT_SCALE);

impl SplitSpec {
    /// The choice the form shows for this key.
    pub fn choice(&self) -> SplitChoice {
        match self {
            SplitSpec::EqualAll => SplitChoice::EqualAll,
            SplitSpec::EqualReusers => SplitChoice::EqualReusers,
            SplitSpec::Fixed { .. } => SplitChoice::Fixed,
            SplitSpec::Koenigstein { .. } => SplitChoice::Koenigstein,
            SplitSpec::ItPlanungsrat { .. } => SplitChoice::ItPlanungsrat,
        }
    }

    /// The year of the key table it uses, if any.
    pub fn year(&self) -> Option<i32> {
        match self {
            SplitSpec::Koenigstein { year } | SplitSpec::ItPlanungsrat { year } => Some(*year),
            _ => None,
        }
    }

    /// The key among these parties, with the year's Königstein table where
    /// the spec needs one.
    pub fn key(&self, parties: &[PartyInfo], koenigstein: Option<&KeyTable>) -> Result<SplitKey<Payer>, CostError> {
        let reusers = || -> Result<Vec<Payer>, CostError> {
            let reusers: Vec<Payer> = parties
                .iter()
                .filter(|p| p.role == PartyRole::Reuser)
                .map(|p| Payer::Party(p.id.clone()))
                .collect();
            if reusers.is_empty() {
                Err(CostError::NoReusers)
            } else {
                Ok(reusers)
            }
        };
        let table = || {
            koenigstein
                .filter(|t| Some(t.year) == self.year())
                .ok_or(CostError::NoKeyTable)
        };
        let weight_of = |table: &KeyTable, land: &str| {
            table
                .weights
                .iter()
                .find(|(code, _)| code == land)
                .map(|(_, w)| *w)
                .ok_or(CostError::PartyWithoutLand)
        };
        Ok(match self {
            SplitSpec::EqualAll => SplitKey::Equal(parties.iter().map(|p| Payer::Party(p.id.clone())).collect()),
            SplitSpec::EqualReusers => SplitKey::Equal(reusers()?),
            SplitSpec::Fixed { shares } => {
                if shares.iter().map(|(_, w)| *w).sum::<u64>() != HUNDRED_PERCENT {
                    return Err(CostError::SharesNotHundred);
                }
                if !shares.iter().all(|(id, _)| parties.iter().any(|p| &p.id == id)) {
                    return Err(CostError::UnknownParty);
                }
                SplitKey::Weights(shares.iter().map(|(id, w)| (Payer::Party(id.clone()), *w)).collect())
            }
            SplitSpec::Koenigstein { .. } => {
                let table = table()?;
                let weighted = parties
                    .iter()
                    .map(|p| {
                        let land = p.land.as_deref().ok_or(CostError::PartyWithoutLand)?;
                        Ok((Payer::Party(p.id.clone()), weight_of(table, land)?))
                    })
                    .collect::<Result<Vec<_>, CostError>>()?;
                SplitKey::Weights(weighted)
            }
            SplitSpec::ItPlanungsrat { .. } => {
                let table = table()?;
                let laender = LAENDER
                    .iter()
                    .map(|(code, _)| Ok((Payer::Land(code.to_string()), weight_of(table, code)?)))
                    .collect::<Result<Vec<_>, CostError>>()?;
                SplitKey::Composite(vec![
                    (50, SplitKey::Equal(reusers()?)),
                    (25, SplitKey::Equal(vec![Payer::Federation])),
                    (25, SplitKey::Weights(laender)),
                ])
            }
        })
    }

    /// Every payer's share of `amount` cents, in the payers' order; they
    /// add up to `amount`.
    pub fn shares(
        &self,
        amount: i64,
        parties: &[PartyInfo],
        koenigstein: Option<&KeyTable>,
    ) -> Result<Vec<(Payer, i64)>, CostError> {
        Ok(self.key(parties, koenigstein)?.split(amount)?.into_iter().collect())
    }
}

/// An amount in euros as people type it ("120.000,50", "120000.50",
/// "1 200"), in cents; `None` for anything else.
pub fn parse_amount(text: &str) -> Option<i64> {
    let compact: String = text
        .trim()
        .trim_end_matches('€')
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let normal = if compact.contains(',') {
        // German: dots group thousands, the comma starts the cents.
        compact.replace('.', "").replace(',', ".")
    } else if compact.matches('.').count() > 1 || compact.split_once('.').is_some_and(|(_, cents)| cents.len() == 3) {
        // "1.200.000" or "120.000": dots that group thousands.
        compact.replace('.', "")
    } else {
        compact
    };
    parse_decimal(&normal, 2).and_then(|cents| i64::try_from(cents).ok())
}

/// Formats cents for the reader: `1.234,56 €` or `€1,234.56`.
pub fn format_amount(locale: crate::i18n::Locale, cents: i64) -> String {
    let (euros, rest) = (cents.abs() / 100, cents.abs() % 100);
    let digits = euros.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(match locale {
                crate::i18n::Locale::De => '.',
                crate::i18n::Locale::En => ',',
            });
        }
        grouped.push(c);
    }
    let sign = if cents < 0 { "-" } else { "" };
    match locale {
        crate::i18n::Locale::De => format!("{sign}{grouped},{rest:02} €"),
        crate::i18n::Locale::En => format!("{sign}€{grouped}.{rest:02}"),
    }
}

/// A block as the form sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBlock {
    pub kind: BlockKind,
    pub period: String,
    pub amount_cents: i64,
    pub split: SplitSpec,
}

pub const PERIOD_MAX: usize = 50;

impl NewBlock {
    /// Reads the form; fixed shares come as `share_<party id>`. `year` is
    /// the newest Königstein table loaded, which new blocks use.
    pub fn from_form(
        get: impl Fn(&str) -> String,
        parties: &[PartyInfo],
        year: Option<i32>,
    ) -> Result<NewBlock, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = BlockKind::from_code(&get("kind"));
        if kind.is_none() {
            errors.push(FieldError::new("kind", "form.error.choice"));
        }
        let period = get("period").trim().to_owned();
        if period.is_empty() {
            errors.push(FieldError::new("period", "reuse.costs.error.period"));
        } else if period.chars().count() > PERIOD_MAX {
            errors.push(FieldError::new("period", "reuse.terms.error.too_long"));
        }
        let amount = parse_amount(&get("amount"));
        if amount.is_none() {
            errors.push(FieldError::new("amount", "reuse.costs.error.amount"));
        }
        let split = match SplitChoice::from_code(&get("split")) {
            None => {
                errors.push(FieldError::new("split", "form.error.choice"));
                None
            }
            Some(SplitChoice::EqualAll) => Some(SplitSpec::EqualAll),
            Some(SplitChoice::EqualReusers) => Some(SplitSpec::EqualReusers),
            Some(SplitChoice::Fixed) => {
                let mut shares = Vec::new();
                for party in parties {
                    let field = format!("share_{}", party.id);
                    match get(&field).trim() {
                        "" => {}
                        text => match parse_decimal(text.trim_end_matches('%').trim(), PERCENT_SCALE) {
                            Some(weight) => shares.push((party.id.clone(), weight)),
                            None => errors.push(FieldError::new(&field, "reuse.costs.error.share")),
                        },
                    }
                }
                Some(SplitSpec::Fixed { shares })
            }
            Some(SplitChoice::Koenigstein) => year.map(|year| SplitSpec::Koenigstein { year }),
            Some(SplitChoice::ItPlanungsrat) => year.map(|year| SplitSpec::ItPlanungsrat { year }),
        };
        if split.is_none() && !errors.iter().any(|e| e.field == "split") {
            errors.push(FieldError::new("split", "reuse.costs.error.no_key_table"));
        }
        match (kind, amount, split) {
            (Some(kind), Some(amount_cents), Some(split)) if errors.is_empty() => Ok(NewBlock {
                kind,
                period,
                amount_cents,
                split,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use std::collections::HashMap;

    fn party(id: &str, role: PartyRole, land: Option<&str>) -> PartyInfo {
        PartyInfo {
            id: id.into(),
            role,
            land: land.map(str::to_owned),
        }
    }

    fn parties() -> Vec<PartyInfo> {
        vec![
            party("kiel", PartyRole::Provider, Some("DE-SH")),
            party("rostock", PartyRole::Reuser, Some("DE-MV")),
            party("muenchen", PartyRole::Reuser, Some("DE-BY")),
        ]
    }

    fn koenigstein() -> KeyTable {
        crate::reuse::keys::parse(crate::reuse::keys::SHIPPED[0]).unwrap()
    }

    fn sum(shares: &[(Payer, i64)]) -> i64 {
        shares.iter().map(|(_, c)| c).sum()
    }

    #[test]
    fn every_key_adds_up_to_the_cent() {
        let table = koenigstein();
        for spec in [
            SplitSpec::EqualAll,
            SplitSpec::EqualReusers,
            SplitSpec::Fixed {
                shares: vec![
                    ("kiel".into(), 5_000_000),
                    ("rostock".into(), 3_333_333),
                    ("muenchen".into(), 1_666_667),
                ],
            },
            SplitSpec::Koenigstein { year: 2019 },
            SplitSpec::ItPlanungsrat { year: 2019 },
        ] {
            for amount in [0, 1, 100, 12_345_678, 100_000_001] {
                let shares = spec.shares(amount, &parties(), Some(&table)).unwrap();
                assert_eq!(sum(&shares), amount, "{spec:?} of {amount}");
            }
        }
    }

    #[test]
    fn the_it_planungsrat_key_pays_half_by_reusers_and_a_quarter_each_by_bund_and_laender() {
        let shares = SplitSpec::ItPlanungsrat { year: 2019 }
            .shares(100_000_000, &parties(), Some(&koenigstein()))
            .unwrap();
        let of = |payer: Payer| shares.iter().find(|(p, _)| *p == payer).map(|(_, c)| *c).unwrap();
        assert_eq!(of(Payer::Party("rostock".into())), 25_000_000);
        assert_eq!(of(Payer::Party("muenchen".into())), 25_000_000);
        assert_eq!(of(Payer::Federation), 25_000_000);
        let laender: i64 = shares
            .iter()
            .filter(|(p, _)| matches!(p, Payer::Land(_)))
            .map(|(_, c)| c)
            .sum();
        assert_eq!(laender, 25_000_000);
        assert_eq!(shares.iter().filter(|(p, _)| matches!(p, Payer::Land(_))).count(), 16);
        assert!(
            !shares.iter().any(|(p, _)| *p == Payer::Party("kiel".into())),
            "the provider pays nothing here"
        );
    }

    #[test]
    fn keys_that_cannot_apply_say_why() {
        let table = koenigstein();
        let only_provider = vec![party("kiel", PartyRole::Provider, Some("DE-SH"))];
        assert_eq!(
            SplitSpec::EqualReusers.key(&only_provider, None),
            Err(CostError::NoReusers)
        );
        assert_eq!(
            SplitSpec::Koenigstein { year: 2031 }.key(&parties(), Some(&table)),
            Err(CostError::NoKeyTable),
            "a block keeps its year"
        );
        let abroad = vec![party("amsterdam", PartyRole::Reuser, None)];
        assert_eq!(
            SplitSpec::Koenigstein { year: 2019 }.key(&abroad, Some(&table)),
            Err(CostError::PartyWithoutLand)
        );
        let short = SplitSpec::Fixed {
            shares: vec![("kiel".into(), 5_000_000)],
        };
        assert_eq!(short.key(&parties(), None), Err(CostError::SharesNotHundred));
        let stranger = SplitSpec::Fixed {
            shares: vec![("sylt".into(), 10_000_000)],
        };
        assert_eq!(stranger.key(&parties(), None), Err(CostError::UnknownParty));
    }

    #[test]
    fn amounts_read_as_people_type_them_and_print_per_language() {
        assert_eq!(parse_amount("120.000,50"), Some(12_000_050));
        assert_eq!(parse_amount("120.000"), Some(12_000_000));
        assert_eq!(parse_amount("1.200.000 €"), Some(120_000_000));
        assert_eq!(parse_amount("120000.5"), Some(12_000_050));
        assert_eq!(parse_amount("1 200"), Some(120_000));
        for bad in ["", "-5", "1,2,3", "zwölf", "1e6", "0,001"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
        assert_eq!(format_amount(Locale::De, 12_000_050), "120.000,50 €");
        assert_eq!(format_amount(Locale::En, 12_000_050), "€120,000.50");
        assert_eq!(format_amount(Locale::De, 5), "0,05 €");
    }

    #[test]
    fn the_form_names_each_error_at_its_field() {
        let form = |pairs: &[(&str, &str)]| {
            let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            move |name: &str| map.get(name).cloned().unwrap_or_default()
        };
        let block = NewBlock::from_form(
            form(&[
                ("kind", "operation"),
                ("period", "2027"),
                ("amount", "48.000"),
                ("split", "it_planungsrat"),
            ]),
            &parties(),
            Some(2019),
        )
        .unwrap();
        assert_eq!(block.split, SplitSpec::ItPlanungsrat { year: 2019 });
        assert_eq!(block.amount_cents, 4_800_000);
        let fixed = NewBlock::from_form(
            form(&[
                ("kind", "connection"),
                ("period", "einmalig"),
                ("amount", "5000"),
                ("split", "fixed"),
                ("share_kiel", "60"),
                ("share_rostock", "40 %"),
            ]),
            &parties(),
            None,
        )
        .unwrap();
        assert_eq!(
            fixed.split,
            SplitSpec::Fixed {
                shares: vec![("kiel".into(), 6_000_000), ("rostock".into(), 4_000_000)]
            }
        );
        let errors = NewBlock::from_form(
            form(&[
                ("kind", "lunch"),
                ("amount", "viel"),
                ("split", "koenigstein"),
                ("share_kiel", "x"),
            ]),
            &parties(),
            None,
        )
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "period", "amount", "split"]);
    }
}
