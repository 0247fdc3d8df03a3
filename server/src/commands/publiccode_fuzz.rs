//! The publiccode.yml parser's fuzz target: the example files mutated with
//! YAML tokens (`fuzzing`); the validator neither panics nor hangs, and its
//! report is coherent.

use std::path::Path;
use std::process::ExitCode;

use super::fuzzing::{self, Target, Verdict};
use app::catalog::publiccode::{self, Severity};

const CORPUS: &[&str] = &[
    include_str!("../../../app/src/catalog/publiccode/testdata/valid.yml"),
    include_str!("../../../app/src/catalog/publiccode/testdata/minimal.yml"),
    "a: &x [1, 2]\nb: *x\nc: {d: [e, {f: g}]}\n",
    "publiccodeYmlVersion: \"0.2\"\n? complex\n: key\n--- \n",
];

const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "\n",
    "\n  ",
    "  ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: *a\n",
    "---\n",
    "...\n",
    "? ",
    "!!str ",
    "!!binary ",
    "!foo ",
    "%YAML 1.2\n",
    "|\n  ",
    ">-\n  ",
    "'",
    "\"",
    "\\x64",
    "\\u00e4",
    "#",
    "\t",
    "~",
    "null",
    "true",
    "0.7",
    "0x1F",
    "1e999",
    ".nan",
    "ä",
    "€",
    "𝄞",
    "\u{feff}",
    "\r\n",
    "description:\n  de:\n    ",
    "maintenance:\n  type: ",
    "publiccodeYmlVersion: ",
    "legal:\n  license: ",
    "(MIT OR ",
    " WITH ",
    "LicenseRef-",
    "de-x-",
    "https://",
    "[::1]:99999",
];

pub fn run(seconds: u64, seed: u64, artifacts: &Path) -> anyhow::Result<ExitCode> {
    let target = Target {
        corpus: CORPUS.iter().map(|s| s.as_bytes().to_vec()).collect(),
        tokens: TOKENS,
        max_len: publiccode::MAX_BYTES + 64,
        extension: "yml",
    };
    let outcome = fuzzing::run(target, seconds, seed, artifacts, |input| {
        let report = publiccode::validate_bytes_with(input, &publiccode::Registers::default());
        let has_errors = report.issues.iter().any(|i| i.severity == Severity::Error);
        if report.is_valid() == has_errors {
            Verdict::Failed("valid report with errors, or invalid without".into())
        } else if report.issues.iter().any(|i| i.line == 0 || i.column == 0) {
            Verdict::Failed("issue without a position".into())
        } else {
            // Valid mutants are good seeds for deeper mutations.
            Verdict::Fine {
                keep: report.is_valid(),
            }
        }
    })?;
    Ok(fuzzing::report("publiccode", outcome, |s| {
        format!("{} of them valid", s.kept)
    }))
}
