//! The controlled vocabularies of the standard and the external code lists it
//! names (the IANA language subtags, ISO 3166-1, SPDX), kept as data files beside the code.

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

/// Whether a two- or three-letter primary language subtag (any case) is in
/// the IANA registry. A bit per possible code, 2.3 KB in the wasm bundle
/// where the 33 KB list would be, built when compiling.
pub fn is_registered_language(code: &str) -> bool {
    match language_slot(code.as_bytes()) {
        Some(slot) => LANGUAGE_BITS[slot / 8] & (1 << (slot % 8)) != 0,
        None => false,
    }
}

const LANGUAGE_SLOTS: usize = 26 * 26 + 26 * 26 * 26;
const LANGUAGE_BITS: [u8; LANGUAGE_SLOTS.div_ceil(8)] = language_bits(LANGUAGES.as_bytes());

/// Two-letter codes first, then three-letter ones; `None` for anything else.
const fn language_slot(code: &[u8]) -> Option<usize> {
    let mut value = 0;
    let mut i = 0;
    while i < code.len() {
        let b = code[i].to_ascii_lowercase();
        if !b.is_ascii_lowercase() {
            return None;
        }
        value = value * 26 + (b - b'a') as usize;
        i += 1;
    }
    match code.len() {
        2 => Some(value),
        3 => Some(26 * 26 + value),
        _ => None,
    }
}

/// Reads the data file's words (skipping `#` lines); a word that is no
/// language code stops the build.
const fn language_bits(list: &[u8]) -> [u8; LANGUAGE_SLOTS.div_ceil(8)] {
    let mut bits = [0u8; LANGUAGE_SLOTS.div_ceil(8)];
    let mut i = 0;
    while i < list.len() {
        if list[i] == b'#' {
            while i < list.len() && list[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if list[i] == b' ' || list[i] == b'\n' {
            i += 1;
            continue;
        }
        let start = i;
        while i < list.len() && list[i] != b' ' && list[i] != b'\n' {
            i += 1;
        }
        let (word, _) = list.split_at(i);
        let (_, word) = word.split_at(start);
        match language_slot(word) {
            Some(slot) => bits[slot / 8] |= 1 << (slot % 8),
            None => panic!("data/languages.txt holds a word that is no language code"),
        }
    }
    bits
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
