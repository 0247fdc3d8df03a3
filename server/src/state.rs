//! The one `AppState`: built once at start, handed to the Axum router, and
//! provided from the same place to page rendering and server functions.

use crate::accounts::oidc::OidcClients;
use crate::accounts::{AccountSettings, Accounts, DirectoryServiceImpl};
use crate::catalog::Catalog;
use crate::config::Config;
use crate::mail::Mailer;
use crate::mirror::Mirror;
use crate::site::{LegalTexts, SiteServiceImpl};
use app::error::AppError;
use app::ports::Services;
use app::shell::FormActionOrigins;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use metrics_exporter_prometheus::PrometheusHandle;
use sea_orm::{DatabaseConnection, DbErr};
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
    pub metrics: PrometheusHandle,
    form_action_origins: FormActionOrigins,
}

impl AppState {
    pub fn new(config: Config, db: DatabaseConnection) -> anyhow::Result<AppState> {
        let legal = LegalTexts::load(config.legal_dir.as_deref())?;
        let accounts = Arc::new(Accounts {
            db: db.clone(),
            mailer: Mailer::new(
                config.smtp_url.as_ref(),
                &config.mail_from,
                config.data_dir.join("mail"),
            )?,
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
        let services = Services {
            site: Arc::new(SiteServiceImpl { db: db.clone(), legal }),
            directory: Arc::new(DirectoryServiceImpl { db: db.clone() }),
            accounts: accounts.clone(),
            catalog: catalog.clone(),
            mirror: mirror.clone(),
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

/// The error policy for database failures: the reader learns whether to try
/// again; the details go to the log only. Two refusals of PostgreSQL's are
/// the input's fault, not ours: a unique constraint (two people taking the
/// same name at once, past the service's own check) is a conflict, and a
/// character text cannot hold (NUL) is invalid input.
pub fn map_db_error(error: DbErr) -> AppError {
    match error {
        DbErr::RecordNotFound(_) => AppError::NotFound,
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
            tracing::warn!(%error, "database unavailable");
            AppError::Unavailable
        }
        other => match sql_state(&other).as_deref() {
            Some("23505") => {
                tracing::info!(error = %other, "unique constraint refused a write");
                AppError::Conflict("error.conflict.taken".into())
            }
            Some("22021" | "22P05") => {
                tracing::info!(error = %other, "text the database cannot store");
                AppError::Invalid(vec![app::error::FieldError::new("", "error.invalid.character")])
            }
            _ => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        },
    }
}

/// PostgreSQL's SQLSTATE of a failed statement.
fn sql_state(error: &DbErr) -> Option<String> {
    let runtime = match error {
        DbErr::Exec(e) | DbErr::Query(e) => e,
        _ => return None,
    };
    match runtime {
        sea_orm::RuntimeErr::SqlxError(sea_orm::sqlx::Error::Database(db)) => db.code().map(|c| c.into_owned()),
        _ => None,
    }
}
