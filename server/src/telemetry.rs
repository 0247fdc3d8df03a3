//! Structured logs with `tracing`, as text for people or JSON for collectors.

use crate::config::{Config, LogFormat};
use std::io::IsTerminal;
use tracing_subscriber::{fmt, layer::SubscriberExt, util::SubscriberInitExt, EnvFilter};

/// Colour codes only for a person at a terminal: a log written to a file or
/// a pipe (systemd, CI) stays plain text. `NO_COLOR` is honoured too.
fn colour(stdout_is_terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    stdout_is_terminal && no_color.is_none_or(|v| v.is_empty())
}

pub fn init(config: &Config) {
    let filter = EnvFilter::try_new(&config.log_filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry().with(filter);
    // A second init (tests) is harmless: the first subscriber stays.
    let _ = match config.log_format {
        LogFormat::Text => registry
            .with(fmt::layer().with_ansi(colour(std::io::stdout().is_terminal(), std::env::var_os("NO_COLOR"))))
            .try_init(),
        LogFormat::Json => registry.with(fmt::layer().json().flatten_event(true)).try_init(),
    };
}

#[cfg(test)]
mod tests {
    use super::colour;

    #[test]
    fn colour_only_on_a_terminal() {
        assert!(colour(true, None));
        assert!(!colour(false, None));
        assert!(!colour(true, Some("1".into())));
        assert!(colour(true, Some("".into())));
    }
}
