//! Push and tag notifications from forges, each repository with its own
//! secret: GitHub signs the body (`X-Hub-Signature-256: sha256=<hex>`),
//! Gitea and Forgejo too (`X-Gitea-Signature: <hex>`), GitLab sends the
//! secret itself (`X-Gitlab-Token`). Comparisons take constant time. Each
//! delivery's id (`X-GitHub-Delivery`, `X-Gitea-Delivery`,
//! `X-Forgejo-Delivery`, `X-Gitlab-Event-UUID`) is remembered for a week,
//! so a captured request sent again is ignored.

use crate::kernel::RepositoryId;
use hmac::{Hmac, Mac};
use http::HeaderMap;
use sha2::Sha256;
use subtle::ConstantTimeEq;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forge {
    GitHub,
    GitLab,
    Gitea,
}

impl Forge {
    pub fn name(self) -> &'static str {
        match self {
            Forge::GitHub => "github",
            Forge::GitLab => "gitlab",
            Forge::Gitea => "gitea",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A push or tag: sync now.
    Sync,
    /// Correctly signed, but nothing to do (a ping, an issue comment...).
    Ignore(String),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("no forge event header")]
    UnknownSender,
    #[error("signature or token missing")]
    Unsigned,
    #[error("signature or token does not match")]
    BadSignature,
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim)
}

fn hmac_matches(secret: &str, body: &[u8], hex_signature: &str) -> bool {
    let Ok(expected) = hex::decode(hex_signature) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return false;
    };
    mac.update(body);
    mac.verify_slice(&expected).is_ok()
}

/// Checks the request and says what it asks for.
pub fn verify(headers: &HeaderMap, body: &[u8], secret: &str) -> Result<(Forge, Verdict), Refused> {
    if let Some(event) = header(headers, "x-github-event") {
        let signature = header(headers, "x-hub-signature-256")
            .and_then(|s| s.strip_prefix("sha256="))
            .ok_or(Refused::Unsigned)?;
        if !hmac_matches(secret, body, signature) {
            return Err(Refused::BadSignature);
        }
        return Ok((Forge::GitHub, verdict(event, &["push", "create", "delete", "release"])));
    }
    if let Some(event) = header(headers, "x-gitea-event").or_else(|| header(headers, "x-forgejo-event")) {
        let signature = header(headers, "x-gitea-signature")
            .or_else(|| header(headers, "x-forgejo-signature"))
            .ok_or(Refused::Unsigned)?;
        if !hmac_matches(secret, body, signature) {
            return Err(Refused::BadSignature);
        }
        return Ok((Forge::Gitea, verdict(event, &["push", "create", "delete", "release"])));
    }
    if let Some(event) = header(headers, "x-gitlab-event") {
        let token = header(headers, "x-gitlab-token").ok_or(Refused::Unsigned)?;
        if !bool::from(token.as_bytes().ct_eq(secret.as_bytes())) {
            return Err(Refused::BadSignature);
        }
        return Ok((
            Forge::GitLab,
            verdict(event, &["Push Hook", "Tag Push Hook", "Release Hook"]),
        ));
    }
    Err(Refused::UnknownSender)
}

/// The forge's id of this delivery, if it sends one.
pub fn delivery_id(headers: &HeaderMap) -> Option<&str> {
    [
        "x-github-delivery",
        "x-gitea-delivery",
        "x-forgejo-delivery",
        "x-gitlab-event-uuid",
    ]
    .iter()
    .find_map(|name| header(headers, name))
    .filter(|id| !id.is_empty() && id.len() <= 200)
}

/// How long delivery ids are remembered.
const DELIVERIES_KEPT_DAYS: i32 = 7;

fn verdict(event: &str, syncing: &[&str]) -> Verdict {
    if syncing.contains(&event) {
        Verdict::Sync
    } else {
        Verdict::Ignore(event.chars().take(40).collect())
    }
}

