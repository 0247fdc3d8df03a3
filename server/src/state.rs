//! The one `AppState`: built once at start, handed to the Axum router, and
//! provided from the same place to page rendering and server functions.

use crate::accounts::oidc::OidcClients;
use crate::accounts::{AccountSettings, Accounts, DirectoryServiceImpl};
use crate::catalog::Catalog;
use crate::config::Config;
use crate::groups::Groups;
use crate::kernel::jobs::Runner;
use crate::mail::Mailer;
use crate::mirror::Mirror;
use crate::notifications::Notifications;
use crate::reuse::Reuse;
use crate::site::{LegalTexts, SiteServiceImpl};
use app::ports::Services;
use app::shell::FormActionOrigins;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use metrics_exporter_prometheus::PrometheusHandle;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub accounts: Arc<Accounts>,
    pub catalog: Arc<Catalog>,
    pub mirror: Arc<Mirror>,
    pub notifications: Arc<Notifications>,
    pub reuse: Arc<Reuse>,
    pub groups: Arc<Groups>,
    /// Runs the queued jobs (mail): each `serve` and `worker` process starts it.
    pub jobs: Runner,
    pub metrics: PrometheusHandle,
    form_action_origins: FormActionOrigins,
}

impl AppState {
    pub fn new(config: Config, db: DatabaseConnection) -> anyhow::Result<AppState> {
        let legal = LegalTexts::load(config.legal_dir.as_deref())?;
        let jobs = Runner {
            db: db.clone(),
            mailer: Arc::new(Mailer::new(
                config.smtp_url.as_ref(),
                &config.mail_from,
                config.data_dir.join("mail"),
            )?),
            retry_base: config.job_retry_base,
            public_url: config.base_url(),
        };
        let accounts = Arc::new(Accounts {
            db: db.clone(),
            settings: AccountSettings {
                local_accounts: config.local_accounts,
                public_url: config.base_url(),
            },
            oidc: OidcClients::new(config.oidc_providers.clone(), config.base_url())?,
            limiter: Default::default(),
        });
        let catalog = Arc::new(Catalog { db: db.clone() });
        let mirror = Arc::new(Mirror {
            db: db.clone(),
            settings: Arc::new(config.mirror.clone()),
            catalog: catalog.clone(),
            origin: config.origin(),
        });
        let notifications = Arc::new(Notifications { db: db.clone() });
        let reuse = Arc::new(Reuse {
            db: db.clone(),
            usage: config.usage,
        });
        let groups = Arc::new(Groups { db: db.clone() });
        let services = Services {
            site: Arc::new(SiteServiceImpl { db: db.clone(), legal }),
            directory: Arc::new(DirectoryServiceImpl { db: db.clone() }),
            accounts: accounts.clone(),
            catalog: catalog.clone(),
            mirror: mirror.clone(),
            notifications: notifications.clone(),
            reuse: reuse.clone(),
            groups: groups.clone(),
        };
        let leptos_options = LeptosOptions::builder()
            .output_name("allmende")
            .site_root(config.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(config.site_addr)
            .build();
        let form_action_origins = FormActionOrigins(
            config
                .oidc_providers
                .iter()
                .filter_map(|p| url::Url::parse(&p.issuer).ok())
                .map(|u| u.origin().ascii_serialization())
                .collect(),
        );
        Ok(AppState {
            config: Arc::new(config),
            db,
            leptos_options,
            services,
            accounts,
            catalog,
            mirror,
            notifications,
            reuse,
            groups,
            jobs,
            metrics: crate::http::metrics::recorder(),
            form_action_origins,
        })
    }

    /// Everything a page or server function may take from the Leptos context.
    /// The single place where that context is filled.
    pub fn provide_context(&self) {
        leptos::prelude::provide_context(self.services.clone());
        leptos::prelude::provide_context(self.form_action_origins.clone());
        leptos::nonce::provide_nonce();
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
