//! `allmende mirror-once URL --dir DIR` (hidden): one fetch and one
//! extraction outside the queue, timed, for the benchmarks. The policy
//! allows loopback and local paths, since the benchmark's servers are local.

use crate::mirror::policy::{parse_repository_url, AllowedHost, Scheme, UrlPolicy};
use crate::mirror::transport::Limits;
use crate::mirror::{extract, fetch, health};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

pub async fn run(input: &str, dir: &Path) -> anyhow::Result<ExitCode> {
    let url = parse_repository_url(input)?;
    let policy = UrlPolicy {
        schemes: vec![Scheme::Https, Scheme::Http, Scheme::Git, Scheme::Ssh, Scheme::File],
        allow_hosts: vec![AllowedHost::parse("127.0.0.0/8"), AllowedHost::parse("::1")],
        local_roots: vec!["/".into()],
    };
    let target = policy.check(&url).await?;
    let limits = Limits {
        connect_timeout: Duration::from_secs(10),
        stall_timeout: Duration::from_secs(60),
        deadline: Instant::now() + Duration::from_secs(3600),
        max_bytes: 8 << 30,
    };
    let path = dir.to_path_buf();
    let runtime = tokio::runtime::Handle::current();
    let started = Instant::now();
    let fetched = tokio::task::spawn_blocking(move || fetch::fetch(&path, &target, limits, "ssh", runtime)).await??;
    let fetch_ms = started.elapsed().as_secs_f64() * 1000.0;
    let now = chrono::Utc::now().timestamp();
    let started = Instant::now();
    let (path, id) = (dir.to_path_buf(), "bench".to_string());
    let extracted = tokio::task::spawn_blocking(move || extract::extract(&path, &url, &id, now)).await??;
    let health = health::assess(
        &extracted.history.recent,
        &extracted.releases,
        extracted.facts.first_commit,
        now,
    );
    let extract_ms = started.elapsed().as_secs_f64() * 1000.0;
    println!(
        "{}",
        serde_json::json!({
            "first": fetched.first,
            "fetch_ms": fetch_ms.round(),
            "extract_ms": extract_ms.round(),
            "received_bytes": fetched.received_bytes,
            "size_bytes": fetched.size_bytes,
            "commits": extracted.facts.commit_count,
            "contributors": extracted.facts.contributor_count,
            "tags": extracted.facts.tag_count,
            "vitality": health.vitality.index,
        })
    );
    Ok(ExitCode::SUCCESS)
}
