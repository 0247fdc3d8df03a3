//! The validator's SPDX lists are the SPDX project's, as the `spdx` crate
//! carries them (generated from spdx/license-list-data): same identifiers,
//! same deprecations, same list version. To update: bump the crate, rewrite
//! `src/catalog/publiccode/data/spdx-*.txt` from its `identifiers` module
//! (one identifier a line, `~` before deprecated ones, the version in the
//! first line) and run this test.

use app::catalog::publiccode::vocabulary::{exception, licence, Listed};

fn listed(deprecated: bool) -> Listed {
    if deprecated {
        Listed::Deprecated
    } else {
        Listed::Current
    }
}

#[test]
fn licences_and_exceptions_are_spdxs() {
    for l in spdx::identifiers::LICENSES {
        let id = spdx::license_id(l.name).unwrap();
        assert!(
            std::mem::discriminant(&licence(l.name)) == std::mem::discriminant(&listed(id.is_deprecated())),
            "{}: our list differs from SPDX {}",
            l.name,
            spdx::identifiers::VERSION
        );
    }
    for e in spdx::identifiers::EXCEPTIONS {
        let id = spdx::exception_id(e.name).unwrap();
        assert!(
            std::mem::discriminant(&exception(e.name)) == std::mem::discriminant(&listed(id.is_deprecated())),
            "{}: our exception list differs from SPDX {}",
            e.name,
            spdx::identifiers::VERSION
        );
    }
    let ours = include_str!("../src/catalog/publiccode/data/spdx-licenses.txt");
    assert!(
        ours.lines().next().unwrap().contains(spdx::identifiers::VERSION),
        "list version"
    );
    let count = ours.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).count();
    assert_eq!(count, spdx::identifiers::LICENSES.len(), "no identifier of our own");
}

/// The identifiers real files use most, including the BSD family that the
/// hand-kept list once lacked (Developers Italia's bootstrap-italia).
#[test]
fn the_well_known_licences_are_there() {
    for id in [
        "EUPL-1.2",
        "AGPL-3.0-or-later",
        "GPL-3.0-only",
        "MIT",
        "Apache-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "BSD-4-Clause",
        "MPL-2.0",
        "LGPL-2.1-or-later",
        "CC0-1.0",
        "ISC",
    ] {
        assert!(matches!(licence(id), Listed::Current), "{id}");
    }
    assert!(matches!(licence("GPL-3.0"), Listed::Deprecated));
    assert!(matches!(exception("Classpath-exception-2.0"), Listed::Current));
}

/// Every possible two- and three-letter primary language subtag, ours and
/// the IANA registry's (as the language-tags crate carries it): the same.
/// To update: bump the crate and rewrite `data/languages.txt` from its
/// `LANGUAGES` table.
#[test]
fn languages_are_the_iana_registrys() {
    use app::catalog::publiccode::vocabulary::is_registered_language;
    let letters = b'a'..=b'z';
    let mut codes: Vec<String> = Vec::new();
    for a in letters.clone() {
        for b in letters.clone() {
            codes.push(String::from_utf8(vec![a, b]).unwrap());
            for c in letters.clone() {
                codes.push(String::from_utf8(vec![a, b, c]).unwrap());
            }
        }
    }
    let mut registered = 0;
    for code in &codes {
        let mut theirs = language_tags::LanguageTag::parse(code).is_ok_and(|t| t.validate().is_ok());
        if code.len() == 2 && code.starts_with('q') && code != "qu" {
            // The crate compares the private-use range qaa..qtz as strings,
            // so `qb` … `qt` fall into it; ISO 639-1's only q-code is `qu`.
            theirs = false;
        }
        assert_eq!(is_registered_language(code), theirs, "{code}");
        registered += usize::from(theirs);
    }
    assert!(registered > 8000, "{registered}");
    for code in ["de", "en", "it", "gsw", "nds", "frr", "hsb", "iw", "qaa"] {
        assert!(is_registered_language(code), "{code}");
        assert!(is_registered_language(&code.to_uppercase()), "{code}");
    }
    for code in ["xxx", "quu", "zz", "d", "deut"] {
        assert!(!is_registered_language(code), "{code}");
    }
}
