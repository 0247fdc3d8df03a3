//! Everything a sync reads from a mirror, in one pass over the default
//! branch: history, releases, languages, licence, community files, the
//! README (rendered and sanitised) and publiccode.yml. Pure git2 on a bare
//! repository: testable without a database or a network.

pub mod files;
pub mod history;
mod languages;
pub mod licence;
pub mod releases;

use super::forge;
use app::catalog::publiccode::resources::HEAD_BYTES;
use app::catalog::publiccode::{referenced_files, RepoFile, MAX_BYTES};
use app::mirror::dto::{CommunityFiles, Contributor, Facts, Licence, Release};
use files::FileRead;
use git2::{Oid, Repository};
use std::collections::BTreeMap;
use url::Url;

use super::limits::{
    LICENCE_BYTES, NAMED_FILES, NAMED_FILE_BYTES, README_BYTES, README_MARKDOWN, STORED_RELEASES, TOP_CONTRIBUTORS,
};

pub struct Extracted {
    pub facts: Facts,
    pub history: history::History,
    pub releases: Vec<Release>,
    pub readme_html: Option<String>,
    pub publiccode: FileRead,
    /// The files publiccode.yml names, as the default branch holds them.
    pub publiccode_files: BTreeMap<String, RepoFile>,
}

/// Reads the mirror at `path`. `repository_id` builds the URLs of images
/// served from the mirror; `now` (Unix seconds) ends the activity window.
pub fn extract(path: &std::path::Path, url: &Url, repository_id: &str, now: i64) -> Result<Extracted, git2::Error> {
    let repo = Repository::open_bare(path)?;
    let head_ref = repo.head()?;
    let branch = head_ref.shorthand().unwrap_or("HEAD").to_string();
    let head: Oid = head_ref.peel_to_commit()?.id();
    let tree = repo.find_commit(head)?.tree()?;

    let history = history::walk(&repo, head, now)?;
    let releases = releases::tags(&repo)?;

    let mut licence = Licence::default();
    for entry in tree.iter() {
        let Some(name) = entry.name() else { continue };
        if licence::is_licence_file(name) {
            licence.files.push(name.to_string());
            if let FileRead::Found(bytes) = files::read_entry(&repo, &entry, LICENCE_BYTES) {
                if let Some(id) = licence::recognise(&String::from_utf8_lossy(&bytes)) {
                    licence.detected.push(id.to_string());
                }
            }
        }
    }
    if let Ok(entry) = tree.get_path(std::path::Path::new("LICENSES")) {
        if let Ok(dir) = entry.to_object(&repo).and_then(|o| o.peel_to_tree()) {
            for e in dir.iter() {
                if let Some(id) = e.name().and_then(|n| n.strip_suffix(".txt")) {
                    licence.files.push(format!("LICENSES/{}", e.name().unwrap_or_default()));
                    licence.detected.push(id.to_string());
                }
            }
        }
    }
    licence.detected.sort();
    licence.detected.dedup();

    let readme_entry = files::find_named(&tree, &["readme"]);
    let readme_html = readme_entry.as_ref().and_then(|entry| {
        let FileRead::Found(bytes) = files::read_entry(&repo, entry, README_BYTES) else {
            return None;
        };
        let text = String::from_utf8_lossy(&bytes);
        let name = entry.name().unwrap_or_default().to_ascii_lowercase();
        Some(render_readme(&text, &name, url, &branch, repository_id))
    });

    let publiccode = match files::read(&repo, &tree, "publiccode.yml", MAX_BYTES as u64) {
        FileRead::Missing => files::read(&repo, &tree, "publiccode.yaml", MAX_BYTES as u64),
        other => other,
    };
    let publiccode_files = match &publiccode {
        FileRead::Found(bytes) => named_files(&repo, &tree, bytes),
        _ => BTreeMap::new(),
    };

    let ranked = history.ranked();
    let facts = Facts {
        default_branch: branch.clone(),
        head: head.to_string(),
        commit_count: history.commit_count,
        first_commit: history.first_commit,
        last_commit: history.last_commit,
        weeks: history.weeks.clone(),
        weeks_end: history.weeks_end,
        contributor_count: ranked.len() as u64,
        top_contributors: ranked
            .iter()
            .take(TOP_CONTRIBUTORS)
            .map(|p| Contributor {
                name: p.name.clone(),
                commits: p.commits,
            })
            .collect(),
        tag_count: releases.len() as u64,
        releases: releases.iter().take(STORED_RELEASES).cloned().collect(),
        languages: languages::by_bytes(&repo, &tree),
        licence,
        files: CommunityFiles {
            readme: readme_entry.and_then(|e| e.name().map(str::to_string)),
            changelog: files::find_community_file(&repo, &tree, &["changelog", "changes", "history", "news"]),
            contributing: files::find_community_file(&repo, &tree, &["contributing"]),
            security: files::find_community_file(&repo, &tree, &["security"]),
        },
        publiccode: Default::default(),
    };
    Ok(Extracted {
        facts,
        history,
        releases,
        readme_html,
        publiccode,
        publiccode_files,
    })
}

/// What a path segment of a URL may not contain unescaped.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\');

/// The URL images of the repository are served from.
/// The files publiccode.yml names, looked up in the tree (paths relative to
/// the repository's root, where the file lies): what the validator needs to
/// tell a missing logo or a broken PNG, as the reference does for a local file.
fn named_files(repo: &Repository, tree: &git2::Tree, publiccode: &[u8]) -> BTreeMap<String, RepoFile> {
    referenced_files(publiccode, NAMED_FILES)
        .into_iter()
        .map(|path| {
            // Only a PNG's first bytes are checked; any other file is looked
            // up, not loaded (a limit of 0 leaves every non-empty one unread).
            let png = path.to_ascii_lowercase().ends_with(".png");
            let found = match files::read(repo, tree, &path, if png { NAMED_FILE_BYTES } else { 0 }) {
                FileRead::Found(mut head) => {
                    head.truncate(HEAD_BYTES);
                    RepoFile::Found { head }
                }
                FileRead::Symlink | FileRead::TooLarge(_) => RepoFile::Unread,
                FileRead::Missing | FileRead::NotAFile => RepoFile::Missing,
            };
            (path, found)
        })
        .collect()
}

pub fn raw_path(repository_id: &str, path: &str) -> String {
    let encoded: Vec<String> = path
        .split('/')
        .map(|p| percent_encoding::utf8_percent_encode(p, SEGMENT).to_string())
        .collect();
    format!("/repositorien/{repository_id}/roh/{}", encoded.join("/"))
}

fn render_readme(text: &str, name: &str, url: &Url, branch: &str, repository_id: &str) -> String {
    let markdown = name == "readme" || name.ends_with(".md") || name.ends_with(".markdown");
    if !markdown {
        return format!("<pre>{}</pre>", ammonia::clean_text(text));
    }
    let link = |target: &str| {
        let path = forge::join("", target);
        forge::blob_url(url, branch, &path).unwrap_or_else(|| raw_path(repository_id, &path))
    };
    let image = |target: &str| raw_path(repository_id, &forge::join("", target));
    crate::markdown::render_resolved(
        text,
        Some(&crate::markdown::Resolver {
            link: &link,
            image: &image,
        }),
        README_MARKDOWN,
    )
}
