use super::find_bin_dir;
use anyhow::{bail, Context};
use std::{
    hash::{DefaultHasher, Hash, Hasher},
    path::{Path, PathBuf},
    process::Command,
};

/// The superuser the cluster is created with; the socket is private, so it
/// authenticates by trust.
const SUPERUSER: &str = "allmende";
/// The account PostgreSQL runs as when we are root.
const SERVICE_USER: &str = "postgres";

#[derive(Debug, Clone)]
pub struct EmbeddedPostgres {
    data_dir: PathBuf,
    socket_dir: PathBuf,
    bin_dir: PathBuf,
    run_as: Option<nix::unistd::User>,
}

impl EmbeddedPostgres {
    /// A cluster whose files live in `dir` (created if needed).
    pub fn new(dir: &Path) -> anyhow::Result<EmbeddedPostgres> {
        let bin_dir = find_bin_dir()?;
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let data_dir = std::fs::canonicalize(dir)?;
        let run_as = if nix::unistd::geteuid().is_root() {
            Some(
                nix::unistd::User::from_name(SERVICE_USER)?
                    .context("running as root, but there is no `postgres` user to run PostgreSQL as")?,
            )
        } else {
            None
        };
        // Unix socket paths are limited to about 100 bytes, so the socket lives in
        // a short private directory named after the cluster instead of inside it.
        let mut hasher = DefaultHasher::new();
        data_dir.hash(&mut hasher);
        let socket_dir = std::env::temp_dir().join(format!("allmende-pg-{:016x}", hasher.finish()));
        Ok(EmbeddedPostgres {
            data_dir,
            socket_dir,
            bin_dir,
            run_as,
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Creates the cluster on first use, then starts it unless it runs already.
    /// Returns whether this call started it (and so should stop it).
    pub fn start(&self) -> anyhow::Result<bool> {
        self.prepare_directories()?;
        if !self.data_dir.join("PG_VERSION").exists() {
            self.initdb()?;
        }
        if self.is_running() {
            return Ok(false);
        }
        let options = format!(
            "-c listen_addresses='' -k {} -c unix_socket_permissions=0700 -c fsync=off -c full_page_writes=off",
            self.socket_dir.display()
        );
        let log = self.data_dir.join("postgres.log");
        self.run(
            "pg_ctl",
            &[
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                path(&self.data_dir),
                "-l",
                path(&log),
                "-o",
                &options,
            ],
        )
        .with_context(|| format!("starting PostgreSQL (its log: {})", log.display()))?;
        Ok(true)
    }

    /// Stops the cluster (fast shutdown: open sessions are ended, data is safe).
    pub fn stop(&self) -> anyhow::Result<()> {
        if self.is_running() {
            self.run("pg_ctl", &["stop", "-w", "-m", "fast", "-D", path(&self.data_dir)])?;
        }
        Ok(())
    }

    pub fn is_running(&self) -> bool {
        self.command("pg_ctl", &["status", "-D", path(&self.data_dir)])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    }

    /// Connection URL for `database` over the private socket.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://{SUPERUSER}@localhost/{database}?host={}",
            self.socket_dir.display()
        )
    }

    fn prepare_directories(&self) -> anyhow::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(&self.socket_dir)?;
        std::fs::set_permissions(&self.socket_dir, std::fs::Permissions::from_mode(0o700))?;
        std::fs::set_permissions(&self.data_dir, std::fs::Permissions::from_mode(0o700))?;
        if let Some(user) = &self.run_as {
            for dir in [&self.socket_dir, &self.data_dir] {
                nix::unistd::chown(dir.as_path(), Some(user.uid), Some(user.gid))?;
            }
            let probe = self.command("test", &["-w", path(&self.data_dir)]).status()?;
            if !probe.success() {
                bail!(
                    "the `postgres` user cannot reach {}: a parent directory is closed to it. \
                     Set ALLMENDE_DATA_DIR to a directory outside it, or set DATABASE_URL",
                    self.data_dir.display()
                );
            }
        }
        Ok(())
    }

    fn initdb(&self) -> anyhow::Result<()> {
        self.run(
            "initdb",
            &[
                "-D",
                path(&self.data_dir),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        )
        .context("creating the PostgreSQL cluster with initdb")
    }

    fn command(&self, program: &str, args: &[&str]) -> Command {
        let program = if program == "test" {
            PathBuf::from("test")
        } else {
            self.bin_dir.join(program)
        };
        let mut command = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", &user.name, "--"]).arg(&program);
                c
            }
            None => Command::new(&program),
        };
        command.args(args).current_dir(&self.data_dir);
        command
    }

    fn run(&self, program: &str, args: &[&str]) -> anyhow::Result<()> {
        let output = self
            .command(program, args)
            .output()
            .with_context(|| format!("running {program}"))?;
        if !output.status.success() {
            bail!(
                "{program} failed ({}): {}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout).trim(),
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(())
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}
