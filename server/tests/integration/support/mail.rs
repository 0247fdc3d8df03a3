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
}

impl MailServer {
    pub async fn start() -> MailServer {
        let service = NodeService::start("smtp-sink.mjs", &[]).await;
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

    /// The first link into Allmende in the latest mail to `to`.
    pub async fn link_to(&self, to: &str, path: &str) -> String {
        let mails = self.mails_to(to).await;
        let mail = mails.last().unwrap_or_else(|| panic!("no mail to {to}"));
        mail.text
            .split_whitespace()
            .find(|word| word.starts_with("http") && word.contains(path))
            .unwrap_or_else(|| panic!("no {path} link in {:?}", mail.text))
            .to_owned()
    }
}
