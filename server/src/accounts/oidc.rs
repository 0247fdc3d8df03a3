//! Login with OpenID Connect: authorization code flow with PKCE; `state`,
//! `nonce` and the ID token (signature against the provider's published
//! keys, issuer, audience, expiry) checked with the `openidconnect` crate.

use crate::config::OidcProviderConfig;
use app::accounts::dto::ProviderInfo;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreIdToken, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::str::FromStr;
use std::time::{Duration, Instant};
use url::Url;

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// Provider metadata and keys are fetched again after this long (key rotation).
const METADATA_TTL: Duration = Duration::from_secs(3600);

pub struct OidcClients {
    providers: Vec<OidcProviderConfig>,
    http: reqwest::Client,
    metadata: tokio::sync::Mutex<HashMap<String, (CoreProviderMetadata, Instant)>>,
    public_url: Url,
}

/// What the session remembers between the redirect to the provider and the
/// way back.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingLogin {
    pub provider: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_to: String,
}

/// The query the provider sends the browser back with.
#[derive(Debug, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

/// A person as the provider vouches for them.
#[derive(Clone, Debug)]
pub struct Identity {
    pub provider: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum OidcError {
    #[error("unknown provider")]
    UnknownProvider,
    #[error("state does not match the login this browser started")]
    State,
    #[error("the provider refused: {0}")]
    Refused(String),
    #[error("the provider did not accept the authorisation code")]
    CodeRejected,
    #[error("nonce does not match")]
    Nonce,
    #[error("ID token was issued for another client")]
    Audience,
    #[error("ID token invalid: {0}")]
    Token(String),
    #[error("provider unreachable: {0}")]
    Unavailable(String),
}

impl OidcError {
    /// Catalog key of what the person is told.
    pub fn message_key(&self) -> &'static str {
        match self {
            OidcError::UnknownProvider => "oidc.error.unknown",
            OidcError::State => "oidc.error.state",
            OidcError::Refused(_) => "oidc.error.refused",
            OidcError::CodeRejected => "oidc.error.code",
            OidcError::Nonce => "oidc.error.nonce",
            OidcError::Audience => "oidc.error.audience",
            OidcError::Token(_) => "oidc.error.token",
            OidcError::Unavailable(_) => "oidc.error.unavailable",
        }
    }
}

impl OidcClients {
    pub fn new(providers: Vec<OidcProviderConfig>, public_url: Url) -> anyhow::Result<OidcClients> {
        let http = reqwest::Client::builder()
            // A provider that redirects its endpoints elsewhere is refused (SSRF).
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .build()?;
        Ok(OidcClients {
            providers,
            http,
            metadata: Default::default(),
            public_url,
        })
    }

    pub fn list(&self) -> Vec<ProviderInfo> {
        self.providers
            .iter()
            .map(|p| ProviderInfo {
                id: p.id.clone(),
                name: p.name.clone(),
            })
            .collect()
    }

    pub fn name_of(&self, id: &str) -> Option<&str> {
        self.providers.iter().find(|p| p.id == id).map(|p| p.name.as_str())
    }

    fn redirect_uri(&self, id: &str) -> String {
        format!(
            "{}/anmelden/oidc/{id}/rueckruf",
            self.public_url.as_str().trim_end_matches('/')
        )
    }

    async fn client(&self, id: &str) -> Result<Client, OidcError> {
        let provider = self
            .providers
            .iter()
            .find(|p| p.id == id)
            .ok_or(OidcError::UnknownProvider)?;
        let metadata = {
            let mut cache = self.metadata.lock().await;
            match cache.get(id).filter(|(_, at)| at.elapsed() < METADATA_TTL) {
                Some((metadata, _)) => metadata.clone(),
                None => {
                    let issuer =
                        IssuerUrl::new(provider.issuer.clone()).map_err(|e| OidcError::Unavailable(e.to_string()))?;
                    let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
                        .await
                        .map_err(|e| {
                            tracing::warn!(provider = id, error = %e, "OpenID provider discovery failed");
                            OidcError::Unavailable(e.to_string())
                        })?;
                    cache.insert(id.to_owned(), (metadata.clone(), Instant::now()));
                    metadata
                }
            }
        };
        let redirect = RedirectUrl::new(self.redirect_uri(id)).map_err(|e| OidcError::Unavailable(e.to_string()))?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(provider.client_id.clone()),
            Some(ClientSecret::new(provider.client_secret.expose_secret().to_owned())),
        )
        .set_redirect_uri(redirect))
    }

    /// The provider's authorisation URL, and what to remember until the way back.
    pub async fn begin(&self, id: &str, return_to: String) -> Result<(Url, PendingLogin), OidcError> {
        let client = self.client(id).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        Ok((
            url,
            PendingLogin {
                provider: id.to_owned(),
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                return_to,
            },
        ))
    }

    /// Completes a login: the state must be the one this browser's session
    /// started, the code is redeemed with the PKCE verifier, and the ID token
    /// must carry this login's nonce and this client as its audience.
    pub async fn finish(&self, pending: Option<PendingLogin>, callback: Callback) -> Result<Identity, OidcError> {
        let pending = pending.ok_or(OidcError::State)?;
        let state_matches = callback
            .state
            .as_deref()
            .is_some_and(|s| constant_time_eq(s.as_bytes(), pending.state.as_bytes()));
        if !state_matches {
            return Err(OidcError::State);
        }
        if let Some(error) = callback.error {
            return Err(OidcError::Refused(error));
        }
        let code = callback.code.ok_or(OidcError::CodeRejected)?;
        let client = self.client(&pending.provider).await?;
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| OidcError::Unavailable(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| {
                tracing::info!(provider = %pending.provider, error = %e, "authorisation code refused");
                OidcError::CodeRejected
            })?;
        let id_token = response
            .id_token()
            .ok_or_else(|| OidcError::Token("no ID token in the response".into()))?;
        verify(&client, &pending.provider, id_token, &pending.nonce)
    }

    /// Verifies a raw ID token as if it had come back for `provider` with
    /// `nonce` (used by the tests with tokens from a real provider).
    pub async fn verify_raw(&self, provider: &str, raw: &str, nonce: &str) -> Result<Identity, OidcError> {
        let client = self.client(provider).await?;
        let token = CoreIdToken::from_str(raw).map_err(|e| OidcError::Token(e.to_string()))?;
        verify(&client, provider, &token, nonce)
    }
}

fn verify(client: &Client, provider: &str, token: &CoreIdToken, nonce: &str) -> Result<Identity, OidcError> {
    let claims = token
        .claims(&client.id_token_verifier(), &Nonce::new(nonce.to_owned()))
        .map_err(|e| match e {
            ClaimsVerificationError::InvalidNonce(_) => OidcError::Nonce,
            ClaimsVerificationError::InvalidAudience(_) => OidcError::Audience,
            other => OidcError::Token(other.to_string()),
        })?;
    Ok(Identity {
        provider: provider.to_owned(),
        subject: claims.subject().to_string(),
        email: claims.email().map(|e| e.to_string()),
        email_verified: claims.email_verified().unwrap_or(false),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string())
            .or_else(|| claims.preferred_username().map(|u| u.to_string())),
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
