//! One module per subcommand of `allmende`.

mod database;
mod embedded_db;
mod fuzzing;
mod markdown_fuzz;
mod migrate;
mod mirror_once;
mod publiccode;
mod publiccode_fuzz;
mod serve;

use crate::cli::{CatalogAction, Cli, Command, NotificationsAction, ReuseAction};
use crate::config::Config;
use anyhow::Context;

pub use database::Database;

pub async fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    if let Command::Publiccode { action } = cli.command {
        return publiccode::run(action).await;
    }
    if let Command::MarkdownFuzz {
        seconds,
        seed,
        artifacts,
    } = cli.command
    {
        return markdown_fuzz::run(seconds, seed, &artifacts);
    }
    if let Command::MirrorOnce { url, dir } = cli.command {
        return mirror_once::run(&url, &dir).await;
    }
    let config = Config::from_env()?;
    crate::telemetry::init(&config);
    let done = match cli.command {
        Command::Serve => serve::run(config).await,
        Command::Worker => serve::worker(config).await,
        Command::Migrate { action } => migrate::run(config, action).await,
        Command::Seed => {
            let database = Database::open(&config).await?;
            let inserted = crate::seed::run_with_repositories(
                &database.connection,
                &crate::config::demo_repositories_dir(&config.data_dir),
            )
            .await;
            database.close().await;
            println!("seed: {} new rows", inserted?);
            Ok(())
        }
        Command::EmbeddedDb { action } => embedded_db::run(action).await,
        Command::Catalog {
            action: CatalogAction::Generate { count, seed },
        } => {
            let database = Database::open(&config).await?;
            let started = std::time::Instant::now();
            let made = crate::seed::generator::generate(&database.connection, count, seed).await;
            database.close().await;
            println!(
                "generate: {} entries in {:.1} s",
                made?,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Notifications {
            action: NotificationsAction::SendDigests,
        } => {
            let database = Database::open(&config).await?;
            let due = crate::notifications::send_due_digests(&database.connection).await;
            database.close().await;
            println!("send-digests: {} digests due now; the workers send them", due?);
            Ok(())
        }
        Command::Reuse {
            action: ReuseAction::LoadKey { file },
        } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let table =
                app::reuse::keys::parse(&text).with_context(|| format!("{} is no key table", file.display()))?;
            let database = Database::open(&config).await?;
            let loaded = crate::reuse::keys::load(&database.connection, &table).await;
            database.close().await;
            loaded.map_err(|e| anyhow::anyhow!("loading the table failed: {e}"))?;
            println!(
                "load-key: {} {} ({} weights) loaded",
                table.name,
                table.year,
                table.weights.len()
            );
            Ok(())
        }
        Command::Publiccode { .. } | Command::MirrorOnce { .. } | Command::MarkdownFuzz { .. } => {
            unreachable!("handled above")
        }
    };
    done.map(|()| std::process::ExitCode::SUCCESS)
}
