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
        let inserted =
            crate::seed::run_with_repositories(&db, &crate::config::demo_repositories_dir(&config.data_dir)).await?;
        tracing::info!(inserted, "demo data seeded");
        if config.local_accounts {
            print_demo_accounts();
        }
    }
    let state = AppState::new(config.clone(), db.clone())?;
    let (stop_worker, stopped) = tokio::sync::watch::channel(false);
    let worker = config.mirror.inline_worker.then(|| {
        tokio::spawn(crate::mirror::worker::run(
            (*state.mirror).clone(),
            state.reuse.clone(),
            stopped.clone(),
        ))
    });
    // Mail and the other jobs a change queues run in every serving process.
    let jobs = tokio::spawn(crate::kernel::jobs::run(state.jobs.clone(), stopped));
    let router = crate::http::router(state);
    let listener = tokio::net::TcpListener::bind(config.site_addr).await?;
    tracing::info!(
        address = %format!("http://{}", listener.local_addr()?),
        embedded_database = database.is_embedded(),
        "Allmende is serving"
    );
    let signalled = std::sync::Arc::new(tokio::sync::Notify::new());
    // Expired sessions are deleted hourly.
    let store = crate::sessions::PgSessionStore::new(db.clone());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(error) = store.delete_expired().await {
                tracing::warn!(%error, "deleting expired sessions failed");
            }
        }
    });
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let server = axum::serve(listener, service).with_graceful_shutdown({
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
    let _ = stop_worker.send(true);
    if let Some(worker) = worker {
        let _ = tokio::time::timeout(grace, worker).await;
    }
    let _ = tokio::time::timeout(grace, jobs).await;
    Ok(())
}

/// `allmende worker`: sync jobs and the queued jobs (mail), until SIGTERM
/// or SIGINT.
pub async fn worker(config: Config) -> anyhow::Result<()> {
    let database = Database::open(&config).await?;
    let state = AppState::new(config.clone(), database.connection.clone())?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(crate::mirror::worker::run(
        (*state.mirror).clone(),
        state.reuse.clone(),
        stopped.clone(),
    ));
    let jobs = tokio::spawn(crate::kernel::jobs::run(state.jobs.clone(), stopped));
    shutdown_signal().await;
    let _ = stop.send(true);
    let _ = tokio::time::timeout(config.mirror.job_timeout, worker).await;
    let _ = tokio::time::timeout(config.shutdown_grace, jobs).await;
    database.close().await;
    Ok(())
}

/// The demo accounts' public credentials, on stdout (never into the log).
fn print_demo_accounts() {
    println!("\nDemo-Konten / demo accounts (E-Mail / Passwort):");
    for user in &crate::seed::DEMO_USERS {
        let role = match (user.site_admin, user.membership) {
            (true, _) => "site administrator".to_owned(),
            (false, Some((org, role))) => format!("{role} of {org}"),
            (false, None) => "no role".to_owned(),
        };
        println!("  {:<28} {:<24} {} ({role})", user.email, user.password, user.name);
    }
    println!();
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
