//! Mirroring one repository into a bare git2 repository: the first clone
//! goes into a temporary directory that is renamed into place only when
//! complete; later fetches are incremental, force-pushes and deleted
//! branches included (prune). Only branches and tags are fetched (no pull
//! or merge request refs, no submodules), and no working tree exists.

use super::policy::{Scheme, Target};
use super::transport::{self, Cutoff, JobContext, Limits};
use app::mirror::status::RepositoryStatus;
use git2::{AutotagOption, FetchOptions, FetchPrune, RemoteCallbacks, Repository};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

const REFSPECS: [&str; 2] = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    pub default_branch: Option<String>,
    pub head: Option<String>,
    /// Hash over every ref and HEAD: equal digests mean nothing changed.
    pub refs_digest: String,
    pub received_bytes: u64,
    pub size_bytes: u64,
    pub first: bool,
}

/// Why a fetch failed; `status` is the repository status stored and shown.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("the repository was not found (or is not public): {0}")]
    NotFound(String),
    #[error("the job's time limit was reached")]
    TimedOut,
    #[error("the server stopped sending data")]
    Stalled,
    #[error("the repository is larger than the limit of {0} bytes")]
    TooLarge(u64),
    #[error("the server redirected to another host ({0})")]
    Redirect(String),
    #[error("the server speaks only the old \"dumb\" HTTP protocol")]
    DumbServer,
    #[error("the repository has no commits")]
    Empty,
    #[error("network error: {0}")]
    Network(String),
    #[error("git error: {0}")]
    Git(String),
}

impl FetchError {
    pub fn status(&self) -> RepositoryStatus {
        match self {
            FetchError::NotFound(_) => RepositoryStatus::NotFound,
            FetchError::TimedOut => RepositoryStatus::TimedOut,
            FetchError::Stalled => RepositoryStatus::Stalled,
            FetchError::TooLarge(_) => RepositoryStatus::TooLarge,
            FetchError::Redirect(_) => RepositoryStatus::RedirectRefused,
            FetchError::DumbServer => RepositoryStatus::UnsupportedServer,
            FetchError::Empty => RepositoryStatus::Empty,
            FetchError::Network(_) => RepositoryStatus::Network,
            FetchError::Git(_) => RepositoryStatus::GitError,
        }
    }

    /// Whether trying again later may help.
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            FetchError::TimedOut | FetchError::Stalled | FetchError::Network(_) | FetchError::Git(_)
        )
    }
}

/// Fetches `target` into the bare repository at `path` (blocking: run it on
/// a blocking thread). `max_bytes` bounds the repository's size on disk.
pub fn fetch(
    path: &Path,
    target: &Target,
    limits: Limits,
    ssh_command: &str,
    runtime: tokio::runtime::Handle,
) -> Result<Fetched, FetchError> {
    transport::register();
    let first = !path.join("HEAD").exists();
    let before = if first { 0 } else { disk_size(path) };
    let budget = Limits {
        max_bytes: limits.max_bytes.saturating_sub(before),
        ..limits
    };
    if first {
        let staging = staging_dir(path);
        let _ = std::fs::remove_dir_all(&staging);
        let result = Repository::init_bare(&staging)
            .map_err(|e| FetchError::Git(e.message().to_string()))
            .and_then(|repo| fetch_into(&repo, target, budget, ssh_command, runtime, limits.max_bytes));
        match result {
            Ok(mut fetched) => {
                std::fs::rename(&staging, path).map_err(|e| FetchError::Git(format!("moving the new mirror: {e}")))?;
                fetched.first = true;
                Ok(fetched)
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&staging);
                Err(e)
            }
        }
    } else {
        let repo = Repository::open_bare(path).map_err(|e| FetchError::Git(e.message().to_string()))?;
        let result = fetch_into(&repo, target, budget, ssh_command, runtime, limits.max_bytes);
        // An interrupted fetch leaves at most an unreferenced temporary pack.
        remove_temporary_packs(path);
        result
    }
}

fn staging_dir(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.partial"))
}

