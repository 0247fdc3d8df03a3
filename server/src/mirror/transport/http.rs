//! Smart HTTP (the protocol `git http-backend`, GitHub, GitLab and Gitea
//! speak) over reqwest, pinned to the addresses the policy checked. Redirects
//! are followed only within the same scheme, host and port; every read is
//! bounded by the stall time-out, the job's deadline and its byte budget.

use super::context::{Cutoff, JobContext};
use git2::transport::{Service, SmartSubtransport, SmartSubtransportStream};
use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex};
use url::Url;

const MAX_REDIRECTS: usize = 5;

pub struct HttpSubtransport {
    ctx: Arc<JobContext>,
    client: reqwest::Client,
    /// The repository URL after redirects, for the POSTs that follow.
    base: Mutex<Option<Url>>,
}

impl HttpSubtransport {
    pub fn new(ctx: Arc<JobContext>) -> Result<HttpSubtransport, git2::Error> {
        let host = ctx
            .target
            .url
            .host_str()
            .unwrap_or_default()
            .trim_matches(['[', ']'])
            .to_string();
        let client = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(ctx.limits.connect_timeout)
            .user_agent(concat!("git/2.0 (Allmende ", env!("CARGO_PKG_VERSION"), ")"))
            .resolve_to_addrs(&host, &ctx.target.addresses)
            .build()
            .map_err(|e| git2::Error::from_str(&format!("http client: {e}")))?;
        Ok(HttpSubtransport {
            ctx,
            client,
            base: Mutex::new(None),
        })
    }

    fn same_origin(&self, url: &Url) -> bool {
        let target = &self.ctx.target.url;
        url.scheme() == target.scheme()
            && url.host_str().map(str::to_ascii_lowercase) == target.host_str().map(str::to_ascii_lowercase)
            && url.port_or_known_default() == target.port_or_known_default()
    }

    fn advertise(&self, url: &str) -> io::Result<Body> {
        let mut next = Url::parse(&format!(
            "{}/info/refs?service=git-upload-pack",
            url.trim_end_matches('/')
        ))
        .map_err(io::Error::other)?;
        for _ in 0..=MAX_REDIRECTS {
            if !self.same_origin(&next) {
                return Err(self
                    .ctx
                    .cut(Cutoff::Redirect(next.host_str().unwrap_or_default().to_string())));
            }
            let response = self.send(self.client.get(next.clone()))?;
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .ok_or_else(|| self.ctx.cut(Cutoff::HttpStatus(status.as_u16())))?;
                next = next.join(location).map_err(io::Error::other)?;
                continue;
            }
            check_status(&self.ctx, status)?;
            let content_type = response
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if content_type != "application/x-git-upload-pack-advertisement" {
                return Err(self.ctx.cut(Cutoff::DumbServer));
            }
            let mut base = next.clone();
            base.set_query(None);
            let path = base.path().trim_end_matches("/info/refs").to_string();
            base.set_path(&path);
            if let Ok(mut slot) = self.base.lock() {
                *slot = Some(base);
            }
            return Ok(Body::new(self.ctx.clone(), response));
        }
        Err(self.ctx.cut(Cutoff::HttpStatus(310)))
    }

    fn send(&self, request: reqwest::RequestBuilder) -> io::Result<reqwest::Response> {
        let (wait, reason) = self.ctx.read_wait()?;
        let wait = wait.min(self.ctx.limits.connect_timeout + self.ctx.limits.stall_timeout);
        match self
            .ctx
            .runtime
            .block_on(async { tokio::time::timeout(wait, request.send()).await })
        {
            Err(_) => Err(self.ctx.cut(reason)),
            Ok(Err(e)) if e.is_timeout() => Err(self.ctx.cut(Cutoff::TimedOut)),
            Ok(Err(e)) => Err(self.ctx.cut(Cutoff::Connect(short_error(&e)))),
            Ok(Ok(response)) => Ok(response),
        }
    }
}

fn short_error(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = s.to_string();
        source = s.source();
    }
    text.chars().take(200).collect()
}

