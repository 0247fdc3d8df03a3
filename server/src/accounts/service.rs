use super::oidc::OidcClients;
use super::rate_limit::RateLimiter;
use sea_orm::DatabaseConnection;
use url::Url;

/// Everything the account services need; one per process, shared by the
/// form handlers, the session layer and the page reads.
pub struct Accounts {
    pub db: DatabaseConnection,
    pub settings: AccountSettings,
    pub oidc: OidcClients,
    pub limiter: RateLimiter,
}

#[derive(Clone, Debug)]
pub struct AccountSettings {
    /// Registration and password login switched on by the operator.
    pub local_accounts: bool,
    /// Base of every link in mails and of the OpenID Connect redirect URI.
    pub public_url: Url,
}

impl Accounts {
    /// An absolute link into the site, for mails.
    pub fn link(&self, path_and_query: &str) -> String {
        format!(
            "{}{}",
            self.settings.public_url.as_str().trim_end_matches('/'),
            path_and_query
        )
    }
}
