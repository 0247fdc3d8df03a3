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

/// Ends a server a test started, with everything it started in turn: the
/// server runs as the leader of its own process group (`process_group(0)`),
/// so the group's id is its pid. The test command fails when a run leaves
/// any process behind (`.ci/leftovers.sh`).
pub fn stop_group(pid: u32) {
    let group = nix::unistd::Pid::from_raw(pid as i32);
    let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL);
}
