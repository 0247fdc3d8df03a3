//! The git protocol (`git daemon`, port 9418) over a plain TCP connection to
//! a checked address. It is stateful: the advertisement and the pack share
//! one connection.

use super::context::{Cutoff, JobContext};
use git2::transport::{Service, SmartSubtransport, SmartSubtransportStream};
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use url::Url;

pub struct GitSubtransport {
    ctx: Arc<JobContext>,
    stream: Mutex<Option<TcpStream>>,
}

impl GitSubtransport {
    pub fn new(ctx: Arc<JobContext>) -> GitSubtransport {
        GitSubtransport {
            ctx,
            stream: Mutex::new(None),
        }
    }

    fn connect(&self, url: &str) -> io::Result<TcpStream> {
        let url = Url::parse(url).map_err(io::Error::other)?;
        if url.host_str() != self.ctx.target.url.host_str() || url.port() != self.ctx.target.url.port() {
            return Err(self
                .ctx
                .cut(Cutoff::Redirect(url.host_str().unwrap_or_default().to_string())));
        }
        let mut last = None;
        for address in &self.ctx.target.addresses {
            let wait = self.ctx.remaining()?.min(self.ctx.limits.connect_timeout);
            match TcpStream::connect_timeout(address, wait) {
                Ok(mut stream) => {
                    stream.set_nodelay(true)?;
                    stream.set_write_timeout(Some(self.ctx.limits.stall_timeout))?;
                    let host = match url.port() {
                        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
                        None => url.host_str().unwrap_or_default().to_string(),
                    };
                    let path = percent_decode(url.path());
                    let request = format!("git-upload-pack {path}\0host={host}\0");
                    write!(stream, "{:04x}{request}", request.len() + 4)?;
                    return Ok(stream);
                }
                Err(e) => last = Some(e),
            }
        }
        let reason = last.map(|e| e.to_string()).unwrap_or_default();
        Err(self.ctx.cut(Cutoff::Connect(reason)))
    }
}

fn percent_decode(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned()
}

impl SmartSubtransport for GitSubtransport {
    fn action(&self, url: &str, action: Service) -> Result<Box<dyn SmartSubtransportStream>, git2::Error> {
        let to_git = |e: io::Error| git2::Error::from_str(&e.to_string());
        let mut slot = self.stream.lock().map_err(|_| git2::Error::from_str("poisoned"))?;
        match action {
            Service::UploadPackLs => {
                let stream = self.connect(url).map_err(to_git)?;
                *slot = Some(stream.try_clone().map_err(to_git)?);
                Ok(Box::new(Limited {
                    ctx: self.ctx.clone(),
                    stream,
                }))
            }
            Service::UploadPack => {
                let stream = match slot.as_ref() {
                    Some(s) => s.try_clone().map_err(to_git)?,
                    None => self.connect(url).map_err(to_git)?,
                };
                Ok(Box::new(Limited {
                    ctx: self.ctx.clone(),
                    stream,
                }))
            }
            Service::ReceivePackLs | Service::ReceivePack => Err(git2::Error::from_str("mirrors never push")),
        }
    }

    fn close(&self) -> Result<(), git2::Error> {
        if let Ok(mut slot) = self.stream.lock() {
            if let Some(s) = slot.take() {
                let _ = s.shutdown(std::net::Shutdown::Both);
            }
        }
        Ok(())
    }
}

struct Limited {
    ctx: Arc<JobContext>,
    stream: TcpStream,
}

impl Read for Limited {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let (wait, reason) = self.ctx.read_wait()?;
        self.stream.set_read_timeout(Some(wait))?;
        match self.stream.read(buf) {
            Ok(n) => {
                self.ctx.count(n)?;
                Ok(n)
            }
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                Err(self.ctx.cut(reason))
            }
            Err(e) => Err(e),
        }
    }
}

impl Write for Limited {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.stream.write(data)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}
