//! Cost sharing: a block's amount (integer cents) split among parties by a
//! key. Every split is computed with the largest-remainder method (Hamilton):
//! each party first gets the whole cents of its exact quota, and the cents
//! left over go one each to the parties with the largest remainders, ties to
//! the party listed first. So the shares always add up to the total, to the
//! cent, and no party is ever more than one cent from its exact quota.
//!
//! A composite key (for example 50 % among the reusing parties, 25 % to the
//! federation, 25 % among all Länder by the Königsteiner Schlüssel) first
//! splits the total among its parts by the same method, then each part by
//! its own key; the parts' shares are added per party. Each step is exact,
//! so the sum is too.
//!
//! Weights are integers (a Königsteiner share of 13.01651 % is 1_301_651),
//! so no floating point touches money.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How one cost block is split. Parties are named by `P` (an organisation
/// id on the server, a name in tests).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SplitKey<P> {
    /// Every party the same.
    Equal(Vec<P>),
    /// Weights per party, typed in by the parties: fixed shares, population,
    /// users or cases. Only their proportions count.
    Weights(Vec<(P, u64)>),
    /// Parts of the total, each split by its own key: `(weight, key)`.
    Composite(Vec<(u64, SplitKey<P>)>),
}

/// Why a split cannot be computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    #[error("the amount is negative")]
    NegativeAmount,
    #[error("the key names no party")]
    NoParty,
    #[error("the key's weights add up to zero")]
    ZeroWeights,
    #[error("a party is named twice in one key")]
    DuplicateParty,
}

impl SplitError {
    /// Catalog key of what the form says.
    pub fn message_key(&self) -> &'static str {
        match self {
            SplitError::NegativeAmount => "reuse.costs.error.negative",
            SplitError::NoParty => "reuse.costs.error.no_party",
            SplitError::ZeroWeights => "reuse.costs.error.zero_weights",
            SplitError::DuplicateParty => "reuse.costs.error.duplicate_party",
        }
    }
}

/// Splits `total` cents among `weights` (in their order) by the largest
/// remainder; the result has one amount per weight, in the same order.
pub fn largest_remainder(total: i64, weights: &[u64]) -> Result<Vec<i64>, SplitError> {
    if total < 0 {
        return Err(SplitError::NegativeAmount);
    }
    if weights.is_empty() {
        return Err(SplitError::NoParty);
    }
    let sum: u128 = weights.iter().map(|&w| w as u128).sum();
    if sum == 0 {
        return Err(SplitError::ZeroWeights);
    }
    let total_u = total as u128;
    // Exact quota = total * w / sum = floor + remainder / sum.
    let mut shares: Vec<i64> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u128, usize)> = Vec::with_capacity(weights.len());
    for (i, &w) in weights.iter().enumerate() {
        let product = total_u * w as u128;
        shares.push((product / sum) as i64);
        remainders.push((product % sum, i));
    }
    let left = total - shares.iter().sum::<i64>();
    // Largest remainder first; among equals, the one listed first.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take(left as usize) {
        shares[i] += 1;
    }
    Ok(shares)
}

impl<P: Clone + Ord> SplitKey<P> {
    /// Every party's share of `total` cents; the shares add up to `total`.
    pub fn split(&self, total: i64) -> Result<BTreeMap<P, i64>, SplitError> {
        let mut shares = BTreeMap::new();
        self.add_split(total, &mut shares)?;
        Ok(shares)
    }

    fn add_split(&self, total: i64, into: &mut BTreeMap<P, i64>) -> Result<(), SplitError> {
        match self {
            SplitKey::Equal(parties) => {
                let weighted: Vec<(P, u64)> = parties.iter().map(|p| (p.clone(), 1)).collect();
                add_weighted(total, &weighted, into)
            }
            SplitKey::Weights(weighted) => add_weighted(total, weighted, into),
            SplitKey::Composite(parts) => {
                let weights: Vec<u64> = parts.iter().map(|(w, _)| *w).collect();
                let amounts = largest_remainder(total, &weights)?;
                for ((_, key), amount) in parts.iter().zip(amounts) {
                    key.add_split(amount, into)?;
                }
                Ok(())
            }
        }
    }

    /// Every party the key names, each once.
    pub fn parties(&self) -> Vec<P> {
        let mut all = std::collections::BTreeSet::new();
        self.collect_parties(&mut all);
        all.into_iter().collect()
    }

    fn collect_parties(&self, into: &mut std::collections::BTreeSet<P>) {
        match self {
            SplitKey::Equal(parties) => into.extend(parties.iter().cloned()),
            SplitKey::Weights(weighted) => into.extend(weighted.iter().map(|(p, _)| p.clone())),
            SplitKey::Composite(parts) => parts.iter().for_each(|(_, k)| k.collect_parties(into)),
        }
    }
}

fn add_weighted<P: Clone + Ord>(
    total: i64,
    weighted: &[(P, u64)],
    into: &mut BTreeMap<P, i64>,
) -> Result<(), SplitError> {
    let mut seen = std::collections::BTreeSet::new();
    if !weighted.iter().all(|(p, _)| seen.insert(p)) {
        return Err(SplitError::DuplicateParty);
    }
    let weights: Vec<u64> = weighted.iter().map(|(_, w)| *w).collect();
    for ((party, _), amount) in weighted.iter().zip(largest_remainder(total, &weights)?) {
        *into.entry(party.clone()).or_insert(0) += amount;
    }
    Ok(())
}

