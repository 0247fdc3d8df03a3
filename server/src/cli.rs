//! The `allmende` command line.

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "allmende",
    version,
    about = "Allmende: share and reuse public-sector software"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (and, with no DATABASE_URL, run a private PostgreSQL).
    Serve,
    /// Apply, revert or list database migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Take repository sync jobs from the queue (run as many as you like;
    /// one of them also schedules the hourly re-syncs).
    Worker,
    /// Insert the demo data (idempotent: existing rows are kept).
    Seed,
    /// Catalog maintenance.
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// Reuse agreements.
    Reuse {
        #[command(subcommand)]
        action: ReuseAction,
    },
    /// Notification mail.
    Notifications {
        #[command(subcommand)]
        action: NotificationsAction,
    },
    /// Mirror one repository into DIR and print what a sync reads, with
    /// timings (benchmarks; no database; loopback and local paths allowed).
    #[command(name = "mirror-once", hide = true)]
    MirrorOnce {
        url: String,
        #[arg(long)]
        dir: std::path::PathBuf,
    },
    /// Check publiccode.yml files (no database or configuration needed).
    Publiccode {
        #[command(subcommand)]
        action: PubliccodeAction,
    },
    /// Fuzz the Markdown renderer of posts for SECONDS with mutated XSS
    /// payloads; exits 1 on a panic, a hang, or markup that is not
    /// harmless, and saves the input that caused it under ARTIFACTS.
    #[command(name = "markdown-fuzz", hide = true)]
    MarkdownFuzz {
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value = "target/fuzz-artifacts")]
        artifacts: std::path::PathBuf,
    },
    /// Manage the private PostgreSQL cluster used when DATABASE_URL is unset.
    #[command(name = "embedded-db")]
    EmbeddedDb {
        #[command(subcommand)]
        action: EmbeddedDbAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum MigrateAction {
    /// Apply all pending migrations.
    Up,
    /// Revert the last N migrations.
    Down {
        #[arg(long, default_value_t = 1)]
        steps: u32,
    },
    /// List migrations and whether they are applied.
    Status,
}

#[derive(Debug, Subcommand)]
pub enum EmbeddedDbAction {
    /// Start the cluster in DIR (creating it on first use) and print a
    /// connection URL for a server to test against. Uses DATABASE_URL or a
    /// server on 127.0.0.1:5432 instead when one is reachable.
    Up {
        #[arg(long)]
        dir: std::path::PathBuf,
        /// Always start the private cluster, even if another server is reachable.
        #[arg(long)]
        private: bool,
    },
    /// Create an empty database NAME on the server of ADMIN_URL (dropping an
    /// old one of that name) and print its URL. Used by the end-to-end tests.
    Fresh {
        #[arg(long)]
        admin_url: String,
        #[arg(long)]
        name: String,
    },
    /// Stop the cluster in DIR if it runs.
    Down {
        #[arg(long)]
        dir: std::path::PathBuf,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Lang {
    De,
    En,
}

#[derive(Debug, Subcommand)]
pub enum PubliccodeAction {
    /// Validate FILE ("-" reads standard input). Exit code 0 when valid, 1
    /// when not, 2 when the file cannot be read.
    Validate {
        file: std::path::PathBuf,
        /// Print the issues as a JSON array of {type, key, description, line, column}.
        #[arg(long)]
        json: bool,
        #[arg(long, value_enum, default_value = "de")]
        lang: Lang,
        /// Also check that the URLs in the file answer (off by default).
        #[arg(long)]
        network: bool,
    },
    /// Fuzz the parser with mutated files for SECONDS; exits 1 on a panic or
    /// a hang and saves the input that caused it under ARTIFACTS.
    #[command(hide = true)]
    Fuzz {
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value = "target/fuzz-artifacts")]
        artifacts: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReuseAction {
    /// Load a distribution key table (a new year's Königsteiner Schlüssel,
    /// a population table) from FILE; the format is described in
    /// app/data/distribution-keys/README.md. A table with the same name and
    /// year is replaced.
    #[command(name = "load-key")]
    LoadKey { file: std::path::PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum NotificationsAction {
    /// Send every queued digest now instead of at its slot (06:00 UTC
    /// daily, Mondays weekly), for operators on their own schedule.
    #[command(name = "send-digests")]
    SendDigests,
}

#[derive(Debug, Subcommand)]
pub enum CatalogAction {
    /// Add COUNT generated, valid entries (for benchmarks; 100000 is fine).
    Generate {
        #[arg(long)]
        count: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}
