//! Health, computed from the extracted history and releases, every score
//! with the figures behind it.
//!
//! *Vitality* follows the Developers Italia index: over the last 60 days,
//! user community (distinct authors, 4–36 points), code activity (commits
//! per day, 2–60 points, averaged over the days), release history (tags,
//! 20–50 points) and longevity (age, 20–35 points); the sum is capped at
//! 100. Their published end points are kept; the steps in between are ours
//! and listed below.
//!
//! *Maintained* follows openCode's idea of maintenance: commits and releases
//! in the last six months, in how many of those months, and the bus factor
//! (fewest people who made half of the last year's commits).

use app::mirror::dto::{Health, Maintained, MaintenanceLevel, Release, Vitality};
use std::collections::{HashMap, HashSet};

const DAY: i64 = 86_400;
const WINDOW_DAYS: i64 = 60;
const HALF_YEAR: i64 = 182 * DAY;
const YEAR: i64 = 365 * DAY;

/// `recent`: (author time, contributor) of the last year's commits.
pub fn assess(recent: &[(i64, usize)], releases: &[Release], first_commit: i64, now: i64) -> Health {
    Health {
        vitality: vitality(recent, releases, first_commit, now),
        maintained: maintained(recent, releases, now),
        computed_at: now,
    }
}

fn in_last(time: i64, now: i64, span: i64) -> bool {
    time <= now && now - time < span
}

pub fn vitality(recent: &[(i64, usize)], releases: &[Release], first_commit: i64, now: i64) -> Vitality {
    let window = WINDOW_DAYS * DAY;
    let in_window: Vec<&(i64, usize)> = recent.iter().filter(|(t, _)| in_last(*t, now, window)).collect();
    let authors = in_window.iter().map(|(_, a)| *a).collect::<HashSet<_>>().len() as u64;
    let community_points = match authors {
        0 => 4.0,
        1 => 8.0,
        2..=3 => 16.0,
        4..=6 => 24.0,
        7..=12 => 30.0,
        _ => 36.0,
    };
    let mut per_day = [0u32; WINDOW_DAYS as usize];
    for (t, _) in &in_window {
        per_day[((now - t) / DAY) as usize] += 1;
    }
    let activity_points = per_day
        .iter()
        .map(|&n| match n {
            0 => 2.0,
            1 => 15.0,
            2..=3 => 30.0,
            4..=7 => 45.0,
            _ => 60.0,
        })
        .sum::<f64>()
        / WINDOW_DAYS as f64;
    let release_count = releases
        .iter()
        .filter(|r| r.date.is_some_and(|d| in_last(d, now, window)))
        .count() as u64;
    let release_points = match release_count {
        0..=1 => 20.0,
        2..=3 => 35.0,
        _ => 50.0,
    };
    let age_days = if first_commit > 0 && first_commit <= now {
        ((now - first_commit) / DAY) as u64
    } else {
        0
    };
    let longevity_points = match age_days {
        0..=364 => 20.0,
        365..=729 => 27.5,
        _ => 35.0,
    };
    let total = community_points + activity_points + release_points + longevity_points;
    Vitality {
        index: total.min(100.0).round() as u32,
        window_days: WINDOW_DAYS as u32,
        community_points,
        authors,
        activity_points: (activity_points * 10.0).round() / 10.0,
        commits: in_window.len() as u64,
        release_points,
        releases: release_count,
        longevity_points,
        age_days,
    }
}

pub fn maintained(recent: &[(i64, usize)], releases: &[Release], now: i64) -> Maintained {
    let half: Vec<&(i64, usize)> = recent.iter().filter(|(t, _)| in_last(*t, now, HALF_YEAR)).collect();
    let months: HashSet<i64> = half.iter().map(|(t, _)| (now - t) / (HALF_YEAR / 6)).collect();
    let contributors_6m = half.iter().map(|(_, a)| *a).collect::<HashSet<_>>().len() as u64;
    let releases_6m = releases
        .iter()
        .filter(|r| r.date.is_some_and(|d| in_last(d, now, HALF_YEAR)))
        .count() as u64;
    let mut per_person: HashMap<usize, u64> = HashMap::new();
    let mut year_total = 0u64;
    for (t, a) in recent {
        if in_last(*t, now, YEAR) {
            *per_person.entry(*a).or_default() += 1;
            year_total += 1;
        }
    }
    let mut counts: Vec<u64> = per_person.into_values().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let mut bus_factor = 0;
    let mut covered = 0;
    for c in counts {
        if covered * 2 >= year_total {
            break;
        }
        covered += c;
        bus_factor += 1;
    }
    let commits_6m = half.len() as u64;
    let active_months_6m = months.len() as u32;
    let level = if active_months_6m >= 4 && releases_6m >= 1 && bus_factor >= 2 {
        MaintenanceLevel::Active
    } else if active_months_6m >= 2 || (commits_6m > 0 && releases_6m >= 1) {
        MaintenanceLevel::Maintained
    } else if year_total > 0 {
        MaintenanceLevel::Sporadic
    } else {
        MaintenanceLevel::Inactive
    };
    Maintained {
        level,
        commits_6m,
        releases_6m,
        contributors_6m,
        active_months_6m,
        bus_factor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn release(days_ago: i64) -> Release {
        Release {
            tag: format!("v{days_ago}"),
            date: Some(NOW - days_ago * DAY),
            ..Release::default()
        }
    }

    #[test]
    fn a_busy_old_project_scores_high_and_a_dead_one_low() {
        // Three people, a commit every day for a year; four releases lately.
        let recent: Vec<(i64, usize)> = (0..365).map(|d| (NOW - d * DAY - 60, (d % 3) as usize)).collect();
        let releases: Vec<Release> = [3, 20, 40, 55, 100].into_iter().map(release).collect();
        let h = assess(&recent, &releases, NOW - 3 * YEAR, NOW);
        assert_eq!(h.vitality.authors, 3);
        assert_eq!(h.vitality.commits, 60);
        assert_eq!(h.vitality.releases, 4);
        assert_eq!(h.vitality.activity_points, 15.0);
        assert_eq!(h.vitality.index, 100, "16 + 15 + 50 + 35 = 116, capped");
        assert_eq!(h.maintained.level, MaintenanceLevel::Active);
        assert_eq!(h.maintained.bus_factor, 2);
        assert_eq!(h.maintained.active_months_6m, 6);

        let dead = assess(&[], &[release(900)], NOW - 3 * YEAR, NOW);
        assert_eq!(dead.vitality.index, 4 + 2 + 20 + 35);
        assert_eq!(dead.maintained.level, MaintenanceLevel::Inactive);
        assert_eq!(dead.maintained.bus_factor, 0);
    }

    #[test]
    fn one_person_projects_have_bus_factor_one() {
        let recent: Vec<(i64, usize)> = (0..40).map(|d| (NOW - d * 7 * DAY, 0)).collect();
        let m = maintained(&recent, &[], NOW);
        assert_eq!(m.bus_factor, 1);
        assert_eq!(
            m.level,
            MaintenanceLevel::Maintained,
            "active months but no release and one person"
        );
    }
}
