//! What the pages show about a mirrored repository. The server stores
//! [`Facts`] and [`Health`] as JSON on the repository row, so one read gives
//! a page everything.

use super::status::RepositoryStatus;
use serde::{Deserialize, Serialize};

/// Figures extracted from the mirror on its last change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub default_branch: String,
    pub head: String,
    pub commit_count: u64,
    /// Unix seconds: the earliest author date and the latest commit date.
    pub first_commit: i64,
    pub last_commit: i64,
    /// Commits per week for 52 weeks, oldest first; the last week ends at `weeks_end`.
    pub weeks: Vec<u32>,
    pub weeks_end: i64,
    pub contributor_count: u64,
    /// The most active contributors (names only; e-mail addresses are not shown).
    pub top_contributors: Vec<Contributor>,
    pub tag_count: u64,
    /// Releases, newest version first (at most 50).
    pub releases: Vec<Release>,
    pub languages: Vec<Language>,
    pub licence: Licence,
    pub files: CommunityFiles,
    pub publiccode: PubliccodeState,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contributor {
    pub name: String,
    pub commits: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Release {
    pub tag: String,
    /// The semantic version the tag names, if it names one.
    pub version: Option<String>,
    pub date: Option<i64>,
    /// The annotated tag's message (shortened).
    pub message: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Language {
    pub name: String,
    pub bytes: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Licence {
    /// SPDX identifiers found in the licence files.
    pub detected: Vec<String>,
    pub files: Vec<String>,
    /// `legal.license` of publiccode.yml, when it disagrees with `detected`.
    pub declared_mismatch: Option<String>,
}

/// Paths of the files a newcomer looks for (None: absent).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommunityFiles {
    pub readme: Option<String>,
    pub changelog: Option<String>,
    pub contributing: Option<String>,
    pub security: Option<String>,
}

/// What became of the repository's publiccode.yml.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PubliccodeState {
    #[default]
    Missing,
    /// A symbolic link: never followed.
    Symlink,
    TooLarge {
        bytes: u64,
    },
    /// Published; the outcome code (`created`, `updated`, `unchanged`).
    Published {
        slug: String,
        outcome: String,
    },
    /// Invalid: the entry (if any) was deactivated.
    Invalid {
        slug: Option<String>,
        errors: usize,
    },
    /// Valid but refused (another organisation's entry or URI).
    Refused {
        reason: String,
    },
}

/// Health, each part with the figures behind it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub vitality: Vitality,
    pub maintained: Maintained,
    /// Unix seconds the figures refer to.
    pub computed_at: i64,
}

/// The Developers Italia vitality index over a 60-day window.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Vitality {
    /// 0–100.
    pub index: u32,
    pub window_days: u32,
    pub community_points: f64,
    pub authors: u64,
    pub activity_points: f64,
    pub commits: u64,
    pub release_points: f64,
    pub releases: u64,
    pub longevity_points: f64,
    pub age_days: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaintenanceLevel {
    Active,
    Maintained,
    Sporadic,
    #[default]
    Inactive,
}

impl MaintenanceLevel {
    pub fn code(self) -> &'static str {
        match self {
            MaintenanceLevel::Active => "active",
            MaintenanceLevel::Maintained => "maintained",
            MaintenanceLevel::Sporadic => "sporadic",
            MaintenanceLevel::Inactive => "inactive",
        }
    }
}

/// openCode-style maintenance level from the last six months.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Maintained {
    pub level: MaintenanceLevel,
    pub commits_6m: u64,
    pub releases_6m: u64,
    pub contributors_6m: u64,
    pub active_months_6m: u32,
    /// Fewest people who made half the commits of the last 12 months.
    pub bus_factor: u64,
}

/// A repository as its software page and its organisation see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepositoryView {
    pub id: String,
    pub url: String,
    /// A link for people (the forge's page), when the URL is a web URL.
    pub web_url: Option<String>,
    pub status: RepositoryStatus,
    pub status_detail: Option<String>,
    pub last_attempt_at: Option<String>,
    pub last_success_at: Option<String>,
    pub facts: Option<Facts>,
    pub health: Option<Health>,
    pub readme_html: Option<String>,
    /// Set for people who may manage the repository.
    pub manage: Option<RepositoryManage>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepositoryManage {
    pub webhook_url: String,
    pub webhook_secret: String,
    pub queued: bool,
}

/// One row of an organisation's repository list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepositoryRow {
    pub id: String,
    pub url: String,
    pub status: RepositoryStatus,
    pub status_detail: Option<String>,
    pub last_success_at: Option<String>,
    pub software_slug: Option<String>,
    pub software_name: Option<String>,
    pub queued: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepositoriesPage {
    pub organisation_slug: String,
    pub organisation_name: String,
    pub repositories: Vec<RepositoryRow>,
    pub may_manage: bool,
    pub webhook_base: String,
}

/// A job in the operator's queue view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobRow {
    pub id: i64,
    pub repository_id: String,
    pub url: String,
    pub reason: String,
    pub state: String,
    pub attempts: i32,
    pub run_at: String,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub worker: Option<String>,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuePage {
    pub queued: i64,
    pub running: i64,
    pub failed: i64,
    pub done_last_hour: i64,
    pub repositories: i64,
    pub jobs: Vec<JobRow>,
}
