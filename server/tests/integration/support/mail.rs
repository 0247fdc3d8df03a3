use super::NodeService;

/// A real SMTP server on loopback that keeps what it receives.
pub struct MailServer {
    pub smtp_port: u16,
    http_port: u16,
    _service: NodeService,
}

#[derive(Debug, serde::Deserialize)]
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    /// Raw header values by lower-case name.
    #[serde(default)]
    pub headers: std::collections::HashMap<String, String>,
}

impl MailServer {
    pub async fn start() -> MailServer {
        MailServer::start_on(0).await
    }

    /// On a given SMTP port (0: any free one), e.g. one the server was told
    /// about before this mail server came up.
    pub async fn start_on(smtp_port: u16) -> MailServer {
        let service = NodeService::start("smtp-sink.mjs", &[("SMTP_PORT", smtp_port.to_string())]).await;
        MailServer {
            smtp_port: service.ready["smtp"].as_u64().unwrap() as u16,
            http_port: service.ready["http"].as_u64().unwrap() as u16,
            _service: service,
        }
    }

    pub fn settings(&self) -> Vec<(String, String)> {
        vec![(
            "ALLMENDE_SMTP_URL".into(),
            format!("smtp://127.0.0.1:{}", self.smtp_port),
        )]
    }

    pub async fn mails_to(&self, to: &str) -> Vec<Mail> {
        reqwest::get(format!("http://127.0.0.1:{}/messages?to={to}", self.http_port))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// The mails to `to`, once there are at least `n` (waits up to 15 s).
    pub async fn wait_for(&self, to: &str, n: usize) -> Vec<Mail> {
        super::eventually(&format!("{n} mails to {to}"), async || {
            Some(self.mails_to(to).await).filter(|mails| mails.len() >= n)
        })
        .await
    }

    /// The first link to `path` in the latest mail to `to` that has one,
    /// waiting for it up to 15 s (mail goes out from the job queue, after
    /// the request's commit).
    pub async fn link_to(&self, to: &str, path: &str) -> String {
        super::eventually(&format!("a mail to {to} with a {path} link"), async || {
            self.mails_to(to).await.iter().rev().find_map(|mail| {
                mail.text
                    .split_whitespace()
                    .find(|word| word.starts_with("http") && word.contains(path))
                    .map(str::to_owned)
            })
        })
        .await
    }
}
