//! Files read straight from the tree objects of the default branch: never
//! through a checkout, never following a symbolic link, never loading more
//! than a limit.

use git2::{ObjectType, Repository, Tree, TreeEntry};

const SYMLINK: i32 = 0o120000;

pub enum FileRead {
    Missing,
    Symlink,
    NotAFile,
    TooLarge(u64),
    Found(Vec<u8>),
}

/// The blob at `path` (slash-separated, case-sensitive), if it is a regular
/// file of at most `limit` bytes.
pub fn read(repo: &Repository, tree: &Tree, path: &str, limit: u64) -> FileRead {
    let Ok(entry) = tree.get_path(std::path::Path::new(path)) else {
        return FileRead::Missing;
    };
    read_entry(repo, &entry, limit)
}

pub fn read_entry(repo: &Repository, entry: &TreeEntry, limit: u64) -> FileRead {
    if entry.filemode() == SYMLINK {
        return FileRead::Symlink;
    }
    if entry.kind() != Some(ObjectType::Blob) {
        return FileRead::NotAFile;
    }
    let size = match repo.odb().and_then(|odb| odb.read_header(entry.id())) {
        Ok((size, _)) => size as u64,
        Err(_) => return FileRead::Missing,
    };
    if size > limit {
        return FileRead::TooLarge(size);
    }
    match repo.find_blob(entry.id()) {
        Ok(blob) => FileRead::Found(blob.content().to_vec()),
        Err(_) => FileRead::Missing,
    }
}

/// The first entry of `tree` whose name matches, case-insensitively, one of
/// the base names (with any extension), preferring earlier names.
pub fn find_named<'t>(tree: &'t Tree, bases: &[&str]) -> Option<TreeEntry<'t>> {
    for base in bases {
        let found = tree.iter().find(|e| {
            e.name().is_some_and(|n| {
                let lower = n.to_ascii_lowercase();
                lower == *base || lower.strip_prefix(base).is_some_and(|rest| rest.starts_with('.'))
            }) && e.kind() == Some(ObjectType::Blob)
        });
        if let Some(entry) = found {
            return Some(entry.to_owned());
        }
    }
    None
}

/// Like [`find_named`], also looking into `.github/` and `docs/` as forges do.
pub fn find_community_file(repo: &Repository, tree: &Tree, bases: &[&str]) -> Option<String> {
    if let Some(e) = find_named(tree, bases) {
        return e.name().map(str::to_string);
    }
    for dir in [".github", "docs"] {
        let Ok(entry) = tree.get_name(dir).ok_or(()) else {
            continue;
        };
        let Ok(sub) = entry.to_object(repo).and_then(|o| o.peel_to_tree()) else {
            continue;
        };
        let found = find_named(&sub, bases).and_then(|e| e.name().map(|n| format!("{dir}/{n}")));
        if found.is_some() {
            return found;
        }
    }
    None
}
