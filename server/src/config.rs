//! Configuration, read once from the environment into typed values.
//!
//! Every setting has the `ALLMENDE_` prefix except the three that other tools
//! define: `DATABASE_URL`, and cargo-leptos' `LEPTOS_SITE_ADDR` and
//! `LEPTOS_SITE_ROOT`. The README's configuration table lists them all.

use secrecy::{ExposeSecret, SecretString};
use std::{net::SocketAddr, path::PathBuf, str::FromStr, time::Duration};
use url::Url;

use crate::mirror::policy::{AllowedHost, Scheme, UrlPolicy};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// External PostgreSQL; `None` runs the private cluster under `data_dir`.
    pub database_url: Option<SecretString>,
    pub data_dir: PathBuf,
    pub site_addr: SocketAddr,
    pub site_root: PathBuf,
    /// Public base URL; when it is https, HSTS is sent.
    pub public_url: Option<Url>,
    pub log_format: LogFormat,
    pub log_filter: String,
    /// Directory with the operator's legal texts (`impressum.de.md`, ...).
    pub legal_dir: Option<PathBuf>,
    pub auto_migrate: bool,
    /// Seed demo data at start; defaults to on for the private cluster only.
    pub seed_demo: bool,
    pub db_max_connections: u32,
    pub db_acquire_timeout: Duration,
    pub shutdown_grace: Duration,
    /// Longest time a request may take before it is answered with 503.
    pub request_timeout: Duration,
    /// Registration and password login; on by default for the embedded run.
    pub local_accounts: bool,
    /// `smtp://` or `smtps://` URL; unset writes mails into `data_dir/mail`.
    pub smtp_url: Option<SecretString>,
    pub mail_from: String,
    /// The first retry of a failed job (a mail the SMTP server did not
    /// take) comes this long after; each further one doubles it.
    pub job_retry_base: Duration,
    pub oidc_providers: Vec<OidcProviderConfig>,
    /// A session ends after this long without a request ...
    pub session_idle: Duration,
    /// ... and at the latest this long after signing in.
    pub session_lifetime: Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client (addresses or
    /// networks, `127.0.0.1,10.0.0.0/8`); empty: the peer is the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Bearer token that reads `/metrics`; unset: only clients on this
    /// machine (loopback) may read it.
    pub metrics_token: Option<SecretString>,
    pub mirror: MirrorSettings,
    /// How long a usage declaration holds and when its author is reminded.
    pub usage: crate::reuse::UsageSettings,
}

/// Git mirroring: where mirrors live, which URLs may be fetched, the limits
/// of one job, and how the workers share the queue.
#[derive(Clone, Debug)]
pub struct MirrorSettings {
    pub dir: PathBuf,
    pub policy: UrlPolicy,
    pub max_bytes: u64,
    pub connect_timeout: Duration,
    pub stall_timeout: Duration,
    pub job_timeout: Duration,
    /// Every repository is synced again this long after its last sync.
    pub interval: Duration,
    pub worker_concurrency: usize,
    /// Jobs that may run at once against one host.
    pub host_concurrency: i64,
    pub max_attempts: i32,
    /// The first retry waits this long; each further one twice as long.
    pub retry_base: Duration,
    /// Run a worker (and the scheduler) inside `allmende serve`.
    pub inline_worker: bool,
    /// The program the ssh transport runs (`ssh`, or a wrapper with the
    /// operator's key and known_hosts options).
    pub ssh_command: String,
}