fn fetch_into(
    repo: &Repository,
    target: &Target,
    limits: Limits,
    ssh_command: &str,
    runtime: tokio::runtime::Handle,
    max_total: u64,
) -> Result<Fetched, FetchError> {
    let ctx: Arc<JobContext> = JobContext::new(target.clone(), limits, ssh_command.to_string(), runtime);
    let _entered = ctx.enter();
    let mut callbacks = RemoteCallbacks::new();
    let progress_ctx = ctx.clone();
    // The local transport does not pass through ours: the progress callback
    // enforces its limits (returning false aborts the transfer).
    callbacks.transfer_progress(move |p| {
        if target_is_local(&progress_ctx) && p.received_bytes() as u64 > progress_ctx.limits.max_bytes {
            let _ = progress_ctx.cut(Cutoff::TooLarge);
            return false;
        }
        if Instant::now() >= progress_ctx.limits.deadline {
            let _ = progress_ctx.cut(Cutoff::TimedOut);
            return false;
        }
        true
    });
    let mut options = FetchOptions::new();
    options
        .remote_callbacks(callbacks)
        .prune(FetchPrune::On)
        .download_tags(AutotagOption::None)
        .update_fetchhead(false);
    let url = match target.scheme {
        Scheme::File => target
            .url
            .to_file_path()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default(),
        _ => target.url.as_str().to_string(),
    };
    let mut remote = repo
        .remote_anonymous(&url)
        .map_err(|e| FetchError::Git(e.message().to_string()))?;
    if let Err(error) = remote.fetch(&REFSPECS, Some(&mut options), None) {
        return Err(classify(&ctx, &error, limits.max_bytes));
    }
    let default_branch = remote
        .default_branch()
        .ok()
        .and_then(|b| b.as_str().map(str::to_string))
        .filter(|b| b.starts_with("refs/heads/"));
    drop(remote);
    let branch = default_branch.clone().or_else(|| {
        ["refs/heads/main", "refs/heads/master"]
            .into_iter()
            .find(|r| repo.find_reference(r).is_ok())
            .map(str::to_string)
    });
    let Some(branch) = branch else {
        return Err(FetchError::Empty);
    };
    repo.set_head(&branch)
        .map_err(|e| FetchError::Git(e.message().to_string()))?;
    let head = repo.refname_to_id(&branch).map_err(|_| FetchError::Empty)?.to_string();
    let size_bytes = disk_size(repo.path());
    if size_bytes > max_total {
        return Err(FetchError::TooLarge(max_total));
    }
    Ok(Fetched {
        default_branch: Some(branch.trim_start_matches("refs/heads/").to_string()),
        head: Some(head),
        refs_digest: refs_digest(repo, &branch),
        received_bytes: ctx.received(),
        size_bytes,
        first: false,
    })
}

fn target_is_local(ctx: &JobContext) -> bool {
    ctx.target.scheme == Scheme::File
}

fn classify(ctx: &JobContext, error: &git2::Error, max_bytes: u64) -> FetchError {
    match ctx.cutoff() {
        Some(Cutoff::TimedOut) => FetchError::TimedOut,
        Some(Cutoff::Stalled) => FetchError::Stalled,
        Some(Cutoff::TooLarge) => FetchError::TooLarge(max_bytes),
        Some(Cutoff::Redirect(host)) => FetchError::Redirect(host),
        Some(Cutoff::NotFound(status)) => FetchError::NotFound(format!("HTTP {status}")),
        Some(Cutoff::HttpStatus(status)) => FetchError::Network(format!("HTTP {status}")),
        Some(Cutoff::DumbServer) => FetchError::DumbServer,
        Some(Cutoff::Connect(reason)) => FetchError::Network(reason),
        None => {
            let message = error.message().to_string();
            let lower = message.to_lowercase();
            if error.code() == git2::ErrorCode::NotFound
                || lower.contains("not found")
                || lower.contains("not exported")
                || lower.contains("does not exist")
                || lower.contains("could not find repository")
            {
                FetchError::NotFound(message)
            } else {
                FetchError::Git(message.chars().take(300).collect())
            }
        }
    }
}

fn refs_digest(repo: &Repository, head: &str) -> String {
    let mut refs: Vec<String> = repo
        .references()
        .map(|refs| {
            refs.flatten()
                .filter_map(|r| Some(format!("{} {}", r.name()?, r.target()?)))
                .collect()
        })
        .unwrap_or_default();
    refs.sort();
    let mut hasher = Sha256::new();
    hasher.update(format!("HEAD {head}\n"));
    for r in refs {
        hasher.update(r);
        hasher.update("\n");
    }
    hex::encode(hasher.finalize())
}

fn remove_temporary_packs(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path.join("objects/pack")) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with("tmp_") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Bytes on disk under `path`.
pub fn disk_size(path: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            match entry.metadata() {
                Ok(m) if m.is_dir() => stack.push(entry.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}
