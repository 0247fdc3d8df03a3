use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// A helper server from `e2e/support/` (a real OpenID provider, a real SMTP
/// server), run with Node for the length of one test.
pub struct NodeService {
    pub ready: serde_json::Value,
    child: Child,
}

impl Drop for NodeService {
    /// Node and anything it started go together (their own process group).
    fn drop(&mut self) {
        if let Some(pid) = self.child.id() {
            super::stop_group(pid);
        }
    }
}

impl NodeService {
    /// Starts `e2e/support/<script>` and waits for the JSON line it prints
    /// once it listens.
    pub async fn start(script: &str, env: &[(&str, String)]) -> NodeService {
        let path = format!("{}/../e2e/support/{script}", env!("CARGO_MANIFEST_DIR"));
        let mut command = Command::new("node");
        command
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .kill_on_drop(true);
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("node {path}: {e} (run `npm ci` first)"));
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = tokio::time::timeout(std::time::Duration::from_secs(20), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) {
                    return value;
                }
            }
            panic!("{script} ended before it was ready");
        })
        .await
        .unwrap_or_else(|_| panic!("{script} did not start within 20 s"));
        // Keep reading, so that later output never meets a closed pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        NodeService { ready, child }
    }
}
