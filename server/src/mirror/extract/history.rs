//! The default branch's history in one walk: commit count, first and last
//! dates, weekly activity, contributors with `.mailmap` applied, and the
//! recent commits health needs. People are counted as `git shortlog` counts
//! them: by the author's name after `.mailmap`, so one person who committed
//! from two addresses is one contributor, not two half ones.

use git2::{Oid, Repository, Sort};
use std::collections::HashMap;

const WEEK: i64 = 7 * 86_400;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub commits: u64,
}

#[derive(Debug, Default)]
pub struct History {
    pub commit_count: u64,
    pub first_commit: i64,
    pub last_commit: i64,
    pub weeks: Vec<u32>,
    pub weeks_end: i64,
    /// Everyone who authored a commit, most commits first (ties by name).
    pub contributors: Vec<Person>,
    /// (author time, contributor index) of the last 366 days' commits.
    pub recent: Vec<(i64, usize)>,
}

/// Walks everything reachable from `head` (what `git rev-list HEAD` lists).
pub fn walk(repo: &Repository, head: Oid, now: i64) -> Result<History, git2::Error> {
    let mailmap = repo.mailmap().ok();
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::NONE)?;
    walk.push(head)?;
    let weeks_end = now;
    let mut history = History {
        weeks: vec![0; 52],
        weeks_end,
        first_commit: i64::MAX,
        last_commit: i64::MIN,
        ..History::default()
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut people: Vec<Person> = Vec::new();
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        history.commit_count += 1;
        let author = match &mailmap {
            Some(m) => commit.author_with_mailmap(m)?,
            None => commit.author(),
        };
        let authored = author.when().seconds();
        let committed = commit.time().seconds();
        history.first_commit = history.first_commit.min(authored);
        history.last_commit = history.last_commit.max(committed);
        let name = String::from_utf8_lossy(author.name_bytes()).into_owned();
        let person = *index.entry(name.clone()).or_insert_with(|| {
            people.push(Person { name, commits: 0 });
            people.len() - 1
        });
        people[person].commits += 1;
        let age = weeks_end - authored;
        if (0..52 * WEEK).contains(&age) {
            history.weeks[51 - (age / WEEK) as usize] += 1;
        }
        if (0..366 * 86_400).contains(&age) {
            history.recent.push((authored, person));
        }
    }
    if history.commit_count == 0 {
        history.first_commit = 0;
        history.last_commit = 0;
    }
    history.contributors = people;
    Ok(history)
}

impl History {
    /// Contributors ordered as `git shortlog -sn` prints them.
    pub fn ranked(&self) -> Vec<Person> {
        let mut people = self.contributors.clone();
        people.sort_by(|a, b| b.commits.cmp(&a.commits).then_with(|| a.name.cmp(&b.name)));
        people
    }
}
