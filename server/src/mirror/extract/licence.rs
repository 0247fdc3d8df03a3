//! The licence a repository carries, from its licence files: REUSE's
//! `LICENSES/<SPDX-ID>.txt` names them; otherwise the text of `LICENSE`,
//! `LICENCE` or `COPYING` is recognised by phrases every copy contains.
//! GNU licence texts do not say "only" or "or later" (that is in the source
//! headers), so those families compare without the suffix.

use app::mirror::dto::Licence;

/// (id, phrases that must all occur, case-insensitively).
const FINGERPRINTS: &[(&str, &[&str])] = &[
    ("EUPL-1.2", &["european union public licence", "v. 1.2"]),
    (
        "EUPL-1.2",
        &["lizenz für die öffentliche nutzung der europäischen union", "v. 1.2"],
    ),
    ("EUPL-1.1", &["european union public licence", "v. 1.1"]),
    ("AGPL-3.0-or-later", &["gnu affero general public license", "version 3"]),
    ("LGPL-3.0-or-later", &["gnu lesser general public license", "version 3"]),
    (
        "LGPL-2.1-or-later",
        &["gnu lesser general public license", "version 2.1"],
    ),
    ("GPL-3.0-or-later", &["gnu general public license", "version 3"]),
    ("GPL-2.0-or-later", &["gnu general public license", "version 2"]),
    ("Apache-2.0", &["apache license", "version 2.0"]),
    ("MPL-2.0", &["mozilla public license", "2.0"]),
    (
        "BSD-3-Clause",
        &["redistribution and use in source and binary forms", "neither the name"],
    ),
    ("BSD-2-Clause", &["redistribution and use in source and binary forms"]),
    ("MIT", &["permission is hereby granted, free of charge"]),
    (
        "ISC",
        &[
            "permission to use, copy, modify, and/or distribute this software for any purpose",
            "copyright notice and this permission notice appear",
        ],
    ),
    (
        "0BSD",
        &["permission to use, copy, modify, and/or distribute this software for any purpose"],
    ),
    ("CC0-1.0", &["cc0 1.0 universal"]),
    (
        "Unlicense",
        &["this is free and unencumbered software released into the public domain"],
    ),
];

/// Whether a root file name is a licence file.
pub fn is_licence_file(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["LICENSE", "LICENCE", "COPYING"]
        .iter()
        .any(|p| upper == *p || upper.starts_with(&format!("{p}.")) || upper.starts_with(&format!("{p}-")))
}

/// The SPDX id a licence text is.
pub fn recognise(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    FINGERPRINTS
        .iter()
        .find(|(_, phrases)| phrases.iter().all(|p| lower.contains(p)))
        .map(|(id, _)| *id)
}

/// The part of an SPDX id two detections are compared by.
pub fn family(id: &str) -> String {
    id.trim_end_matches('+')
        .trim_end_matches("-only")
        .trim_end_matches("-or-later")
        .to_ascii_lowercase()
}

/// Fills in `declared_mismatch` when publiccode.yml's `legal.license`
/// names none of the detected licences (or some detected one is missing).
pub fn compare(licence: &mut Licence, declared: Option<&str>) {
    licence.declared_mismatch = None;
    let Some(declared) = declared else { return };
    if licence.detected.is_empty() {
        return;
    }
    let declared_families: Vec<String> = declared
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|t| !t.is_empty() && !matches!(*t, "AND" | "OR" | "WITH"))
        .map(family)
        .collect();
    let all_declared = licence.detected.iter().all(|d| declared_families.contains(&family(d)));
    if !all_declared {
        licence.declared_mismatch = Some(declared.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_recognised() {
        assert_eq!(
            recognise("EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016"),
            Some("EUPL-1.2")
        );
        assert_eq!(
            recognise("MIT License\n\nPermission is hereby granted, free of charge, to any person"),
            Some("MIT")
        );
        assert_eq!(recognise("                    GNU AFFERO GENERAL PUBLIC LICENSE\n                       Version 3, 19 November 2007"), Some("AGPL-3.0-or-later"));
        assert_eq!(
            recognise("Apache License\n Version 2.0, January 2004"),
            Some("Apache-2.0")
        );
        assert_eq!(recognise("hello"), None);
    }

    #[test]
    fn mismatches_compare_families() {
        let mut l = Licence {
            detected: vec!["AGPL-3.0-or-later".into()],
            ..Licence::default()
        };
        compare(&mut l, Some("AGPL-3.0-only"));
        assert_eq!(l.declared_mismatch, None);
        compare(&mut l, Some("EUPL-1.2"));
        assert_eq!(l.declared_mismatch.as_deref(), Some("EUPL-1.2"));
        compare(&mut l, Some("EUPL-1.2 OR AGPL-3.0-or-later"));
        assert_eq!(l.declared_mismatch, None);
    }
}
