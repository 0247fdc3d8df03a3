use super::Database;
use crate::config::Config;
use crate::state::AppState;
use migrations::{Migrator, MigratorTrait};

pub async fn run(config: Config) -> anyhow::Result<()> {
    let database = Database::open(&config).await?;
    let result = serve(&config, &database).await;
    // The pool closes and the private cluster stops whatever happened above.
    database.close().await;
    result
}

async fn serve(config: &Config, database: &Database) -> anyhow::Result<()> {
    let db = database.connection.clone();
    if config.auto_migrate {
        Migrator::up(&db, None).await?;
    }
    if config.seed_demo {
        let inserted = crate::seed::run(&db).await?;
        tracing::info!(inserted, "demo data seeded");
    }
    let state = AppState::new(config.clone(), db)?;
    let router = crate::http::router(state);
    let listener = tokio::net::TcpListener::bind(config.site_addr).await?;
    tracing::info!(
        address = %format!("http://{}", listener.local_addr()?),
        embedded_database = database.is_embedded(),
        "Allmende is serving"
    );
    let signalled = std::sync::Arc::new(tokio::sync::Notify::new());
    let server = axum::serve(listener, router).with_graceful_shutdown({
        let signalled = signalled.clone();
        async move {
            shutdown_signal().await;
            signalled.notify_one();
        }
    });
    // Open requests get the grace period to finish; then the process goes on
    // to close the pool and stop the private cluster regardless.
    let grace = config.shutdown_grace;
    tokio::select! {
        result = server => result?,
        _ = async { signalled.notified().await; tokio::time::sleep(grace).await } => {
            tracing::warn!(grace_secs = grace.as_secs(), "open requests did not finish within the grace period");
        }
    }
    tracing::info!("stopped serving; shutting down");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM: in-flight requests finish, then
/// the server returns.
async fn shutdown_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
    let mut int = signal(SignalKind::interrupt()).expect("SIGINT handler");
    tokio::select! {
        _ = term.recv() => tracing::info!("SIGTERM received"),
        _ = int.recv() => tracing::info!("SIGINT received"),
    }
}
