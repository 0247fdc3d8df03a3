//! `allmende publiccode validate FILE`: the validator for publishers' CI
//! pipelines, with the same rules and messages as the web editor.

use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

use app::catalog::publiccode::resources::HEAD_BYTES;
use app::catalog::publiccode::{self, Issue, Msg, PublicCode, Registers, RepoFile, Severity};
use app::i18n::Locale;
use std::collections::BTreeMap;

use crate::cli::{Lang, PubliccodeAction};

pub async fn run(action: PubliccodeAction) -> anyhow::Result<ExitCode> {
    match action {
        PubliccodeAction::Validate {
            file,
            json,
            lang,
            network,
        } => {
            let locale = match lang {
                Lang::De => Locale::De,
                Lang::En => Locale::En,
            };
            let bytes = match read(&file) {
                Ok(bytes) => bytes,
                Err(error) => {
                    eprintln!("allmende: {}: {error}", file.display());
                    return Ok(ExitCode::from(2));
                }
            };
            // A file on disk is checked with the files beside it, as in its
            // repository; standard input has no repository.
            let beside = (file.as_os_str() != "-").then(|| named_files(&file, &bytes));
            let resources = beside.as_ref().map(Registers::with_files).unwrap_or_default();
            let mut report = publiccode::validate_bytes_with(&bytes, &resources);
            if network {
                if let Some(document) = &report.document {
                    report
                        .issues
                        .extend(network_checks(document, &String::from_utf8_lossy(&bytes)).await);
                }
            }
            let name = if file.as_os_str() == "-" {
                "publiccode.yml".to_string()
            } else {
                file.display().to_string()
            };
            if json {
                let issues: Vec<_> = report.issues.iter().map(|i| i.to_json(locale)).collect();
                println!("{}", serde_json::to_string_pretty(&issues)?);
            } else {
                for issue in &report.issues {
                    println!("{}", issue.to_line(&name, locale));
                }
            }
            let valid = report.is_valid() && !report.issues.iter().any(|i| i.severity == Severity::Error);
            Ok(if valid { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        PubliccodeAction::Fuzz {
            seconds,
            seed,
            artifacts,
        } => super::publiccode_fuzz::run(seconds, seed, &artifacts),
    }
}

/// The files the publiccode.yml names, read from its directory: paths come
/// normalised and inside it ([`publiccode::referenced_files`]).
fn named_files(file: &std::path::Path, bytes: &[u8]) -> BTreeMap<String, RepoFile> {
    let dir = file.parent().unwrap_or(std::path::Path::new("."));
    publiccode::referenced_files(bytes, 64)
        .into_iter()
        .map(|path| {
            let mut head = Vec::new();
            let found = match std::fs::File::open(dir.join(&path)) {
                Ok(f) if f.metadata().is_ok_and(|m| m.is_file()) => {
                    let _ = f.take(HEAD_BYTES as u64).read_to_end(&mut head);
                    RepoFile::Found { head }
                }
                _ => RepoFile::Missing,
            };
            (path, found)
        })
        .collect()
}

fn read(file: &std::path::Path) -> std::io::Result<Vec<u8>> {
    let limit = publiccode::MAX_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(file)?.take(limit).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// The URLs a reader would follow. Only the CLI offers these checks: the
/// person running it chooses the file, so there is no server to turn
/// against its own network (the web validator never fetches).
fn links(doc: &PublicCode) -> Vec<(String, String)> {
    let mut out = vec![];
    let mut add = |key: String, url: &Option<String>| {
        if let Some(url) = url.as_ref().filter(|u| u.starts_with("http")) {
            out.push((key, url.clone()));
        }
    };
    add("landingURL".into(), &doc.landing_url);
    add("roadmap".into(), &doc.roadmap);
    add("logo".into(), &doc.logo);
    for (lang, d) in &doc.description {
        add(format!("description.{lang}.documentation"), &d.documentation);
        add(format!("description.{lang}.apiDocumentation"), &d.api_documentation);
        for (i, shot) in d.screenshots.iter().enumerate() {
            add(format!("description.{lang}.screenshots[{i}]"), &Some(shot.clone()));
        }
        for (i, video) in d.videos.iter().enumerate() {
            add(format!("description.{lang}.videos[{i}]"), &Some(video.clone()));
        }
    }
    out
}

async fn network_checks(doc: &PublicCode, source: &str) -> Vec<Issue> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .connect_timeout(Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::limited(5))
        .user_agent("allmende-publiccode-validator")
        .build()
        .expect("the HTTP client builds");
    let mut issues = Vec::new();
    for (key, url) in links(doc) {
        let failure = match client.head(&url).send().await {
            Ok(r) if r.status().is_success() => None,
            // Some servers refuse HEAD; ask again with GET before judging.
            Ok(_) => match client.get(&url).send().await {
                Ok(r) if r.status().is_success() => None,
                Ok(r) => Some(format!("HTTP {}", r.status().as_u16())),
                Err(e) => Some(e.to_string()),
            },
            Err(e) => Some(e.to_string()),
        };
        if let Some(detail) = failure {
            // Point at the line that holds the URL.
            let (line, column) = source
                .lines()
                .enumerate()
                .find_map(|(n, l)| l.find(url.as_str()).map(|c| (n + 1, l[..c].chars().count() + 1)))
                .unwrap_or((1, 1));
            issues.push(Issue {
                severity: Severity::Error,
                key,
                line,
                column,
                message: Msg::Unreachable(detail),
            });
        }
    }
    issues
}
