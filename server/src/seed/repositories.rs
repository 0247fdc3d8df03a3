//! Small local Git repositories for the demo: the seed writes them with
//! git2 (a year of backdated commits by a few people, tags, README, licence
//! and the entry's own publiccode.yml) and registers them, so the embedded
//! default shows real activity charts, releases and health once the
//! built-in worker has synced them.

use super::software::{render, repository, SOFTWARE};
use crate::catalog::url_key;
use crate::db::sql;
use crate::mirror::{queue, registration::new_secret};
use git2::{Oid, Repository, Signature, Time};
use sea_orm::DatabaseConnection;
use std::collections::BTreeMap;
use std::path::Path;

/// Which catalog entries get a demo repository, and how busy each is
/// (commits per week at the peak).
const DEMO: [(usize, u32); 3] = [(0, 6), (1, 3), (2, 1)];

const PEOPLE: [(&str, &str); 4] = [
    ("Pia Petersen", "pia.petersen@kiel.example"),
    ("Jonas Hansen", "jonas.hansen@kiel.example"),
    ("Merle Jensen", "merle.jensen@sh.example"),
    ("Ole Brandt", "ole.brandt@mv.example"),
];

const SCREENSHOT: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120"><rect width="320" height="120" fill="#e8eef5"/><rect x="16" y="16" width="288" height="24" fill="#1d4f91"/><rect x="16" y="56" width="180" height="12" fill="#7a8ca3"/><rect x="16" y="80" width="120" height="12" fill="#7a8ca3"/></svg>"##;

/// Creates and registers the demo repositories not yet present.
pub async fn seed(db: &DatabaseConnection, dir: &Path, admin: uuid::Uuid) -> anyhow::Result<u64> {
    let mut inserted = 0;
    for (index, busy) in DEMO {
        let spec = &SOFTWARE[index];
        let slug = crate::catalog::slugify(spec.name);
        let path = dir.join(format!("{slug}.git"));
        #[derive(sea_orm::FromQueryResult)]
        struct Org {
            id: uuid::Uuid,
            name_de: String,
            uri: Option<String>,
        }
        let org: Org = sql::one(
            db,
            "SELECT id, name_de, uri FROM organisations WHERE slug = $1",
            [spec.org.into()],
        )
        .await?
        .ok_or_else(|| anyhow::anyhow!("seed organisation {} is missing", spec.org))?;
        let url = url::Url::from_file_path(std::path::absolute(&path)?)
            .map_err(|_| anyhow::anyhow!("demo repository path is not absolute"))?;
        let key = url_key(url.as_str());
        let known = sql::value::<uuid::Uuid>(
            db,
            "SELECT id AS value FROM repositories WHERE url_key = $1",
            [key.clone().into()],
        )
        .await?;
        if known.is_some() {
            continue;
        }
        let uri = org
            .uri
            .clone()
            .unwrap_or_else(|| format!("urn:x-allmende:{}", spec.org));
        let publiccode = render(spec, &uri, &org.name_de, &repository(spec.org, spec.name), None);
        let name = spec.name.to_string();
        let description = spec.de.to_string();
        let build_path = path.clone();
        tokio::task::spawn_blocking(move || build(&build_path, &name, &description, &publiccode, busy)).await??;
        let id: Option<crate::kernel::RepositoryId> = sql::value(
            db,
            "INSERT INTO repositories (organisation_id, url, url_key, host, webhook_secret, created_by, software_id) \
             VALUES ($1, $2, $3, '', $4, $5, (SELECT id FROM software WHERE url_key = $6)) \
             ON CONFLICT (url_key) DO NOTHING RETURNING id AS value",
            [
                org.id.into(),
                url.as_str().into(),
                key.into(),
                new_secret().into(),
                admin.into(),
                url_key(&repository(spec.org, spec.name)).into(),
            ],
        )
        .await?;
        if let Some(id) = id {
            queue::enqueue(db, id, queue::SyncReason::Seed).await?;
            inserted += 1;
        }
    }
    Ok(inserted)
}

