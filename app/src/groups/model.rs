//! The closed sets of working groups, shared by pages and server; each is
//! mirrored by a `CHECK` in the schema.

crate::code_set! {
    /// Who may see a group and its threads.
    pub enum Visibility label = "groups.visibility." {
        /// Anyone, signed in or not.
        Public = "public",
        /// Its members (and, for a group of a reuse agreement, the parties'
        /// members, who may join it); outsiders do not learn it exists.
        Members = "members",
    }
}

crate::code_set! {
    /// How one becomes a member.
    pub enum Joining label = "groups.joining." {
        Open = "open",
        /// The chairs and moderators decide each request.
        Request = "request",
        /// Only a chair adds members.
        Invitation = "invitation",
    }
}

crate::code_set! {
    /// A member's place in a group; ordered: member < moderator < chair.
    pub enum GroupRole label = "groups.role." {
        Member = "member",
        /// Pins and locks threads, edits others' posts, decides requests.
        Moderator = "moderator",
        /// Leads the group: all a moderator does, and its settings and roles.
        Chair = "chair",
    }
}

impl GroupRole {
    fn rank(self) -> u8 {
        match self {
            GroupRole::Member => 0,
            GroupRole::Moderator => 1,
            GroupRole::Chair => 2,
        }
    }
}

impl PartialOrd for GroupRole {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for GroupRole {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

crate::code_set! {
    /// The topics of the cooperation a group can be filed under.
    pub enum Topic label = "groups.topic." {
        Ai = "ai",
        DataFabric = "data_fabric",
        ItResilience = "it_resilience",
        OpenSource = "open_source",
        RegisterModernisation = "register_modernisation",
        Ozg = "ozg",
        Accessibility = "accessibility",
        Cloud = "cloud",
    }
}

crate::code_set! {
    /// Why a reader flags a post.
    pub enum FlagReason label = "groups.flag.reason." {
        Spam = "spam",
        OffTopic = "off_topic",
        Inappropriate = "inappropriate",
        /// Names, addresses or case details that do not belong here.
        PersonalData = "personal_data",
        Other = "other",
    }
}

crate::code_set! {
    /// A moderator's step, as the moderation log names it.
    pub enum ModAction label = "groups.modlog.action." {
        HidePost = "hide_post",
        UnhidePost = "unhide_post",
        DismissFlag = "dismiss_flag",
        Pin = "pin",
        Unpin = "unpin",
        Lock = "lock",
        Unlock = "unlock",
    }
}

/// Posts per page of a thread. A post's page follows from its number
/// (numbers are dense and never change), so a permalink stays valid.
pub const POSTS_PER_PAGE: u32 = 20;

/// The page of a thread that shows post `number`.
pub fn page_of(number: u32) -> u32 {
    number.saturating_sub(1) / POSTS_PER_PAGE + 1
}

/// Where a group is shown.
pub fn group_path(slug: &str) -> String {
    format!("/arbeitsgruppen/{slug}")
}

/// Where a thread is shown (its first page).
pub fn thread_path(slug: &str, thread: u32) -> String {
    format!("/arbeitsgruppen/{slug}/themen/{thread}")
}

/// The address of one post: its page of the thread and its anchor.
pub fn post_path(slug: &str, thread: u32, post: u32) -> String {
    let page = page_of(post);
    let query = if page > 1 {
        format!("?seite={page}")
    } else {
        String::new()
    };
    format!("{}{query}#beitrag-{post}", thread_path(slug, thread))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_keeps_its_page_and_address() {
        assert_eq!(page_of(1), 1);
        assert_eq!(page_of(20), 1);
        assert_eq!(page_of(21), 2);
        assert_eq!(page_of(1000), 50);
        assert_eq!(post_path("ki", 3, 1), "/arbeitsgruppen/ki/themen/3#beitrag-1");
        assert_eq!(post_path("ki", 3, 41), "/arbeitsgruppen/ki/themen/3?seite=3#beitrag-41");
    }

    #[test]
    fn roles_are_ordered() {
        assert!(GroupRole::Member < GroupRole::Moderator && GroupRole::Moderator < GroupRole::Chair);
    }
}
