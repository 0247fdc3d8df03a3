//! Keeps the catalogs complete: every key in both languages, every key the
//! code uses present, no malformed line.

use super::catalog::{parse, DE_SOURCE, EN_SOURCE};
use super::{I18n, Locale};
use std::collections::BTreeSet;
use std::path::Path;

fn keys(source: &'static str) -> BTreeSet<&'static str> {
    parse(source).expect("catalog parses").keys().copied().collect()
}

#[test]
fn both_languages_have_the_same_keys() {
    let (de, en) = (keys(DE_SOURCE), keys(EN_SOURCE));
    let only_de: Vec<_> = de.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&de).collect();
    assert!(
        only_de.is_empty() && only_en.is_empty(),
        "keys only in de.ftl: {only_de:?}; keys only in en.ftl: {only_en:?}"
    );
}

#[test]
fn placeholders_match_between_languages() {
    let de = parse(DE_SOURCE).unwrap();
    let en = parse(EN_SOURCE).unwrap();
    for (key, de_value) in &de {
        let names = |v: &str| -> BTreeSet<String> {
            v.split("{ $")
                .skip(1)
                .filter_map(|s| s.split(' ').next())
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(names(de_value), names(en[key]), "placeholders differ for `{key}`");
    }
}

/// Every string literal in the sources that looks like a catalog key (a known
/// section, a dot, more segments) exists: `t("nav.catalog")` and keys returned
/// by helpers such as `title_key()` alike.
#[test]
fn every_key_used_in_code_exists() {
    let known = keys(DE_SOURCE);
    let sections: BTreeSet<&str> = known.iter().filter_map(|k| k.split('.').next()).collect();
    let looks_like_key = |s: &str| {
        s.split('.').count() > 1
            && s.split('.').all(|seg| {
                !seg.is_empty()
                    && seg
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
            && sections.contains(s.split('.').next().unwrap())
    };
    let mut missing = Vec::new();
    let mut used = 0;
    // The server's sources too: services return keys for field errors and notices.
    let mut scan = |text: &str| {
        // Odd pieces between quotes are string literals (good enough for our code).
        for literal in text.split('"').skip(1).step_by(2) {
            if looks_like_key(literal) {
                used += 1;
                if !known.contains(literal) {
                    missing.push(literal.to_owned());
                }
            }
        }
    };
    for dir in ["/src", "/../server/src"] {
        visit(Path::new(&format!("{}{dir}", env!("CARGO_MANIFEST_DIR"))), &mut scan);
    }
    assert!(
        used > 10,
        "the scan found only {used} keys: is it still looking at the right calls?"
    );
    assert!(
        missing.is_empty(),
        "keys used in code but missing from the catalogs: {missing:?}"
    );
}

fn visit(dir: &Path, f: &mut dyn FnMut(&str)) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // The validator's key paths ("legal.license") are publiccode.yml
            // keys, not message keys.
            if !path.ends_with("catalog/publiccode") {
                visit(&path, f);
            }
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/tests.rs") {
            f(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn numbers_follow_the_language() {
    assert_eq!(I18n { locale: Locale::De }.number(1234567), "1.234.567");
    assert_eq!(I18n { locale: Locale::En }.number(-1234), "-1,234");
    assert_eq!(I18n { locale: Locale::En }.number(999), "999");
}

#[test]
fn placeholders_are_filled() {
    let text = super::message_with(
        Locale::En,
        "home.stats.organisations",
        &[("count", "7"), ("laender", "3")],
    );
    assert!(
        text.contains('7') && text.contains('3') && !text.contains("{ $"),
        "{text}"
    );
}
