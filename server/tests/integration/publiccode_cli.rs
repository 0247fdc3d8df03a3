//! `allmende publiccode validate`, as a publisher's CI pipeline runs it.

use std::io::Write;
use std::process::{Command, Stdio};

const VALID: &str = include_str!("../../../app/src/catalog/publiccode/testdata/valid.yml");

fn validate(args: &[&str], stdin: Option<&str>) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_allmende"))
        .args(["publiccode", "validate"])
        .args(args)
        // No database, no configuration: the command needs neither.
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.unwrap_or("").as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (output.status.code().unwrap(), String::from_utf8(output.stdout).unwrap())
}

#[test]
fn exit_codes_and_both_output_formats() {
    let (code, out) = validate(&["-"], Some(VALID));
    assert_eq!((code, out.as_str()), (0, ""));

    let broken = VALID.replace("developmentStatus: stable", "developmentStatus: finished");
    let (code, out) = validate(&["-", "--lang", "en"], Some(&broken));
    assert_eq!(code, 1);
    assert_eq!(
        out.trim(),
        "publiccode.yml:18:20: error: developmentStatus: must be one of: concept, development, beta, stable, obsolete"
    );

    let (code, out) = validate(&["-", "--json"], Some(&broken));
    assert_eq!(code, 1);
    let issues: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(issues[0]["type"], "error");
    assert_eq!(issues[0]["key"], "developmentStatus");
    assert_eq!(
        (issues[0]["line"].as_u64(), issues[0]["column"].as_u64()),
        (Some(18), Some(20))
    );
    assert!(
        issues[0]["description"].as_str().unwrap().starts_with("Erlaubt sind"),
        "German by default"
    );

    // Warnings alone do not fail the check.
    let (code, out) = validate(&["-"], Some(&VALID.replace("\"0.7\"", "\"0.4\"")));
    assert_eq!(code, 0);
    assert!(out.contains(": warning: publiccodeYmlVersion:"), "{out}");

    // A file on disk is checked with the files it names beside it, as in
    // its repository.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("publiccode.yml");
    std::fs::write(&file, VALID).unwrap();
    std::fs::create_dir(dir.path().join("img")).unwrap();
    std::fs::write(
        dir.path().join("img/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    std::fs::write(dir.path().join("img/antrag.png"), "a screenshot").unwrap();
    assert_eq!(validate(&[file.to_str().unwrap()], None).0, 0);
    std::fs::remove_file(dir.path().join("img/logo.svg")).unwrap();
    let (code, out) = validate(&[file.to_str().unwrap(), "--lang", "en"], None);
    assert_eq!(code, 1);
    let line = VALID.lines().position(|l| l.starts_with("logo:")).unwrap() + 1;
    assert!(
        out.contains(&format!(":{line}:")) && out.contains("logo: the repository holds no such file"),
        "{out}"
    );
    assert_eq!(validate(&[dir.path().join("missing.yml").to_str().unwrap()], None).0, 2);
}
