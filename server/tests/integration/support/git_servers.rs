//! Real Git servers on loopback for the mirror tests: `git daemon`, and
//! smart HTTP through `git http-backend` run as CGI behind a small axum
//! server that can also redirect to another host name or stall mid-pack.
//! Repositories are written with `git fast-import`, as the command line
//! would.

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::os::unix::process::CommandExt;
use std::path::{Path as FsPath, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

pub struct GitServers {
    pub root: tempfile::TempDir,
    pub http_port: u16,
    pub daemon_port: u16,
    daemon: std::process::Child,
}

impl Drop for GitServers {
    /// `git daemon` runs `git-daemon` as a child, which forks per
    /// connection: the whole process group goes, not just the wrapper.
    fn drop(&mut self) {
        super::stop_group(self.daemon.id());
        let _ = self.daemon.wait();
    }
}

/// A port nobody listens on (for servers that bind it themselves).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl GitServers {
    pub async fn start() -> GitServers {
        let root = tempfile::tempdir().unwrap();
        let daemon_port = free_port();
        let daemon = Command::new("git")
            .args(["daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1"])
            .arg(format!("--port={daemon_port}"))
            .arg(format!("--base-path={}", root.path().display()))
            .arg(root.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("git daemon starts");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let http_port = listener.local_addr().unwrap().port();
        let shared = Arc::new(root.path().to_path_buf());
        let app = axum::Router::new()
            .route("/git/{*rest}", axum::routing::any(cgi))
            .route("/stall/{*rest}", axum::routing::any(stall))
            .route("/redirect/{*rest}", axum::routing::any(redirect))
            .with_state((shared, http_port));
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", daemon_port)).is_ok() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        GitServers {
            root,
            http_port,
            daemon_port,
            daemon,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(format!("{name}.git"))
    }

    pub fn http_url(&self, name: &str) -> String {
        format!("http://127.0.0.1:{}/git/{name}.git", self.http_port)
    }

    pub fn git_url(&self, name: &str) -> String {
        format!("git://127.0.0.1:{}/{name}.git", self.daemon_port)
    }

    /// A new bare repository filled by a fast-import stream.
    pub fn create(&self, name: &str, stream: &str) -> PathBuf {
        let path = self.path(name);
        git(
            &["init", "--bare", "--initial-branch=main", path.to_str().unwrap()],
            None,
        );
        fast_import(&path, stream);
        path
    }
}

type Shared = (Arc<PathBuf>, u16);

async fn run_backend(
    root: &FsPath,
    method: &Method,
    path: &str,
    query: &str,
    headers: &HeaderMap,
    body: Bytes,
) -> Response {
    let mut child = tokio::process::Command::new("git")
        .arg("http-backend")
        .env("GIT_PROJECT_ROOT", root)
        .env("GIT_HTTP_EXPORT_ALL", "1")
        .env("REQUEST_METHOD", method.as_str())
        .env("PATH_INFO", format!("/{path}"))
        .env("QUERY_STRING", query)
        .env(
            "CONTENT_TYPE",
            headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or(""),
        )
        .env("CONTENT_LENGTH", body.len().to_string())
        .env("REMOTE_ADDR", "127.0.0.1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    {
        use tokio::io::AsyncWriteExt;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&body).await.unwrap();
    }
    let output = child.wait_with_output().await.unwrap();
    let out = output.stdout;
    let split = out
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| out.windows(2).position(|w| w == b"\n\n").map(|i| (i, i + 2)))
        .unwrap_or((out.len(), out.len()));
    let head = String::from_utf8_lossy(&out[..split.0]).to_string();
    let mut response = Response::builder();
    let mut status = StatusCode::OK;
    for line in head.lines() {
        let Some((k, v)) = line.split_once(':') else { continue };
        if k.eq_ignore_ascii_case("status") {
            status = v.trim()[..3].parse().unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        } else {
            response = response.header(k.trim(), v.trim());
        }
    }
    response
        .status(status)
        .body(Body::from(out[split.1..].to_vec()))
        .unwrap()
}

async fn cgi(
    State((root, _)): State<Shared>,
    method: Method,
    Path(rest): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    run_backend(&root, &method, &rest, &query.unwrap_or_default(), &headers, body).await
}

/// Serves the advertisement, then sends a little of the pack and stalls.
async fn stall(
    State((root, _)): State<Shared>,
    method: Method,
    Path(rest): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let response = run_backend(&root, &method, &rest, &query.unwrap_or_default(), &headers, body).await;
    if method != Method::POST {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let first = bytes.slice(..bytes.len().min(64));
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(first) }).chain(
        futures_util::stream::once(async {
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
            Ok(Bytes::new())
        }),
    );
    Response::from_parts(parts, Body::from_stream(stream))
}

/// Sends every request to the same port under another host name.
async fn redirect(State((_, port)): State<Shared>, Path(rest): Path<String>, RawQuery(query): RawQuery) -> Response {
    let q = query.map(|q| format!("?{q}")).unwrap_or_default();
    (
        StatusCode::FOUND,
        [("location", format!("http://localhost:{port}/git/{rest}{q}"))],
    )
        .into_response()
}

use futures_util::StreamExt;

pub fn git(args: &[&str], dir: Option<&FsPath>) -> String {
    let mut cmd = Command::new("git");
    if let Some(dir) = dir {
        cmd.arg("-C").arg(dir);
    }
    let out = cmd.args(args).output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn fast_import(repo: &FsPath, stream: &str) {
    use std::io::Write;
    let mut child = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["fast-import", "--quiet", "--force"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stream.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success(), "fast-import failed");
}

/// Builds fast-import streams: commits on `main` and tags.
pub struct History {
    out: String,
    mark: usize,
    continues: bool,
}

impl History {
    /// `continues`: the first commit builds on the existing `main`.
    pub fn new(continues: bool) -> History {
        History {
            out: String::new(),
            mark: 0,
            continues,
        }
    }

    fn data(&mut self, text: &[u8]) {
        self.out.push_str(&format!("data {}\n", text.len()));
        self.out.push_str(&String::from_utf8_lossy(text));
        self.out.push('\n');
    }

    /// A commit by `who` at `time` changing `files` ((path, mode, content)).
    pub fn commit(&mut self, who: (&str, &str), time: i64, message: &str, files: &[(&str, &str, &str)]) -> usize {
        self.mark += 1;
        self.out.push_str(&format!(
            "commit refs/heads/main\nmark :{}\nauthor {} <{}> {time} +0100\ncommitter {} <{}> {time} +0100\n",
            self.mark, who.0, who.1, who.0, who.1
        ));
        self.data(message.as_bytes());
        if self.mark == 1 && self.continues {
            self.out.push_str("from refs/heads/main^0\n");
        }
        for (path, mode, content) in files {
            self.out.push_str(&format!("M {mode} inline {path}\n"));
            self.data(content.as_bytes());
        }
        self.mark
    }

    pub fn tag(&mut self, name: &str, mark: usize, annotated: Option<(&str, i64)>) {
        match annotated {
            Some((message, time)) => {
                self.out.push_str(&format!(
                    "tag {name}\nfrom :{mark}\ntagger Rel Ease <rel@example.org> {time} +0000\n"
                ));
                self.data(message.as_bytes());
            }
            None => self.out.push_str(&format!("reset refs/tags/{name}\nfrom :{mark}\n\n")),
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}
