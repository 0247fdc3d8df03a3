//! Languages by bytes over the default branch's tree, read from the object
//! headers (no blob is loaded). Vendored and generated directories are
//! skipped, as GitHub's linguist does.

use app::mirror::dto::Language;
use git2::{ObjectType, Repository, Tree, TreeWalkMode, TreeWalkResult};
use std::collections::HashMap;

use crate::mirror::limits::LANGUAGE_ENTRIES as MAX_ENTRIES;
const SKIPPED_DIRS: [&str; 8] = [
    "node_modules/",
    "vendor/",
    "third_party/",
    "dist/",
    "build/",
    ".git/",
    "target/",
    "bower_components/",
];

pub fn by_bytes(repo: &Repository, tree: &Tree) -> Vec<Language> {
    let odb = match repo.odb() {
        Ok(odb) => odb,
        Err(_) => return Vec::new(),
    };
    let mut totals: HashMap<&'static str, u64> = HashMap::new();
    let mut seen = 0usize;
    let _ = tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
        seen += 1;
        if seen > MAX_ENTRIES {
            return TreeWalkResult::Abort;
        }
        if entry.kind() == Some(ObjectType::Tree) {
            let path = format!("{dir}{}/", entry.name().unwrap_or_default());
            return if SKIPPED_DIRS
                .iter()
                .any(|d| path.ends_with(d) && path.matches('/').count() >= 1)
            {
                TreeWalkResult::Skip
            } else {
                TreeWalkResult::Ok
            };
        }
        // Symbolic links and submodules are not code of this repository.
        if entry.kind() != Some(ObjectType::Blob) || entry.filemode() == 0o120000 {
            return TreeWalkResult::Ok;
        }
        if let Some(language) = entry.name().and_then(language_of) {
            if let Ok((size, _)) = odb.read_header(entry.id()) {
                *totals.entry(language).or_default() += size as u64;
            }
        }
        TreeWalkResult::Ok
    });
    let mut languages: Vec<Language> = totals
        .into_iter()
        .map(|(name, bytes)| Language {
            name: name.to_string(),
            bytes,
        })
        .collect();
    languages.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.name.cmp(&b.name)));
    languages
}

/// The language of a file name, by extension or well-known name.
pub fn language_of(name: &str) -> Option<&'static str> {
    match name {
        "Dockerfile" | "Containerfile" => return Some("Dockerfile"),
        "Makefile" | "GNUmakefile" => return Some("Makefile"),
        _ => {}
    }
    if name.ends_with(".min.js") || name.ends_with(".min.css") {
        return None;
    }
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "rs" => "Rust",
        "go" => "Go",
        "java" => "Java",
        "kt" | "kts" => "Kotlin",
        "scala" => "Scala",
        "py" => "Python",
        "rb" => "Ruby",
        "php" => "PHP",
        "js" | "mjs" | "cjs" | "jsx" => "JavaScript",
        "ts" | "tsx" | "mts" => "TypeScript",
        "vue" => "Vue",
        "svelte" => "Svelte",
        "c" | "h" => "C",
        "cc" | "cpp" | "cxx" | "hpp" | "hh" => "C++",
        "cs" => "C#",
        "fs" => "F#",
        "swift" => "Swift",
        "m" => "Objective-C",
        "dart" => "Dart",
        "ex" | "exs" => "Elixir",
        "erl" => "Erlang",
        "hs" => "Haskell",
        "clj" | "cljs" => "Clojure",
        "lua" => "Lua",
        "pl" | "pm" => "Perl",
        "r" => "R",
        "jl" => "Julia",
        "sh" | "bash" => "Shell",
        "ps1" => "PowerShell",
        "sql" => "SQL",
        "html" | "htm" => "HTML",
        "css" => "CSS",
        "scss" | "sass" => "SCSS",
        "less" => "Less",
        "xsl" | "xslt" => "XSLT",
        "tf" => "HCL",
        "nix" => "Nix",
        "groovy" | "gradle" => "Groovy",
        "vb" => "Visual Basic",
        "abap" => "ABAP",
        "cob" | "cbl" => "COBOL",
        "pas" => "Pascal",
        "zig" => "Zig",
        _ => return None,
    })
}
