use crate::cli::EmbeddedDbAction;
use crate::embedded_pg::EmbeddedPostgres;
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
        EmbeddedDbAction::Down { dir } => {
            if dir.join("PG_VERSION").exists() {
                EmbeddedPostgres::new(&dir)?.stop()?;
            }
            Ok(())
        }
    }
}
