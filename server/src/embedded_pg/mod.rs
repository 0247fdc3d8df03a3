//! A private PostgreSQL cluster for the embedded default: created with
//! `initdb` on first use, listening only on a Unix socket in a private
//! directory, started and stopped with `pg_ctl`.
//!
//! PostgreSQL refuses to run as root; as root, the server programs run as the
//! `postgres` user that Debian's packages create, and the cluster's files
//! belong to that user.

mod binaries;
mod cluster;

pub use binaries::{find_bin_dir, MissingBinaries};
pub use cluster::EmbeddedPostgres;
