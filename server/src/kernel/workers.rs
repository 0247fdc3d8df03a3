//! What every background worker shares: its name in a job table, the delay
//! before a retry, and how it waits for work (woken by `NOTIFY` on its
//! channel, by one of its own jobs finishing, or by a poll for retries
//! coming due and notifications missed while the listener reconnected).

use sea_orm::DatabaseConnection;
use sqlx::postgres::PgListener;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// A name for this worker in a job table: host, process, random suffix.
pub fn worker_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    format!("{}-{}-{:04x}", host.trim(), std::process::id(), rand::random::<u16>())
}

/// Seconds before the retry after failed attempt number `attempts` (from
/// 1): `base * 2^(attempts-1)`, plus up to 10 % jitter so that jobs that
/// failed together do not retry together.
pub fn backoff_secs(base: Duration, attempts: i32) -> f64 {
    let delay = base.as_secs_f64() * 2f64.powi(attempts - 1);
    delay + delay * 0.1 * rand::random::<f64>()
}

pub struct Wakeup {
    listener: Option<PgListener>,
    poll: Duration,
}

impl Wakeup {
    /// Listens on `channel` over a connection of its own; without one (the
    /// server refused it) the worker polls only.
    pub async fn listen(db: &DatabaseConnection, channel: &str, poll: Duration) -> Wakeup {
        let pool = db.get_postgres_connection_pool().clone();
        let listener = match PgListener::connect_with(&pool).await {
            Ok(mut l) => match l.listen(channel).await {
                Ok(()) => Some(l),
                Err(error) => {
                    tracing::warn!(%error, channel, "LISTEN failed; polling only");
                    None
                }
            },
            Err(error) => {
                tracing::warn!(%error, channel, "LISTEN connection failed; polling only");
                None
            }
        };
        Wakeup { listener, poll }
    }

    /// Waits for the next reason to look for work; `false` once the worker
    /// is to stop (told so, or nobody is left who could tell it).
    pub async fn wait(&mut self, stop: &mut watch::Receiver<bool>, done: &mut mpsc::UnboundedReceiver<()>) -> bool {
        tokio::select! {
            changed = stop.changed() => changed.is_ok() && !*stop.borrow(),
            _ = done.recv() => true,
            _ = tokio::time::sleep(self.poll) => true,
            notification = async {
                match self.listener.as_mut() {
                    Some(l) => l.recv().await.map(|_| ()),
                    None => std::future::pending().await,
                }
            } => {
                if let Err(error) = notification {
                    // The listener reconnects on its next `recv`.
                    tracing::debug!(%error, "listener interrupted; it reconnects");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                true
            }
        }
    }
}

/// Claims and starts jobs while one of `slots` is free. Each job runs on
/// its own task, holds its slot until it ends, and then says so on `done`,
/// which wakes the worker's loop to fill the slot again. Both queues'
/// workers fill their slots this way.
pub async fn fill_slots<J, F, G>(
    slots: &std::sync::Arc<tokio::sync::Semaphore>,
    done: &mpsc::UnboundedSender<()>,
    mut claim: impl FnMut() -> F,
    start: impl Fn(J) -> G,
) where
    F: std::future::Future<Output = Result<Option<J>, app::error::AppError>>,
    G: std::future::Future<Output = ()> + Send + 'static,
{
    while let Ok(permit) = slots.clone().try_acquire_owned() {
        match claim().await {
            Ok(Some(job)) => {
                let (job, done) = (start(job), done.clone());
                tokio::spawn(async move {
                    job.await;
                    drop(permit);
                    let _ = done.send(());
                });
            }
            Ok(None) => break,
            Err(error) => {
                tracing::warn!(%error, "claiming a job failed");
                break;
            }
        }
    }
}
