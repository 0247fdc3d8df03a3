//! The controlled vocabularies of the standard and the external code lists it
//! names (ISO 639-1, ISO 3166-1, SPDX), kept as data files beside the code.

fn words(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.split_whitespace())
}

pub const CATEGORIES: &str = include_str!("data/categories.txt");
pub const SCOPES: &str = include_str!("data/scopes.txt");
const COUNTRIES: &str = include_str!("data/countries.txt");
const LANGUAGES: &str = include_str!("data/languages.txt");
const LICENSES: &str = include_str!("data/spdx-licenses.txt");
const EXCEPTIONS: &str = include_str!("data/spdx-exceptions.txt");

pub const DEVELOPMENT_STATUS: &[&str] = &["concept", "development", "beta", "stable", "obsolete"];
pub const SOFTWARE_TYPES: &[&str] = &[
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
];
pub const MAINTENANCE_TYPES: &[&str] = &["internal", "contract", "community", "none"];
pub const PLATFORMS: &[&str] = &["web", "windows", "mac", "linux", "ios", "android"];

pub fn is_category(word: &str) -> bool {
    words(CATEGORIES).any(|w| w == word)
}

pub fn is_scope(word: &str) -> bool {
    words(SCOPES).any(|w| w == word)
}

pub fn categories() -> Vec<&'static str> {
    words(CATEGORIES).collect()
}

pub fn scopes() -> Vec<&'static str> {
    words(SCOPES).collect()
}

pub fn is_country(code: &str) -> bool {
    words(COUNTRIES).any(|w| w == code)
}

pub fn is_iso639_1(code: &str) -> bool {
    words(LANGUAGES).any(|w| w == code)
}

pub enum Listed {
    Current,
    Deprecated,
    Unknown,
}

fn lookup(list: &'static str, id: &str) -> Listed {
    // SPDX identifiers match case-insensitively (SPDX spec, annex D).
    for word in words(list) {
        let (deprecated, word) = match word.strip_prefix('~') {
            Some(w) => (true, w),
            None => (false, word),
        };
        if word.eq_ignore_ascii_case(id) {
            return if deprecated {
                Listed::Deprecated
            } else {
                Listed::Current
            };
        }
    }
    Listed::Unknown
}

pub fn licence(id: &str) -> Listed {
    lookup(LICENSES, id)
}

pub fn exception(id: &str) -> Listed {
    lookup(EXCEPTIONS, id)
}
