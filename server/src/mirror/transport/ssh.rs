//! The ssh transport, for operators who enable it: the system's `ssh`
//! (or `ALLMENDE_MIRROR_SSH_COMMAND`) runs `git-upload-pack` on the server,
//! as git itself does. It connects to the address the policy checked, with
//! the URL's host as `HostKeyAlias` (so `known_hosts` is matched by name),
//! in batch mode (no prompts: an unknown host key fails). Reads wait with
//! `poll` under the job's stall time-out and deadline; the child is killed
//! when either passes or the byte budget runs out.

use super::context::{Cutoff, JobContext};
use git2::transport::{Service, SmartSubtransport, SmartSubtransportStream};
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use url::Url;

pub struct SshSubtransport {
    ctx: Arc<JobContext>,
    command: String,
    session: Mutex<Option<Session>>,
}

#[derive(Clone)]
struct Session {
    child: Arc<Mutex<Child>>,
    stdin: Arc<Mutex<ChildStdin>>,
    stdout: Arc<Mutex<ChildStdout>>,
}

/// Quotes for the remote shell, as git does.
fn quote(path: &str) -> String {
    format!("'{}'", path.replace('\'', "'\\''"))
}

impl SshSubtransport {
    pub fn new(ctx: Arc<JobContext>, command: String) -> SshSubtransport {
        SshSubtransport {
            ctx,
            command,
            session: Mutex::new(None),
        }
    }

    fn start(&self, url: &str) -> io::Result<Session> {
        let url = Url::parse(url).map_err(io::Error::other)?;
        let target = &self.ctx.target;
        if url.host_str() != target.url.host_str() || url.port() != target.url.port() {
            return Err(self
                .ctx
                .cut(Cutoff::Redirect(url.host_str().unwrap_or_default().to_string())));
        }
        let address = target
            .addresses
            .first()
            .ok_or_else(|| self.ctx.cut(Cutoff::Connect("no address".into())))?;
        let user = if url.username().is_empty() {
            "git"
        } else {
            url.username()
        };
        let path = percent_encoding::percent_decode_str(url.path())
            .decode_utf8_lossy()
            .into_owned();
        let connect = self.ctx.limits.connect_timeout.as_secs().max(1);
        let mut child = Command::new(&self.command)
            .args(["-o", "BatchMode=yes", "-o", &format!("ConnectTimeout={connect}")])
            .args(["-o", &format!("HostKeyAlias={}", target.host.trim_matches(['[', ']']))])
            .args(["-p", &address.port().to_string(), "-l", user, "--"])
            .arg(address.ip().to_string())
            .arg(format!("git-upload-pack {}", quote(&path)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| self.ctx.cut(Cutoff::Connect(format!("{}: {e}", self.command))))?;
        let stdin = child.stdin.take().ok_or_else(|| io::Error::other("no stdin"))?;
        let stdout = child.stdout.take().ok_or_else(|| io::Error::other("no stdout"))?;
        Ok(Session {
            child: Arc::new(Mutex::new(child)),
            stdin: Arc::new(Mutex::new(stdin)),
            stdout: Arc::new(Mutex::new(stdout)),
        })
    }
}

impl SmartSubtransport for SshSubtransport {
    fn action(&self, url: &str, action: Service) -> Result<Box<dyn SmartSubtransportStream>, git2::Error> {
        let to_git = |e: io::Error| git2::Error::from_str(&e.to_string());
        let mut slot = self.session.lock().map_err(|_| git2::Error::from_str("poisoned"))?;
        let session = match (action, slot.as_ref()) {
            (Service::UploadPack, Some(existing)) => existing.clone(),
            (Service::UploadPackLs | Service::UploadPack, _) => {
                let started = self.start(url).map_err(to_git)?;
                *slot = Some(started.clone());
                started
            }
            (Service::ReceivePackLs | Service::ReceivePack, _) => {
                return Err(git2::Error::from_str("mirrors never push"))
            }
        };
        Ok(Box::new(SshStream {
            ctx: self.ctx.clone(),
            session,
        }))
    }

    fn close(&self) -> Result<(), git2::Error> {
        if let Ok(mut slot) = self.session.lock() {
            if let Some(session) = slot.take() {
                session.kill();
            }
        }
        Ok(())
    }
}

impl Session {
    fn kill(&self) {
        if let Ok(mut child) = self.child.lock() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

struct SshStream {
    ctx: Arc<JobContext>,
    session: Session,
}

impl Read for SshStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let (wait, reason) = match self.ctx.read_wait() {
            Ok(w) => w,
            Err(e) => {
                self.session.kill();
                return Err(e);
            }
        };
        let mut stdout = self.session.stdout.lock().map_err(|_| io::Error::other("poisoned"))?;
        let mut poll = libc::pollfd {
            fd: stdout.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let millis = wait.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd for the duration of the call.
        let ready = unsafe { libc::poll(&mut poll, 1, millis) };
        if ready < 0 {
            return Err(io::Error::last_os_error());
        }
        if ready == 0 {
            drop(stdout);
            self.session.kill();
            return Err(self.ctx.cut(reason));
        }
        let n = stdout.read(buf)?;
        if let Err(e) = self.ctx.count(n) {
            drop(stdout);
            self.session.kill();
            return Err(e);
        }
        Ok(n)
    }
}

impl Write for SshStream {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.session
            .stdin
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .write(data)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.session
            .stdin
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .flush()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_are_quoted_for_the_remote_shell() {
        assert_eq!(super::quote("/srv/it's.git"), r"'/srv/it'\''s.git'");
    }
}
