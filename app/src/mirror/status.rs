//! A repository's sync status: waiting, syncing, up to date, or why the
//! last sync failed. The codes are what the database stores (a `CHECK`
//! allows exactly these), what the API returns and what the pages name.

crate::code_set! {
    pub enum RepositoryStatus {
        Pending = "pending",
        Syncing = "syncing",
        Ok = "ok",
        // The fetch failed.
        NotFound = "not_found",
        TimedOut = "timed_out",
        Stalled = "stalled",
        TooLarge = "too_large",
        RedirectRefused = "redirect_refused",
        UnsupportedServer = "unsupported_server",
        Empty = "empty",
        Network = "network",
        GitError = "git_error",
        // The address was refused before any connection.
        Malformed = "malformed",
        Scheme = "scheme",
        Credentials = "credentials",
        Unresolvable = "unresolvable",
        MetadataAddress = "metadata_address",
        InternalAddress = "internal_address",
        LocalPath = "local_path",
        /// Our fault, not the repository's.
        Internal = "internal",
    }
}

impl RepositoryStatus {
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
