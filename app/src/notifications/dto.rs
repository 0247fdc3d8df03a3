//! What the notifications page shows.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationsPageData {
    pub items: Vec<NotificationItem>,
    pub unread: i64,
    pub page: u32,
    pub has_more: bool,
    /// How each kind goes by mail.
    pub settings: Vec<NotificationSetting>,
    /// The confirmed address mails go to; none: no mail can be sent.
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationItem {
    pub id: String,
    /// The sentence, in the reader's language.
    pub text: String,
    /// Where to look: a path on this site.
    pub link: String,
    pub created_at: String,
    pub read: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationSetting {
    /// The kind's code (`join_request`); labelled `notification.kind.<code>`.
    pub kind: String,
    /// `none`, `immediately`, `daily` or `weekly`.
    pub delivery: String,
    /// False for a kind that arrives as its own mail anyway (an invitation).
    pub mailable: bool,
}

/// The choices a kind's setting offers, in order.
pub const DELIVERIES: [&str; 4] = ["none", "immediately", "daily", "weekly"];
