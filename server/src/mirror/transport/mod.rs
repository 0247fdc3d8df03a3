//! Our own transports for `https://`, `http://`, `git://` and `ssh://`, registered in
//! libgit2 in place of its built-in ones, so that every connection goes to
//! an address the policy checked and obeys the job's limits. `file://`
//! stays libgit2's (the policy confines it to the operator's directories).

mod context;
mod git;
mod http;
mod ssh;

pub use context::{Cutoff, JobContext, Limits};

use git2::transport::Transport;
use std::sync::Once;

static REGISTER: Once = Once::new();

/// Registers the transports once per process.
pub fn register() {
    REGISTER.call_once(|| {
        // libgit2 takes the scheme and appends "://" itself.
        for prefix in ["http", "https"] {
            // SAFETY: called once, before any fetch, under `Once`.
            unsafe {
                git2::transport::register(prefix, |remote| {
                    let ctx = JobContext::current().ok_or_else(no_context)?;
                    Transport::smart(remote, true, http::HttpSubtransport::new(ctx)?)
                })
                .expect("registering the http transport");
            }
        }
        // SAFETY: as above.
        unsafe {
            git2::transport::register("git", |remote| {
                let ctx = JobContext::current().ok_or_else(no_context)?;
                Transport::smart(remote, false, git::GitSubtransport::new(ctx))
            })
            .expect("registering the git transport");
        }
        for prefix in ["ssh", "git+ssh", "ssh+git"] {
            // SAFETY: as above.
            unsafe {
                git2::transport::register(prefix, |remote| {
                    let ctx = JobContext::current().ok_or_else(no_context)?;
                    let command = ctx.ssh_command.clone();
                    Transport::smart(remote, false, ssh::SshSubtransport::new(ctx, command))
                })
                .expect("registering the ssh transport");
            }
        }
    });
}

fn no_context() -> git2::Error {
    git2::Error::from_str("network fetches run only inside a mirror job")
}