/// One OpenID provider: `ALLMENDE_OIDC_PROVIDERS=keycloak,opencode` names
/// them, and `ALLMENDE_OIDC_<ID>_ISSUER`, `_CLIENT_ID`, `_CLIENT_SECRET` and
/// `_NAME` describe each.
#[derive(Clone, Debug)]
pub struct OidcProviderConfig {
    pub id: String,
    pub name: String,
    /// Exactly as the provider names itself (`iss`): no slash is added.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: SecretString,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {variable}: {message}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|key| std::env::var(key).ok().filter(|v| !v.is_empty()))
    }

    /// Builds the configuration from any key-value source (the tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let database_url = get("DATABASE_URL").map(SecretString::from);
        let embedded = database_url.is_none();
        let public_url = parse_opt::<Url>(&get, "ALLMENDE_PUBLIC_URL")?;
        if let Some(url) = &public_url {
            if !matches!(url.scheme(), "http" | "https") {
                return Err(ConfigError {
                    variable: "ALLMENDE_PUBLIC_URL",
                    message: "must be an http or https URL".into(),
                });
            }
        }
        let log_format = match get("ALLMENDE_LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError {
                    variable: "ALLMENDE_LOG_FORMAT",
                    message: format!("`{other}` is neither `text` nor `json`"),
                })
            }
        };
        let data_dir: PathBuf = get("ALLMENDE_DATA_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| "data".into());
        let mirror = mirror_settings(&get, &data_dir, embedded)?;
        Ok(Config {
            database_url,
            data_dir,
            site_addr: parse_opt(&get, "LEPTOS_SITE_ADDR")?.unwrap_or(([127, 0, 0, 1], 3000).into()),
            site_root: get("LEPTOS_SITE_ROOT")
                .map(PathBuf::from)
                .unwrap_or_else(|| "target/site".into()),
            public_url,
            log_format,
            log_filter: get("ALLMENDE_LOG").unwrap_or_else(|| "info,sqlx=warn".into()),
            legal_dir: get("ALLMENDE_LEGAL_DIR").map(PathBuf::from),
            auto_migrate: parse_opt(&get, "ALLMENDE_AUTO_MIGRATE")?.unwrap_or(true),
            seed_demo: parse_opt(&get, "ALLMENDE_SEED_DEMO")?.unwrap_or(embedded),
            db_max_connections: parse_opt(&get, "ALLMENDE_DB_MAX_CONNECTIONS")?.unwrap_or(10),
            db_acquire_timeout: Duration::from_millis(
                parse_opt(&get, "ALLMENDE_DB_ACQUIRE_TIMEOUT_MS")?.unwrap_or(3000),
            ),
            shutdown_grace: Duration::from_secs(parse_opt(&get, "ALLMENDE_SHUTDOWN_GRACE_SECS")?.unwrap_or(10)),
            request_timeout: Duration::from_secs(parse_opt(&get, "ALLMENDE_REQUEST_TIMEOUT_SECS")?.unwrap_or(30)),
            local_accounts: parse_opt(&get, "ALLMENDE_LOCAL_ACCOUNTS")?.unwrap_or(embedded),
            smtp_url: get("ALLMENDE_SMTP_URL").map(SecretString::from),
            mail_from: get("ALLMENDE_MAIL_FROM").unwrap_or_else(|| "Allmende <noreply@allmende.invalid>".into()),
            job_retry_base: Duration::from_millis(parse_opt(&get, "ALLMENDE_JOB_RETRY_BASE_MS")?.unwrap_or(5000)),
            oidc_providers: oidc_providers(&get)?,
            session_idle: Duration::from_secs(
                60 * parse_opt::<u64>(&get, "ALLMENDE_SESSION_IDLE_MINUTES")?.unwrap_or(120),
            ),
            session_lifetime: Duration::from_secs(
                3600 * parse_opt::<u64>(&get, "ALLMENDE_SESSION_LIFETIME_HOURS")?.unwrap_or(12),
            ),
            trusted_proxies: trusted_proxies(&get)?,
            metrics_token: get("ALLMENDE_METRICS_TOKEN").map(SecretString::from),
            usage: crate::reuse::UsageSettings {
                valid_months: parse_opt(&get, "ALLMENDE_USAGE_VALID_MONTHS")?.unwrap_or(24),
                reminder_days: parse_opt(&get, "ALLMENDE_USAGE_REMINDER_DAYS")?.unwrap_or(30),
            },
            mirror,
        })
    }

    /// The base URL links and redirects use: the public URL, or the address
    /// the server listens on.
    pub fn base_url(&self) -> Url {
        self.public_url
            .clone()
            .unwrap_or_else(|| Url::parse(&format!("http://{}", self.site_addr)).expect("socket addresses form URLs"))
    }

    /// The base URL as links are written: no trailing slash.
    pub fn origin(&self) -> String {
        self.base_url().as_str().trim_end_matches('/').to_string()
    }

    /// Whether the site is served over https (then HSTS is sent).
    pub fn https(&self) -> bool {
        self.public_url.as_ref().is_some_and(|u| u.scheme() == "https")
    }

    /// The database URL, for the one place that connects.
    pub fn expose_database_url(&self) -> Option<&str> {
        self.database_url.as_ref().map(|s| s.expose_secret())
    }
}

/// The directory the seed's demo repositories are created in.
pub fn demo_repositories_dir(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("demo-repositories")
}

fn list(get: &impl Fn(&str) -> Option<String>, variable: &str) -> Option<Vec<String>> {
    get(variable).map(|v| {
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    })
}