/// Writes the repository at `path` (replacing a half-made one).
fn build(path: &Path, name: &str, description: &str, publiccode: &str, busy: u32) -> anyhow::Result<()> {
    let _ = std::fs::remove_dir_all(path);
    let repo = Repository::init_bare(path)?;
    let now = chrono::Utc::now().timestamp();
    let day = 86_400;
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    files.insert("publiccode.yml".into(), publiccode.to_string());
    files.insert(
        "README.md".into(),
        format!(
            "# {name}\n\n{description}\n\n![Bildschirmfoto](docs/screenshot.svg)\n\n\
             Mitmachen: siehe [CONTRIBUTING](CONTRIBUTING.md). Änderungen: [CHANGELOG](CHANGELOG.md).\n"
        ),
    );
    files.insert(
        "LICENSE".into(),
        "EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016\n".into(),
    );
    files.insert(
        "CONTRIBUTING.md".into(),
        "# Mitmachen\n\nMerge Requests sind willkommen.\n".into(),
    );
    files.insert("docs/screenshot.svg".into(), SCREENSHOT.into());
    let mut parent: Option<Oid> = None;
    let mut changelog = String::from("# Changelog\n");
    let mut version = 0;
    // 400 days of history, busier in recent months.
    for d in (0..400i64).rev() {
        let week = d / 7;
        let rate = if week < 12 {
            busy
        } else if week < 30 {
            busy.div_ceil(2)
        } else {
            1
        };
        let commits_today = if (d as u32 * 7 + busy) % 7 < rate {
            1 + (d as u32 % 2) * (busy / 3)
        } else {
            0
        };
        for c in 0..commits_today {
            let (person, email) = PEOPLE[((d as usize) + c as usize) % (1 + busy as usize).min(4)];
            let time = now - d * day - (c as i64) * 3_600 - 7_200;
            let file = format!("src/modul_{}.rs", (d + c as i64) % 5);
            let body = files.get(&file).cloned().unwrap_or_default();
            files.insert(
                file,
                format!("{body}// Änderung vom Tag -{d}\npub fn schritt_{d}_{c}() {{}}\n"),
            );
            if d % 45 == 0 && c == 0 {
                version += 1;
                changelog.push_str(&format!("\n## 1.{version}.0\n\n- Verbesserungen\n"));
                files.insert("CHANGELOG.md".into(), changelog.clone());
            }
            let oid = commit(&repo, &files, parent, person, email, time, &format!("Schritt {d}.{c}"))?;
            parent = Some(oid);
            if d % 45 == 0 && c == 0 {
                let sig = Signature::new(person, email, &Time::new(time, 60))?;
                let object = repo.find_object(oid, None)?;
                repo.tag(
                    &format!("v1.{version}.0"),
                    &object,
                    &sig,
                    &format!("Version 1.{version}.0"),
                    false,
                )?;
            }
        }
    }
    // The publiccode.yml as published by the seed is the last state.
    let oid = commit(
        &repo,
        &files,
        parent,
        PEOPLE[0].0,
        PEOPLE[0].1,
        now - 3_600,
        "Stand des Katalogs",
    )?;
    repo.reference("refs/heads/main", oid, true, "seed")?;
    repo.set_head("refs/heads/main")?;
    Ok(())
}

fn commit(
    repo: &Repository,
    files: &BTreeMap<String, String>,
    parent: Option<Oid>,
    name: &str,
    email: &str,
    time: i64,
    message: &str,
) -> anyhow::Result<Oid> {
    let tree = write_tree(repo, files, "")?;
    let sig = Signature::new(name, email, &Time::new(time, 60))?;
    let parents: Vec<git2::Commit> = parent.map(|p| repo.find_commit(p)).transpose()?.into_iter().collect();
    let refs: Vec<&git2::Commit> = parents.iter().collect();
    let tree = repo.find_tree(tree)?;
    let oid = repo.commit(None, &sig, &sig, message, &tree, &refs)?;
    repo.reference("refs/heads/main", oid, true, "seed")?;
    Ok(oid)
}

/// Builds the tree of the files under `prefix` (slash-separated paths).
fn write_tree(repo: &Repository, files: &BTreeMap<String, String>, prefix: &str) -> anyhow::Result<Oid> {
    let mut builder = repo.treebuilder(None)?;
    let mut dirs: BTreeMap<String, ()> = BTreeMap::new();
    for (path, content) in files.range(prefix.to_string()..) {
        let Some(rest) = path.strip_prefix(prefix) else { break };
        match rest.split_once('/') {
            None => {
                let blob = repo.blob(content.as_bytes())?;
                builder.insert(rest, blob, 0o100644)?;
            }
            Some((dir, _)) => {
                dirs.insert(dir.to_string(), ());
            }
        }
    }
    for dir in dirs.keys() {
        let sub = write_tree(repo, files, &format!("{prefix}{dir}/"))?;
        builder.insert(dir, sub, 0o040000)?;
    }
    Ok(builder.write()?)
}
