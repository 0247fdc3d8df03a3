//! A repository's sync status: waiting, syncing, up to date, or why the
//! last sync failed. The codes are what the database stores (a `CHECK`
//! allows exactly these), what the API returns and what the pages name.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepositoryStatus {
    Pending,
    Syncing,
    Ok,
    // The fetch failed.
    NotFound,
    TimedOut,
    Stalled,
    TooLarge,
    RedirectRefused,
    UnsupportedServer,
    Empty,
    Network,
    GitError,
    // The address was refused before any connection.
    Malformed,
    Scheme,
    Credentials,
    Unresolvable,
    MetadataAddress,
    InternalAddress,
    LocalPath,
    /// Our fault, not the repository's.
    Internal,
}

impl RepositoryStatus {
    pub const ALL: &'static [RepositoryStatus] = &[
        Self::Pending,
        Self::Syncing,
        Self::Ok,
        Self::NotFound,
        Self::TimedOut,
        Self::Stalled,
        Self::TooLarge,
        Self::RedirectRefused,
        Self::UnsupportedServer,
        Self::Empty,
        Self::Network,
        Self::GitError,
        Self::Malformed,
        Self::Scheme,
        Self::Credentials,
        Self::Unresolvable,
        Self::MetadataAddress,
        Self::InternalAddress,
        Self::LocalPath,
        Self::Internal,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Syncing => "syncing",
            Self::Ok => "ok",
            Self::NotFound => "not_found",
            Self::TimedOut => "timed_out",
            Self::Stalled => "stalled",
            Self::TooLarge => "too_large",
            Self::RedirectRefused => "redirect_refused",
            Self::UnsupportedServer => "unsupported_server",
            Self::Empty => "empty",
            Self::Network => "network",
            Self::GitError => "git_error",
            Self::Malformed => "malformed",
            Self::Scheme => "scheme",
            Self::Credentials => "credentials",
            Self::Unresolvable => "unresolvable",
            Self::MetadataAddress => "metadata_address",
            Self::InternalAddress => "internal_address",
            Self::LocalPath => "local_path",
            Self::Internal => "internal",
        }
    }

    pub fn from_code(code: &str) -> Option<RepositoryStatus> {
        Self::ALL.iter().copied().find(|s| s.code() == code)
    }

    /// Catalog key of what a reader is told.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Ok => "mirror.status.ok",
            Self::Pending => "mirror.status.pending",
            Self::Syncing => "mirror.status.syncing",
            Self::NotFound => "mirror.status.not_found",
            Self::TimedOut => "mirror.status.timed_out",
            Self::Stalled => "mirror.status.stalled",
            Self::TooLarge => "mirror.status.too_large",
            Self::RedirectRefused => "mirror.status.redirect_refused",
            Self::UnsupportedServer => "mirror.status.unsupported_server",
            Self::Empty => "mirror.status.empty",
            Self::Network => "mirror.status.network",
            Self::InternalAddress
            | Self::MetadataAddress
            | Self::Scheme
            | Self::Credentials
            | Self::LocalPath
            | Self::Malformed => "mirror.status.refused",
            Self::Unresolvable => "mirror.status.unresolvable",
            Self::GitError | Self::Internal => "mirror.status.failed",
        }
    }

    /// The KERN badge: success, in progress, or failed.
    pub fn badge_class(self) -> &'static str {
        match self {
            Self::Ok => "kern-badge kern-badge--success",
            Self::Pending | Self::Syncing => "kern-badge kern-badge--info",
            _ => "kern-badge kern-badge--danger",
        }
    }

    pub fn is_failure(self) -> bool {
        !matches!(self, Self::Ok | Self::Pending | Self::Syncing)
    }
}

impl std::fmt::Display for RepositoryStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_serde_uses_them() {
        for status in RepositoryStatus::ALL {
            assert_eq!(RepositoryStatus::from_code(status.code()), Some(*status));
            assert_eq!(serde_json::to_string(status).unwrap(), format!("\"{}\"", status.code()));
        }
        assert_eq!(RepositoryStatus::from_code("fine"), None);
    }
}
