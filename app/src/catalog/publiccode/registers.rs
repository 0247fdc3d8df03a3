//! The registers the server consults and the browser does not carry: the
//! Italian public administrations (IPA) and the oEmbed providers' URL
//! schemes, both as the reference parser embeds them (`data/SOURCES.md`).
//! Nothing in the editor's code reaches this module, so the linker leaves
//! the data out of the wasm bundle.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use super::resources::{RepoFile, Resources};

const IPA_CODES: &str = include_str!("data/ipa-codes.txt");
const OEMBED_SCHEMES: &str = include_str!("data/oembed-schemes.json");

/// The registers, and the files of the repository when they are at hand.
#[derive(Clone, Copy, Default)]
pub struct Registers<'f> {
    files: Option<&'f BTreeMap<String, RepoFile>>,
}

impl<'f> Registers<'f> {
    /// With the files a publiccode.yml names ([`super::referenced_files`]),
    /// read from its repository; a path not in the map is missing.
    pub fn with_files(files: &'f BTreeMap<String, RepoFile>) -> Self {
        Registers { files: Some(files) }
    }
}

fn ipa_codes() -> &'static HashSet<String> {
    static CODES: OnceLock<HashSet<String>> = OnceLock::new();
    CODES.get_or_init(|| {
        IPA_CODES
            .lines()
            .map(|l| l.trim().to_ascii_lowercase())
            .filter(|l| !l.is_empty())
            .collect()
    })
}

fn oembed_schemes() -> &'static [String] {
    static SCHEMES: OnceLock<Vec<String>> = OnceLock::new();
    SCHEMES.get_or_init(|| serde_json::from_str(OEMBED_SCHEMES).expect("data/oembed-schemes.json is a list of strings"))
}

/// `*` stands for any text (also none), the rest is literal: how the
/// reference turns the providers' schemes into anchored expressions.
fn wildcard(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

impl Resources for Registers<'_> {
    fn italian_pa(&self, code: &str) -> Option<bool> {
        Some(ipa_codes().contains(&code.to_ascii_lowercase()))
    }

    fn oembed_video(&self, url: &str) -> Option<bool> {
        Some(oembed_schemes().iter().any(|scheme| wildcard(scheme, url)))
    }

    fn file(&self, path: &str) -> Option<RepoFile> {
        self.files
            .map(|files| files.get(path).cloned().unwrap_or(RepoFile::Missing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_as_the_reference_does() {
        assert!(wildcard(
            "https://*.youtube.com/watch*",
            "https://www.youtube.com/watch?v=abc"
        ));
        assert!(wildcard("https://vimeo.com/*", "https://vimeo.com/12345"));
        assert!(wildcard("https://vimeo.com/*/*", "https://vimeo.com/a/b"));
        assert!(!wildcard("https://vimeo.com/*/*", "https://vimeo.com/a"));
        assert!(!wildcard("https://vimeo.com/*", "https://google.com"));
        assert!(wildcard("https://a.example/", "https://a.example/"));
        assert!(!wildcard("https://a.example/", "https://a.example/x"));
        assert!(wildcard("a*a", "aa"));
        assert!(!wildcard("a*ab", "ab"));
    }

    #[test]
    fn the_registers_answer() {
        let r = Registers::default();
        assert_eq!(r.italian_pa("pcm"), Some(true));
        assert_eq!(r.italian_pa("PCM"), Some(true));
        assert_eq!(r.italian_pa("no_such_pa"), Some(false));
        assert_eq!(
            r.oembed_video("https://www.youtube.com/watch?v=RaHmGbBOP84"),
            Some(true)
        );
        assert_eq!(r.oembed_video("https://google.com"), Some(false));
        assert_eq!(r.file("logo.png"), None, "no repository at hand");
        let files = BTreeMap::from([("img/logo.png".to_string(), RepoFile::Found { head: vec![] })]);
        let r = Registers::with_files(&files);
        assert!(matches!(r.file("img/logo.png"), Some(RepoFile::Found { .. })));
        assert_eq!(r.file("logo.png"), Some(RepoFile::Missing));
    }
}
