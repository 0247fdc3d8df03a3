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
