//! Test support: a real PostgreSQL database per test, cloned from one migrated
//! template, and the real HTTP stack served on a loopback port.
#![allow(dead_code)]

pub mod factories;
pub mod git_servers;
pub mod mail;
mod node_service;
pub mod oidc;
mod test_app;
mod test_db;

pub use node_service::NodeService;
pub use test_app::TestApp;
pub use test_db::TestDb;

/// Asks `check` every 50 ms until it gives a value, for up to 15 s (mail
/// and other jobs run after the request that queued them); panics with
/// `what` if it never does.
pub async fn eventually<T>(what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
    for _ in 0..300 {
        if let Some(value) = check().await {
            return value;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{what}: not within 15 s")
}

/// Ends a server a test started, with everything it started in turn: the
/// server runs as the leader of its own process group (`process_group(0)`),
/// so the group's id is its pid. The test command fails when a run leaves
/// any process behind (`.ci/leftovers.sh`).
pub fn stop_group(pid: u32) {
    let group = nix::unistd::Pid::from_raw(pid as i32);
    let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL);
}