fn mirror_settings(
    get: &impl Fn(&str) -> Option<String>,
    data_dir: &std::path::Path,
    embedded: bool,
) -> Result<MirrorSettings, ConfigError> {
    let default_schemes = if embedded { "https,file" } else { "https" };
    let schemes = list(get, "ALLMENDE_MIRROR_SCHEMES")
        .unwrap_or_else(|| default_schemes.split(',').map(str::to_string).collect())
        .into_iter()
        .map(|s| {
            Scheme::parse(&s).ok_or_else(|| ConfigError {
                variable: "ALLMENDE_MIRROR_SCHEMES",
                message: format!("`{s}` is not one of https, http, git, ssh, file"),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let local_roots = list(get, "ALLMENDE_MIRROR_LOCAL_ROOTS")
        .map(|l| l.into_iter().map(PathBuf::from).collect())
        .unwrap_or_else(|| {
            if embedded {
                vec![demo_repositories_dir(data_dir)]
            } else {
                Vec::new()
            }
        });
    let secs = |variable: &'static str, default: u64| -> Result<Duration, ConfigError> {
        Ok(Duration::from_secs(parse_opt(get, variable)?.unwrap_or(default)))
    };
    Ok(MirrorSettings {
        dir: get("ALLMENDE_MIRROR_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| data_dir.join("mirrors")),
        policy: UrlPolicy {
            schemes,
            allow_hosts: list(get, "ALLMENDE_MIRROR_ALLOW_HOSTS")
                .unwrap_or_default()
                .iter()
                .map(|h| AllowedHost::parse(h))
                .collect(),
            local_roots,
        },
        max_bytes: parse_opt::<u64>(get, "ALLMENDE_MIRROR_MAX_MB")?.unwrap_or(1024) * 1024 * 1024,
        connect_timeout: secs("ALLMENDE_MIRROR_CONNECT_TIMEOUT_SECS", 10)?,
        stall_timeout: secs("ALLMENDE_MIRROR_STALL_TIMEOUT_SECS", 30)?,
        job_timeout: secs("ALLMENDE_MIRROR_JOB_TIMEOUT_SECS", 900)?,
        interval: Duration::from_secs(
            60 * parse_opt::<u64>(get, "ALLMENDE_MIRROR_INTERVAL_MINUTES")?
                .unwrap_or(60)
                .max(1),
        ),
        worker_concurrency: parse_opt::<usize>(get, "ALLMENDE_WORKER_CONCURRENCY")?
            .unwrap_or(4)
            .max(1),
        host_concurrency: parse_opt::<i64>(get, "ALLMENDE_MIRROR_HOST_CONCURRENCY")?
            .unwrap_or(2)
            .max(1),
        max_attempts: parse_opt::<i32>(get, "ALLMENDE_MIRROR_MAX_ATTEMPTS")?
            .unwrap_or(5)
            .max(1),
        retry_base: secs("ALLMENDE_MIRROR_RETRY_BASE_SECS", 60)?,
        inline_worker: parse_opt(get, "ALLMENDE_INLINE_WORKER")?.unwrap_or(embedded),
        ssh_command: get("ALLMENDE_MIRROR_SSH_COMMAND").unwrap_or_else(|| "ssh".into()),
    })
}

fn trusted_proxies(get: &impl Fn(&str) -> Option<String>) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    list(get, "ALLMENDE_TRUSTED_PROXIES")
        .unwrap_or_default()
        .into_iter()
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| ConfigError {
                    variable: "ALLMENDE_TRUSTED_PROXIES",
                    message: format!("`{s}` is neither an IP address nor a network"),
                })
        })
        .collect()
}