/// The GitHub/Gitea signature of `body` (for tests and the e2e suite).
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn each_forge_is_verified_its_way() {
        let body = br#"{"ref":"refs/heads/main"}"#;
        let sig = sign("s3cret", body);
        let gh = headers(&[
            ("x-github-event", "push"),
            ("x-hub-signature-256", &format!("sha256={sig}")),
        ]);
        assert_eq!(verify(&gh, body, "s3cret"), Ok((Forge::GitHub, Verdict::Sync)));
        assert_eq!(verify(&gh, body, "other"), Err(Refused::BadSignature));
        assert_eq!(verify(&gh, b"tampered", "s3cret"), Err(Refused::BadSignature));
        let ping = headers(&[
            ("x-github-event", "ping"),
            ("x-hub-signature-256", &format!("sha256={sig}")),
        ]);
        assert_eq!(
            verify(&ping, body, "s3cret"),
            Ok((Forge::GitHub, Verdict::Ignore("ping".into())))
        );
        let gitea = headers(&[("x-gitea-event", "push"), ("x-gitea-signature", &sig)]);
        assert_eq!(verify(&gitea, body, "s3cret"), Ok((Forge::Gitea, Verdict::Sync)));
        let gitlab = headers(&[("x-gitlab-event", "Tag Push Hook"), ("x-gitlab-token", "s3cret")]);
        assert_eq!(verify(&gitlab, body, "s3cret"), Ok((Forge::GitLab, Verdict::Sync)));
        let wrong = headers(&[("x-gitlab-event", "Push Hook"), ("x-gitlab-token", "s3cre")]);
        assert_eq!(verify(&wrong, body, "s3cret"), Err(Refused::BadSignature));
        assert_eq!(
            verify(&headers(&[("x-github-event", "push")]), body, "s3cret"),
            Err(Refused::Unsigned)
        );
        assert_eq!(verify(&HeaderMap::new(), body, "s3cret"), Err(Refused::UnknownSender));
    }
}

/// What a webhook request achieved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Received {
    Queued(Forge),
    Ignored(Forge, String),
    /// A delivery id seen before: a replay (or the forge's retry of a
    /// delivery that arrived), answered without queueing again.
    Repeated(Forge),
}

impl super::Mirror {
    /// Verifies a webhook for repository `id` and queues a sync. Refusals are
    /// logged and audited (never with the secret or the signature).
    pub async fn receive_webhook(
        &self,
        id: RepositoryId,
        headers: &HeaderMap,
        body: &[u8],
        ip: Option<std::net::IpAddr>,
    ) -> Result<Result<Received, Refused>, app::error::AppError> {
        #[derive(sea_orm::FromQueryResult)]
        struct Hook {
            organisation_id: crate::kernel::OrganisationId,
            webhook_secret: String,
            url: String,
        }
        let hook: Hook = crate::db::sql::one(
            &self.db,
            "SELECT organisation_id, webhook_secret, url FROM repositories WHERE id = $1",
            [id.into()],
        )
        .await?
        .ok_or(app::error::AppError::NotFound)?;
        let verified = verify(headers, body, &hook.webhook_secret);
        if let (Ok((forge, _)), Some(delivery)) = (&verified, delivery_id(headers)) {
            if !self.first_delivery(id, delivery).await? {
                return Ok(Ok(Received::Repeated(*forge)));
            }
        }
        match verified {
            Ok((forge, Verdict::Sync)) => {
                super::queue::enqueue(&self.db, id, super::queue::SyncReason::Webhook).await?;
                Ok(Ok(Received::Queued(forge)))
            }
            Ok((forge, Verdict::Ignore(event))) => Ok(Ok(Received::Ignored(forge, event))),
            Err(refused) => {
                tracing::warn!(repository = %id, reason = %refused, ip = ?ip, "webhook refused");
                // Repository ids are public (image URLs name them): a flood of
                // bad requests is logged, but audited once a minute per repository.
                let recent = crate::db::sql::value::<i32>(
                    &self.db,
                    "SELECT 1 AS value FROM audit_events WHERE action = 'webhook_refused' AND subject = $1 \
                     AND occurred_at > now() - interval '1 minute' LIMIT 1",
                    [hook.url.clone().into()],
                )
                .await?;
                if recent.is_none() {
                    crate::kernel::Event::new(crate::kernel::AuditAction::WebhookRefused)
                        .organisation(hook.organisation_id)
                        .subject(&hook.url)
                        .details(serde_json::json!({ "reason": refused.to_string() }))
                        .ip(ip)
                        .record(&self.db)
                        .await?;
                }
                Ok(Err(refused))
            }
        }
    }

    /// Remembers a verified delivery; `false` when it was seen before.
    async fn first_delivery(&self, id: RepositoryId, delivery: &str) -> Result<bool, app::error::AppError> {
        crate::db::sql::exec(
            &self.db,
            "DELETE FROM webhook_deliveries WHERE received_at < now() - make_interval(days => $1)",
            [DELIVERIES_KEPT_DAYS.into()],
        )
        .await?;
        let inserted = crate::db::sql::value::<i32>(
            &self.db,
            "INSERT INTO webhook_deliveries (repository_id, delivery_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING RETURNING 1 AS value",
            [id.into(), delivery.into()],
        )
        .await?;
        Ok(inserted.is_some())
    }
}
