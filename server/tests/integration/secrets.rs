//! Secrets stay out of logs and error messages.

use std::process::Command;

#[test]
fn a_failing_database_connection_does_not_reveal_the_password() {
    for format in ["text", "json"] {
        let output = Command::new(env!("CARGO_BIN_EXE_allmende"))
            .args(["migrate", "status"])
            .env("DATABASE_URL", "postgres://allmende:s3cr3t-pw@127.0.0.1:1/allmende")
            .env("ALLMENDE_LOG_FORMAT", format)
            .env("ALLMENDE_LOG", "trace")
            .env("ALLMENDE_DB_ACQUIRE_TIMEOUT_MS", "500")
            .output()
            .unwrap();
        assert!(!output.status.success());
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(all.contains("connecting to PostgreSQL"), "{format}: {all}");
        assert!(!all.contains("s3cr3t-pw"), "{format}: the password leaked: {all}");
    }
}