fn oidc_providers(get: &impl Fn(&str) -> Option<String>) -> Result<Vec<OidcProviderConfig>, ConfigError> {
    let Some(list) = get("ALLMENDE_OIDC_PROVIDERS") else {
        return Ok(Vec::new());
    };
    let mut providers = Vec::new();
    for id in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || id.len() > 40 {
            return Err(ConfigError {
                variable: "ALLMENDE_OIDC_PROVIDERS",
                message: format!("`{id}`: provider ids are letters, digits and dashes"),
            });
        }
        let prefix = format!("ALLMENDE_OIDC_{}_", id.to_uppercase().replace('-', "_"));
        let need = |suffix: &str| {
            get(&format!("{prefix}{suffix}")).ok_or_else(|| ConfigError {
                variable: "ALLMENDE_OIDC_PROVIDERS",
                message: format!("provider `{id}` needs {prefix}{suffix}"),
            })
        };
        let issuer = need("ISSUER")?;
        if !Url::parse(&issuer).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
            return Err(ConfigError {
                variable: "ALLMENDE_OIDC_PROVIDERS",
                message: format!("{prefix}ISSUER is not an http(s) URL"),
            });
        }
        providers.push(OidcProviderConfig {
            id: id.to_owned(),
            name: get(&format!("{prefix}NAME")).unwrap_or_else(|| id.to_owned()),
            issuer,
            client_id: need("CLIENT_ID")?,
            client_secret: SecretString::from(need("CLIENT_SECRET")?),
        });
    }
    Ok(providers)
}

fn parse_opt<T: FromStr>(
    get: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
) -> Result<Option<T>, ConfigError>
where
    T::Err: std::fmt::Display,
{
    get(variable)
        .map(|raw| {
            raw.trim().parse::<T>().map_err(|e| ConfigError {
                variable,
                message: format!("cannot read `{raw}`: {e}"),
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_run_embedded_with_demo_data() {
        let c = config(&[]).unwrap();
        assert!(c.database_url.is_none() && c.seed_demo && c.auto_migrate);
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert!(!c.https());
    }

    #[test]
    fn external_database_does_not_seed_by_default() {
        let c = config(&[("DATABASE_URL", "postgres://x@h/db")]).unwrap();
        assert!(!c.seed_demo);
    }

    #[test]
    fn bad_values_name_their_variable() {
        let e = config(&[("ALLMENDE_LOG_FORMAT", "xml")]).unwrap_err();
        assert_eq!(e.variable, "ALLMENDE_LOG_FORMAT");
        let e = config(&[("LEPTOS_SITE_ADDR", "nowhere")]).unwrap_err();
        assert_eq!(e.variable, "LEPTOS_SITE_ADDR");
        let e = config(&[("ALLMENDE_PUBLIC_URL", "ftp://x")]).unwrap_err();
        assert_eq!(e.variable, "ALLMENDE_PUBLIC_URL");
    }

    #[test]
    fn https_public_url_turns_on_hsts() {
        assert!(config(&[("ALLMENDE_PUBLIC_URL", "https://allmende.example")])
            .unwrap()
            .https());
    }

    #[test]
    fn oidc_providers_are_read_by_id() {
        let c = config(&[
            ("ALLMENDE_OIDC_PROVIDERS", "keycloak, open-code"),
            ("ALLMENDE_OIDC_KEYCLOAK_ISSUER", "https://id.example/realms/sh"),
            ("ALLMENDE_OIDC_KEYCLOAK_CLIENT_ID", "allmende"),
            ("ALLMENDE_OIDC_KEYCLOAK_CLIENT_SECRET", "s3cret-value"),
            ("ALLMENDE_OIDC_KEYCLOAK_NAME", "Landesportal SH"),
            ("ALLMENDE_OIDC_OPEN_CODE_ISSUER", "https://gitlab.opencode.de"),
            ("ALLMENDE_OIDC_OPEN_CODE_CLIENT_ID", "x"),
            ("ALLMENDE_OIDC_OPEN_CODE_CLIENT_SECRET", "y"),
        ])
        .unwrap();
        assert_eq!(c.oidc_providers.len(), 2);
        assert_eq!(c.oidc_providers[0].name, "Landesportal SH");
        assert_eq!(c.oidc_providers[1].name, "open-code");
        assert!(!format!("{c:?}").contains("s3cret-value"));
        let e = config(&[
            ("ALLMENDE_OIDC_PROVIDERS", "kc"),
            ("ALLMENDE_OIDC_KC_ISSUER", "https://x"),
        ])
        .unwrap_err();
        assert!(e.message.contains("ALLMENDE_OIDC_KC_CLIENT_ID"), "{}", e.message);
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        let c = config(&[("ALLMENDE_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,::1")]).unwrap();
        assert_eq!(c.trusted_proxies.len(), 3);
        let e = config(&[("ALLMENDE_TRUSTED_PROXIES", "proxy.local")]).unwrap_err();
        assert_eq!(e.variable, "ALLMENDE_TRUSTED_PROXIES");
    }

    #[test]
    fn the_database_url_never_shows_in_debug_output() {
        let c = config(&[("DATABASE_URL", "postgres://u:hunter2@h/db")]).unwrap();
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