fn check_status(ctx: &JobContext, status: reqwest::StatusCode) -> io::Result<()> {
    match status.as_u16() {
        200..=299 => Ok(()),
        // Forges answer 401/403 for repositories that are gone or private.
        401 | 403 | 404 | 410 => Err(ctx.cut(Cutoff::NotFound(status.as_u16()))),
        other => Err(ctx.cut(Cutoff::HttpStatus(other))),
    }
}

impl SmartSubtransport for HttpSubtransport {
    fn action(&self, url: &str, action: Service) -> Result<Box<dyn SmartSubtransportStream>, git2::Error> {
        let io_error = |e: io::Error| git2::Error::from_str(&e.to_string());
        match action {
            Service::UploadPackLs => Ok(Box::new(Stream::Reading(self.advertise(url).map_err(io_error)?))),
            Service::UploadPack => {
                let base = self
                    .base
                    .lock()
                    .ok()
                    .and_then(|b| b.clone())
                    .ok_or_else(|| git2::Error::from_str("upload-pack before the advertisement"))?;
                let url = Url::parse(&format!("{}/git-upload-pack", base.as_str().trim_end_matches('/')))
                    .map_err(|e| git2::Error::from_str(&e.to_string()))?;
                Ok(Box::new(Stream::Writing {
                    ctx: self.ctx.clone(),
                    client: self.client.clone(),
                    url,
                    request: Vec::new(),
                }))
            }
            Service::ReceivePackLs | Service::ReceivePack => Err(git2::Error::from_str("mirrors never push")),
        }
    }

    fn close(&self) -> Result<(), git2::Error> {
        Ok(())
    }
}

/// A response body read chunk by chunk under the job's limits.
struct Body {
    ctx: Arc<JobContext>,
    response: reqwest::Response,
    pending: bytes::Bytes,
}

impl Body {
    fn new(ctx: Arc<JobContext>, response: reqwest::Response) -> Body {
        Body {
            ctx,
            response,
            pending: bytes::Bytes::new(),
        }
    }
}

impl Read for Body {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            let (wait, reason) = self.ctx.read_wait()?;
            let chunk = self
                .ctx
                .runtime
                .block_on(async { tokio::time::timeout(wait, self.response.chunk()).await });
            match chunk {
                Err(_) => return Err(self.ctx.cut(reason)),
                Ok(Err(e)) => return Err(self.ctx.cut(Cutoff::Connect(short_error(&e)))),
                Ok(Ok(None)) => return Ok(0),
                Ok(Ok(Some(bytes))) => {
                    self.ctx.count(bytes.len())?;
                    self.pending = bytes;
                }
            }
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending = self.pending.slice(n..);
        Ok(n)
    }
}

enum Stream {
    Reading(Body),
    /// Collects the request until libgit2 starts reading the answer.
    Writing {
        ctx: Arc<JobContext>,
        client: reqwest::Client,
        url: Url,
        request: Vec<u8>,
    },
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Stream::Writing {
            ctx,
            client,
            url,
            request,
        } = self
        {
            let builder = client
                .post(url.clone())
                .header(reqwest::header::CONTENT_TYPE, "application/x-git-upload-pack-request")
                .header(reqwest::header::ACCEPT, "application/x-git-upload-pack-result")
                .body(std::mem::take(request));
            let sender = HttpSubtransport {
                ctx: ctx.clone(),
                client: client.clone(),
                base: Mutex::new(None),
            };
            let response = sender.send(builder)?;
            check_status(ctx, response.status())?;
            *self = Stream::Reading(Body::new(ctx.clone(), response));
        }
        match self {
            Stream::Reading(body) => body.read(buf),
            Stream::Writing { .. } => unreachable!("replaced above"),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Writing { request, .. } if request.len() + data.len() <= 64 << 20 => {
                request.extend_from_slice(data);
                Ok(data.len())
            }
            Stream::Writing { .. } => Err(io::Error::other("negotiation request too large")),
            Stream::Reading(_) => Err(io::Error::other("the response is being read")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