/// A weight given as a decimal with up to `scale` places ("13,01651" or
/// "13.01651" at scale 5 is 1_301_651): how people type shares, parsed
/// without floating point. `None` for anything else (signs, exponents,
/// more places than `scale`).
pub fn parse_decimal(text: &str, scale: u32) -> Option<u64> {
    let text = text.trim().replace(',', ".");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || fraction.len() > scale as usize
    {
        return None;
    }
    let whole: u64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let padded = format!("{fraction:0<width$}", width = scale as usize);
    let fraction: u64 = if padded.is_empty() { 0 } else { padded.parse().ok()? };
    whole.checked_mul(10u64.checked_pow(scale)?)?.checked_add(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(shares: &BTreeMap<&'static str, i64>) -> i64 {
        shares.values().sum()
    }

    #[test]
    fn an_amount_that_does_not_divide_gives_the_odd_cent_to_the_largest_remainder() {
        // 100.00 € over three equal parties: 33.34 + 33.33 + 33.33.
        let key = SplitKey::Equal(vec!["Kiel", "Lübeck", "Flensburg"]);
        let shares = key.split(10_000).unwrap();
        assert_eq!(total(&shares), 10_000);
        // Ties go to the one listed first.
        assert_eq!(shares["Kiel"], 3_334);
        assert_eq!(shares["Lübeck"], 3_333);
        assert_eq!(shares["Flensburg"], 3_333);
    }

    #[test]
    fn fixed_shares_over_three_parties_with_an_odd_amount() {
        // 40 / 35 / 25 % of 1,234.57 €: exact quotas 493.828, 432.0995, 308.6425.
        let key = SplitKey::Weights(vec![("Kiel", 40), ("Lübeck", 35), ("Flensburg", 25)]);
        let shares = key.split(123_457).unwrap();
        assert_eq!(shares["Kiel"], 49_383);
        assert_eq!(shares["Lübeck"], 43_210);
        assert_eq!(shares["Flensburg"], 30_864);
        assert_eq!(total(&shares), 123_457);
    }

    #[test]
    fn a_composite_key_adds_its_parts_per_party_and_keeps_the_total() {
        // 50 % among the reusing parties, 25 % federal, 25 % the Länder by weight.
        let key = SplitKey::Composite(vec![
            (50, SplitKey::Equal(vec!["SH", "MV", "HB"])),
            (25, SplitKey::Weights(vec![("Bund", 1)])),
            (
                25,
                SplitKey::Weights(vec![("SH", 339_154), ("MV", 198_021), ("HB", 94_097)]),
            ),
        ]);
        let amount = 100_000_001; // 1,000,000.01 €
        let shares = key.split(amount).unwrap();
        assert_eq!(total(&shares), amount);
        assert_eq!(shares["Bund"], 25_000_000);
        assert_eq!(key.parties(), vec!["Bund", "HB", "MV", "SH"]);
        // Every party is within a cent per part of its exact quota.
        let exact_sh = 50_000_001.0 / 3.0 + 25_000_000.0 * 339_154.0 / 631_272.0;
        assert!((shares["SH"] as f64 - exact_sh).abs() <= 2.0, "{shares:?}");
    }

    #[test]
    fn nothing_is_lost_for_any_amount_and_any_weights() {
        let weights = [1_301_651u64, 1_569_179, 514_803, 301_286, 94_097, 256_407, 744_344];
        for amount in [0, 1, 2, 6, 7, 99, 100, 12_345, 999_999_999, i64::MAX / 10_000_000] {
            let shares = largest_remainder(amount, &weights).unwrap();
            assert_eq!(shares.iter().sum::<i64>(), amount, "{amount}");
            let sum: u128 = weights.iter().map(|&w| w as u128).sum();
            for (share, &w) in shares.iter().zip(&weights) {
                let floor = (amount as u128 * w as u128 / sum) as i64;
                assert!(*share == floor || *share == floor + 1, "{amount}: {share} vs {floor}");
            }
        }
    }

    #[test]
    fn impossible_keys_are_refused_by_name() {
        assert_eq!(largest_remainder(-1, &[1]), Err(SplitError::NegativeAmount));
        assert_eq!(largest_remainder(1, &[]), Err(SplitError::NoParty));
        assert_eq!(largest_remainder(1, &[0, 0]), Err(SplitError::ZeroWeights));
        let twice = SplitKey::Weights(vec![("Kiel", 1), ("Kiel", 2)]);
        assert_eq!(twice.split(100), Err(SplitError::DuplicateParty));
        // A zero-weight party in a key with other weights simply gets nothing.
        let shares = SplitKey::Weights(vec![("Kiel", 0), ("Lübeck", 3)]).split(100).unwrap();
        assert_eq!(shares["Kiel"], 0);
        assert_eq!(shares["Lübeck"], 100);
    }

    #[test]
    fn decimals_are_read_as_people_type_them() {
        assert_eq!(parse_decimal("13,01651", 5), Some(1_301_651));
        assert_eq!(parse_decimal("13.01651", 5), Some(1_301_651));
        assert_eq!(parse_decimal("0.5", 5), Some(50_000));
        assert_eq!(parse_decimal("25", 2), Some(2_500));
        assert_eq!(parse_decimal(" 7 ", 0), Some(7));
        for bad in ["", ".", "-1", "1e5", "1.234567", "1,2,3", "zwölf"] {
            assert_eq!(parse_decimal(bad, 5), None, "{bad}");
        }
    }
}
