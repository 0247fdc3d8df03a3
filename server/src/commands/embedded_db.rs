use crate::cli::EmbeddedDbAction;
use crate::embedded_pg::EmbeddedPostgres;
use sea_orm::ConnectionTrait;
use std::time::Duration;

/// Used by the test command: picks the PostgreSQL server the tests run against
/// and prints its admin URL on stdout.
pub async fn run(action: EmbeddedDbAction) -> anyhow::Result<()> {
    match action {
        EmbeddedDbAction::Up { dir, private } => {
            if !private {
                if let Some(url) = std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) {
                    println!("{url}");
                    return Ok(());
                }
                let local = "postgres://postgres@127.0.0.1:5432/postgres";
                if tokio::net::TcpStream::connect("127.0.0.1:5432").await.is_ok()
                    && crate::db::connect(local, 1, Duration::from_secs(3)).await.is_ok()
                {
                    println!("{local}");
                    return Ok(());
                }
            }
            let cluster = EmbeddedPostgres::new(&dir)?;
            cluster.start()?;
            println!("{}", cluster.url("postgres"));
            Ok(())
        }
        EmbeddedDbAction::Fresh { admin_url, name } => {
            anyhow::ensure!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "--name: only a-z, 0-9 and _ are allowed"
            );
            let admin = crate::db::connect(&admin_url, 1, Duration::from_secs(10)).await?;
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await?;
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await?;
            admin.close().await?;
            println!("{}", crate::db::with_database(&admin_url, &name)?);
            Ok(())
        }
        EmbeddedDbAction::Down { dir } => {
            if dir.join("PG_VERSION").exists() {
                EmbeddedPostgres::new(&dir)?.stop()?;
            }
            Ok(())
        }
    }
}
