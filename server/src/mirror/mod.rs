//! Git mirroring: repositories registered by publishers are mirrored as
//! bare repositories with git2, synced by workers from a PostgreSQL queue,
//! and read for the figures, health and publiccode.yml the catalog shows.
//!
//! - [`policy`]: which URLs may be fetched (schemes, resolved addresses).
//! - [`transport`]: our http(s) and git transports, pinned and limited.
//! - [`fetch`]: clone and incremental fetch, nothing half-written.
//! - [`extract`] and [`health`]: pure reads of a mirror.
//! - [`limits`]: every fixed bound on what a repository may make a sync do.
//! - [`queue`], [`worker`], [`sync`]: the jobs.
//! - [`registration`], [`reads`], [`webhooks`]: what people and forges call.

pub mod extract;
pub mod fetch;
pub mod forge;
pub mod health;
pub mod limits;
pub mod policy;
pub mod queue;
pub mod reads;
pub mod registration;
mod service;
pub mod sync;
pub mod transport;
pub mod webhooks;
pub mod worker;

use crate::catalog::Catalog;
use crate::config::MirrorSettings;
use crate::kernel::RepositoryId;
use sea_orm::DatabaseConnection;
use std::path::PathBuf;
use std::sync::Arc;

/// Bumped when extraction changes, so that unchanged repositories are read again.
pub const EXTRACTOR_VERSION: i32 = 2;

#[derive(Clone)]
pub struct Mirror {
    pub db: DatabaseConnection,
    pub settings: Arc<MirrorSettings>,
    pub catalog: Arc<Catalog>,
    /// Base URL for webhook addresses shown to publishers.
    pub origin: String,
}

impl Mirror {
    /// Where the bare repository of `id` lives.
    pub fn path_of(&self, id: RepositoryId) -> PathBuf {
        self.settings.dir.join(format!("{id}.git"))
    }
}
