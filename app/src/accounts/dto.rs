//! What the account, membership and administration pages show.

use crate::directory::dto::OrganisationSummary;
use serde::{Deserialize, Serialize};

/// A person's role in one administration. Ordered: an owner may do
/// everything a publisher may, a publisher everything a member may.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    Member,
    Publisher,
    Owner,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Member, Role::Publisher, Role::Owner];

    pub fn code(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Publisher => "publisher",
            Role::Owner => "owner",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Role::Member => "role.member",
            Role::Publisher => "role.publisher",
            Role::Owner => "role.owner",
        }
    }
}

/// The signed-in person looking at the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: String,
    pub display_name: String,
    pub is_site_admin: bool,
    pub memberships: Vec<MembershipRef>,
    /// Shown as the header's badge.
    #[serde(default)]
    pub unread_notifications: i64,
}

impl Viewer {
    pub fn role_in(&self, slug: &str) -> Option<Role> {
        self.memberships.iter().find(|m| m.slug == slug).map(|m| m.role)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipRef {
    pub organisation_id: String,
    pub slug: String,
    pub name: String,
    pub role: Role,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderInfo {
    pub id: String,
    pub name: String,
}

/// How one can sign in on this instance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginOptions {
    pub local_accounts: bool,
    pub providers: Vec<ProviderInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub created_at: String,
    pub last_seen_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenInfo {
    pub id: String,
    pub name: String,
    pub prefix: String,
    pub organisation: String,
    pub scopes: Vec<String>,
    pub created_at: String,
    pub expires_at: String,
    pub last_used_at: Option<String>,
    pub revoked: bool,
    pub expired: bool,
}

/// `/konto`: everything about the signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountOverview {
    pub display_name: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub locale: String,
    /// Names of the identity providers linked to the account.
    pub identities: Vec<String>,
    pub has_password: bool,
    pub memberships: Vec<MembershipRef>,
    pub pending_requests: Vec<OrganisationSummary>,
    pub sessions: Vec<SessionInfo>,
    pub tokens: Vec<TokenInfo>,
    /// Organisations the person may create tokens for, with the scopes each allows.
    pub token_targets: Vec<TokenTarget>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenTarget {
    pub slug: String,
    pub name: String,
    pub scopes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberInfo {
    pub user_id: String,
    pub display_name: String,
    pub email: Option<String>,
    pub role: Role,
    pub since: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub expires_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequestInfo {
    pub id: String,
    pub display_name: String,
    pub message: String,
    pub created_at: String,
}

/// `/verwaltungen/:slug/mitglieder`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersPageData {
    pub organisation: OrganisationSummary,
    /// Owners and site administrators manage; members only read.
    pub can_manage: bool,
    pub members: Vec<MemberInfo>,
    pub invitations: Vec<InvitationInfo>,
    pub requests: Vec<JoinRequestInfo>,
    pub domains: Vec<String>,
}

/// `/einladung?token=…`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPageData {
    pub organisation: OrganisationSummary,
    pub email: String,
    pub role: Role,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub occurred_at: String,
    pub actor: Option<String>,
    pub organisation: Option<String>,
    pub action: String,
    pub subject: String,
    pub ip: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPageData {
    /// `None` for the site-wide log.
    pub organisation: Option<OrganisationSummary>,
    pub entries: Vec<AuditEntry>,
    pub page: u32,
    pub has_more: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminUser {
    pub id: String,
    pub display_name: String,
    pub email: Option<String>,
    pub is_site_admin: bool,
    pub created_at: String,
    pub last_login_at: Option<String>,
}

/// `/admin`: people and administrations awaiting verification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPageData {
    pub users: Vec<AdminUser>,
    pub organisations: Vec<OrganisationSummary>,
}

/// The date of a `YYYY-MM-DD…` timestamp or date, for the reader's language.
pub fn format_date(locale: crate::i18n::Locale, iso: &str) -> String {
    let Some(date) = iso.get(0..10) else {
        return iso.to_owned();
    };
    match locale {
        crate::i18n::Locale::De => date.split('-').rev().collect::<Vec<_>>().join("."),
        crate::i18n::Locale::En => date.to_owned(),
    }
}

/// Formats a `YYYY-MM-DDTHH:MM…` UTC timestamp for the reader's language.
pub fn format_timestamp(locale: crate::i18n::Locale, iso: &str) -> String {
    let (Some(date), Some(time)) = (iso.get(0..10), iso.get(11..16)) else {
        return iso.to_owned();
    };
    match locale {
        crate::i18n::Locale::De => {
            let mut parts = date.split('-');
            let (y, m, d) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
            );
            format!("{d}.{m}.{y}, {time} UTC")
        }
        crate::i18n::Locale::En => format!("{date} {time} UTC"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn roles_are_ordered_by_power() {
        assert!(Role::Owner > Role::Publisher && Role::Publisher > Role::Member);
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("admin"), None);
    }

    #[test]
    fn dates_follow_the_language() {
        assert_eq!(format_date(Locale::De, "2026-11-27T14:05:09Z"), "27.11.2026");
        assert_eq!(format_date(Locale::En, "2026-11-27"), "2026-11-27");
        assert_eq!(format_date(Locale::De, "bad"), "bad");
    }

    #[test]
    fn timestamps_follow_the_language() {
        assert_eq!(
            format_timestamp(Locale::De, "2026-11-27T14:05:09Z"),
            "27.11.2026, 14:05 UTC"
        );
        assert_eq!(
            format_timestamp(Locale::En, "2026-11-27T14:05:09Z"),
            "2026-11-27 14:05 UTC"
        );
        assert_eq!(format_timestamp(Locale::En, "bad"), "bad");
    }
}
