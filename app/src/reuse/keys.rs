//! Distribution keys as data: the Königsteiner Schlüssel of a year, a
//! population table, any weights per Land, each with its year and source.
//! Operators load new tables from a file (the GWK publishes a new
//! Königsteiner Schlüssel every year); the project ships the ones it could
//! source, under `app/data/distribution-keys/`.
//!
//! The file format is CSV with a header of `# name:`, `# year:`, `# unit:`
//! (`percent` or `count`) and `# source:` lines, then `land,share` and one
//! row per Land by its ISO 3166-2 code. Percentages have up to five decimal
//! places (as the GWK publishes them) and must add up to 100.

use super::costs::parse_decimal;
use serde::{Deserialize, Serialize};

/// Percent values are stored as integers at this many decimal places.
pub const PERCENT_SCALE: u32 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Shares in percent, adding up to 100.
    Percent,
    /// Counts (inhabitants, users, cases): only the proportions matter.
    Count,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyTable {
    pub name: String,
    pub year: i32,
    pub unit: Unit,
    pub source: String,
    /// (ISO 3166-2 code of the Land, weight): percent at `PERCENT_SCALE`
    /// decimal places, or the count.
    pub weights: Vec<(String, u64)>,
}

/// What is wrong with a key file, and on which line (from 1).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyTableError {
    #[error("the header needs a `# {0}:` line")]
    MissingHeader(&'static str),
    #[error("line {line}: {what}")]
    Line { line: usize, what: String },
    #[error("the shares add up to {0} %, not 100 %")]
    NotHundred(String),
    #[error("the table has no rows")]
    Empty,
}

/// The tables this project ships, with their sources.
pub const SHIPPED: &[&str] = &[include_str!(
    "../../data/distribution-keys/koenigsteiner-schluessel-2019.csv"
)];

/// The sixteen Länder by ISO 3166-2 code.
pub const LAENDER: [&str; 16] = [
    "DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV", "DE-NI", "DE-NW", "DE-RP", "DE-SL",
    "DE-SN", "DE-ST", "DE-SH", "DE-TH",
];

