use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[error(
    "PostgreSQL's server programs (initdb, pg_ctl, postgres) were not found. \
     Install them, for example on Debian: `apt-get install postgresql` \
     (the project's `make run` does this when it runs as root), \
     or point ALLMENDE_PG_BIN at their directory, \
     or set DATABASE_URL to use an existing server"
)]
pub struct MissingBinaries;

/// The directory holding `initdb` and `pg_ctl`: `ALLMENDE_PG_BIN`, then the
/// newest `/usr/lib/postgresql/*/bin` (Debian keeps them off the PATH), then
/// the PATH.
pub fn find_bin_dir() -> Result<PathBuf, MissingBinaries> {
    let has_tools = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = std::env::var_os("ALLMENDE_PG_BIN").map(PathBuf::from) {
        return if has_tools(&dir) { Ok(dir) } else { Err(MissingBinaries) };
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, dir)| has_tools(dir))
        .collect();
    versions.sort();
    if let Some((_, dir)) = versions.pop() {
        return Ok(dir);
    }
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .find(|dir| has_tools(dir))
        .ok_or(MissingBinaries)
}
