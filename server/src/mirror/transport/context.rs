//! The limits of the fetch running on this thread. libgit2 calls our
//! transports synchronously on the thread that started the fetch, so a
//! thread-local hands them the job's checked target, deadline and byte
//! budget; a transport created without one refuses to connect.

use super::super::policy::Target;
use std::cell::RefCell;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub connect_timeout: Duration,
    /// Longest wait for the next bytes from the server.
    pub stall_timeout: Duration,
    /// The whole job (all transfers) ends at this instant.
    pub deadline: Instant,
    /// Bytes this transfer may receive.
    pub max_bytes: u64,
}

/// Why a transfer was cut off; read by the fetch after libgit2 returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cutoff {
    TimedOut,
    Stalled,
    TooLarge,
    Redirect(String),
    NotFound(u16),
    HttpStatus(u16),
    DumbServer,
    Connect(String),
}

pub struct JobContext {
    pub target: Target,
    pub limits: Limits,
    /// The program the ssh transport runs.
    pub ssh_command: String,
    pub runtime: tokio::runtime::Handle,
    received: AtomicU64,
    cutoff: Mutex<Option<Cutoff>>,
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<JobContext>>> = const { RefCell::new(None) };
}

impl JobContext {
    pub fn new(
        target: Target,
        limits: Limits,
        ssh_command: String,
        runtime: tokio::runtime::Handle,
    ) -> Arc<JobContext> {
        Arc::new(JobContext {
            target,
            limits,
            ssh_command,
            runtime,
            received: AtomicU64::new(0),
            cutoff: Mutex::new(None),
        })
    }

    /// Makes this context the current one until the guard drops.
    pub fn enter(self: &Arc<Self>) -> Entered {
        CURRENT.with(|c| *c.borrow_mut() = Some(self.clone()));
        Entered
    }

    pub fn current() -> Option<Arc<JobContext>> {
        CURRENT.with(|c| c.borrow().clone())
    }

    pub fn received(&self) -> u64 {
        self.received.load(Ordering::Relaxed)
    }

    pub fn cutoff(&self) -> Option<Cutoff> {
        self.cutoff.lock().map(|c| c.clone()).unwrap_or(None)
    }

    /// Records why the transfer stops (the first reason wins) and returns
    /// the error to hand libgit2.
    pub fn cut(&self, reason: Cutoff) -> io::Error {
        if let Ok(mut slot) = self.cutoff.lock() {
            slot.get_or_insert(reason.clone());
        }
        io::Error::other(format!("transfer stopped: {reason:?}"))
    }

    /// Time left before the deadline, or the cut-off error.
    pub fn remaining(&self) -> io::Result<Duration> {
        self.limits
            .deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| self.cut(Cutoff::TimedOut))
    }

    /// How long the next read may wait: the stall time-out, or less if the
    /// deadline is nearer. Tells which of the two fired.
    pub fn read_wait(&self) -> io::Result<(Duration, Cutoff)> {
        let remaining = self.remaining()?;
        Ok(if remaining < self.limits.stall_timeout {
            (remaining, Cutoff::TimedOut)
        } else {
            (self.limits.stall_timeout, Cutoff::Stalled)
        })
    }

    /// Counts received bytes against the budget.
    pub fn count(&self, n: usize) -> io::Result<()> {
        let total = self.received.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
        if total > self.limits.max_bytes {
            return Err(self.cut(Cutoff::TooLarge));
        }
        Ok(())
    }
}

pub struct Entered;

impl Drop for Entered {
    fn drop(&mut self) {
        CURRENT.with(|c| *c.borrow_mut() = None);
    }
}