pub fn parse(text: &str) -> Result<KeyTable, KeyTableError> {
    let mut header = std::collections::BTreeMap::new();
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
    let mut columns_line = 0;
    for (n, line) in lines.by_ref() {
        if let Some(rest) = line.strip_prefix('#') {
            if let Some((k, v)) = rest.split_once(':') {
                header.insert(k.trim().to_owned(), (n, v.trim().to_owned()));
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        if line != "land,share" {
            return Err(KeyTableError::Line {
                line: n,
                what: format!("expected the column line `land,share`, found `{line}`"),
            });
        }
        columns_line = n;
        break;
    }
    let field = |name: &'static str| -> Result<(usize, String), KeyTableError> {
        header
            .get(name)
            .cloned()
            .filter(|(_, v)| !v.is_empty())
            .ok_or(KeyTableError::MissingHeader(name))
    };
    let name = field("name")?.1;
    let source = field("source")?.1;
    let (year_line, year) = field("year")?;
    let year: i32 = year
        .parse()
        .ok()
        .filter(|y| (1949..=2100).contains(y))
        .ok_or_else(|| KeyTableError::Line {
            line: year_line,
            what: format!("`{year}` is not a year"),
        })?;
    let (unit_line, unit) = field("unit")?;
    let unit = match unit.as_str() {
        "percent" => Unit::Percent,
        "count" => Unit::Count,
        other => {
            return Err(KeyTableError::Line {
                line: unit_line,
                what: format!("the unit is `percent` or `count`, not `{other}`"),
            })
        }
    };
    if columns_line == 0 {
        return Err(KeyTableError::Empty);
    }
    let scale = if unit == Unit::Percent { PERCENT_SCALE } else { 0 };
    let mut weights: Vec<(String, u64)> = Vec::new();
    for (n, line) in lines {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |what: String| KeyTableError::Line { line: n, what };
        let (land, share) = line
            .split_once(',')
            .ok_or_else(|| bad(format!("expected `land,share`, found `{line}`")))?;
        if !LAENDER.contains(&land) {
            return Err(bad(format!(
                "`{land}` is not the ISO 3166-2 code of a Land (DE-SH, DE-MV, …)"
            )));
        }
        if weights.iter().any(|(l, _)| l == land) {
            return Err(bad(format!("{land} is listed twice")));
        }
        let weight = parse_decimal(share, scale).ok_or_else(|| {
            bad(format!(
                "`{share}` is not a {} with at most {scale} decimal places",
                if unit == Unit::Percent {
                    "percentage"
                } else {
                    "whole number"
                }
            ))
        })?;
        weights.push((land.to_owned(), weight));
    }
    if weights.is_empty() {
        return Err(KeyTableError::Empty);
    }
    if unit == Unit::Percent {
        let sum: u64 = weights.iter().map(|(_, w)| w).sum();
        let hundred = 100 * 10u64.pow(PERCENT_SCALE);
        if sum != hundred {
            let whole = sum / 10u64.pow(PERCENT_SCALE);
            let fraction = sum % 10u64.pow(PERCENT_SCALE);
            return Err(KeyTableError::NotHundred(format!("{whole}.{fraction:05}")));
        }
    }
    Ok(KeyTable {
        name,
        year,
        unit,
        source,
        weights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reuse::costs::SplitKey;

    fn cents(euros: i64) -> i64 {
        euros * 100
    }

    fn shipped_2019() -> KeyTable {
        parse(SHIPPED[0]).unwrap()
    }

    #[test]
    fn the_shipped_koenigsteiner_schluessel_covers_all_sixteen_laender_and_sums_to_100() {
        let table = shipped_2019();
        assert_eq!(
            (table.name.as_str(), table.year, table.unit),
            ("Königsteiner Schlüssel", 2019, Unit::Percent)
        );
        assert!(table.source.contains("GaFinHG"));
        let mut lands: Vec<&str> = table.weights.iter().map(|(l, _)| l.as_str()).collect();
        lands.sort();
        let mut all = LAENDER.to_vec();
        all.sort();
        assert_eq!(lands, all);
    }

    /// The GaFinHG splits 2.75 billion euros by this very key and prints
    /// every Land's tranche; ours must be the same to the cent (Baden-
    /// Württemberg: 358,616,775 €), and the tranches must add up.
    #[test]
    fn splitting_the_gafinhg_sum_gives_the_laws_tranches() {
        let table = shipped_2019();
        let key = SplitKey::Weights(table.weights.clone());
        let total = cents(2_750_000_000);
        let shares = key.split(total).unwrap();
        assert_eq!(shares.values().sum::<i64>(), total);
        assert_eq!(shares["DE-BW"], cents(358_616_775));
        for (land, weight) in &table.weights {
            // Five decimals of a percent of 2.75 bn € is a whole 275 €.
            assert_eq!(shares[land], *weight as i64 * cents(275), "{land}");
        }
        // An amount that does not divide still adds up, each Land within a cent.
        let odd = cents(1_234_567) + 89;
        let shares = key.split(odd).unwrap();
        assert_eq!(shares.values().sum::<i64>(), odd);
    }

    #[test]
    fn a_broken_file_says_what_and_where() {
        let header = "# name: Test\n# year: 2024\n# unit: percent\n# source: here\nland,share\n";
        let cases = [
            (
                format!("{header}DE-XX,100"),
                "line 6: `DE-XX` is not the ISO 3166-2 code",
            ),
            (format!("{header}DE-SH,60\nDE-SH,40"), "line 7: DE-SH is listed twice"),
            (
                format!("{header}DE-SH,sechzig"),
                "line 6: `sechzig` is not a percentage",
            ),
            (format!("{header}DE-SH,60\nDE-MV,39.99999"), "99.99999 %"),
            ("# name: Test\nland,share\nDE-SH,1".to_owned(), "`# source:`"),
            (
                header.replace("2024", "zweitausend"),
                "line 2: `zweitausend` is not a year",
            ),
            (header.replace("percent", "euro"), "line 3: the unit is"),
            (header.to_owned(), "no rows"),
        ];
        for (text, expected) in cases {
            let error = parse(&text).unwrap_err().to_string();
            assert!(error.contains(expected), "{error:?} should contain {expected:?}");
        }
        let counts = "# name: Einwohner\n# year: 2023\n# unit: count\n# source: test fixture\nland,share\nDE-SH,2953270\nDE-MV,1628378\n";
        assert_eq!(parse(counts).unwrap().weights[1], ("DE-MV".to_owned(), 1_628_378));
    }
}
