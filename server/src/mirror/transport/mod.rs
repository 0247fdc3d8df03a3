//! Our own transports for `https://`, `http://` and `git://`, registered in
//! libgit2 in place of its built-in ones, so that every connection goes to
//! an address the policy checked and obeys the job's limits. `file://`
//! stays libgit2's (the policy confines it to the operator's directories).

mod context;
mod git;
mod http;

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
        for prefix in ["git", "ssh", "git+ssh", "ssh+git"] {
            // SAFETY: as above.
            unsafe {
                git2::transport::register(prefix, move |remote| {
                    let ctx = JobContext::current().ok_or_else(no_context)?;
                    if ctx.target.url.scheme() != "git" {
                        return Err(git2::Error::from_str("this transport is not available"));
                    }
                    Transport::smart(remote, false, git::GitSubtransport::new(ctx))
                })
                .expect("registering the git transport");
            }
        }
    });
}

fn no_context() -> git2::Error {
    git2::Error::from_str("network fetches run only inside a mirror job")
}
