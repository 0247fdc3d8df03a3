//! Test support: a real PostgreSQL database per test, cloned from one migrated
//! template, and the real HTTP stack served on a loopback port.
#![allow(dead_code)]

pub mod git_servers;
pub mod mail;
mod node_service;
pub mod oidc;
mod test_app;
mod test_db;

pub use node_service::NodeService;
pub use test_app::TestApp;
pub use test_db::TestDb;
