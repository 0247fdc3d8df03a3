//! What the pages of working groups get from the server.

use super::model::{FlagReason, GroupRole, Joining, ModAction, Topic, Visibility};
use super::rules::JoinPath;
use serde::{Deserialize, Serialize};

/// A group as the directory lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCard {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub visibility: Visibility,
    pub joining: Joining,
    pub topics: Vec<Topic>,
    pub land: Option<String>,
    /// The catalog entry it is about: slug and name.
    pub software: Option<(String, String)>,
    pub members: u32,
    pub threads: u32,
    /// UTC, RFC 3339.
    pub last_activity_at: String,
    /// The reader's role in it.
    pub role: Option<GroupRole>,
    /// Posts the reader has not seen, for a member.
    pub unread: Option<u32>,
}

/// One page of the directory, with the count per topic over the other
/// filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupDirectory {
    pub items: Vec<GroupCard>,
    pub total: u64,
    pub by_topic: Vec<(Topic, u64)>,
    /// Whether the reader may found a group.
    pub may_create: bool,
}

/// A thread as the group page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub number: u32,
    pub title: String,
    pub author: String,
    pub pinned: bool,
    pub locked: bool,
    pub posts: u32,
    /// UTC, RFC 3339.
    pub last_post_at: String,
    /// Posts the signed-in reader has not seen.
    pub unread: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    /// For the chairs, who change roles and remove members.
    pub user_id: Option<String>,
    pub name: String,
    pub role: GroupRole,
    pub joined_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequestView {
    pub user_id: String,
    pub name: String,
    pub message: String,
    pub created_at: String,
}

/// What the reader may do in the group; the service decides, the page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Abilities {
    pub role: Option<GroupRole>,
    pub signed_in: bool,
    /// How the reader would join, if they may.
    pub join: Option<JoinPath>,
    /// The reader's request waits for a decision.
    pub requested: bool,
    pub post: bool,
    pub moderate: bool,
    pub decide_requests: bool,
    pub lead: bool,
}

/// The group's own heading, shared by its pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupHeader {
    pub slug: String,
    pub name: String,
    pub visibility: Visibility,
}

/// `/arbeitsgruppen/:slug`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPageData {
    pub header: GroupHeader,
    pub summary: String,
    /// Sanitised when written.
    pub description_html: String,
    pub joining: Joining,
    pub topics: Vec<Topic>,
    pub land: Option<String>,
    pub software: Option<(String, String)>,
    /// The reuse agreement whose steering circle it is: id and software name.
    pub agreement: Option<(String, String)>,
    /// One page of the threads, and which.
    pub threads: Vec<ThreadSummary>,
    pub thread_page: u32,
    pub thread_pages: u32,
    pub members: Vec<MemberView>,
    /// Only for those who decide them.
    pub requests: Vec<JoinRequestView>,
    /// Posts with open flags (for the moderators; 0 for everyone else).
    pub flagged_posts: u32,
    pub you: Abilities,
}

/// A post as the thread shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub number: u32,
    pub author: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub revisions: u32,
    /// Sanitised when written.
    pub body_html: String,
    pub reply_to: Option<Quoted>,
    pub may_edit: bool,
    /// Hidden by a moderator. Readers see the reason in place of the text;
    /// moderators see both.
    pub hidden: Option<HiddenView>,
    /// The first post the reader had not seen before this visit.
    pub first_unread: bool,
}

/// Why and by whom a post was hidden.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenView {
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// The post a reply answers: its number, author and the start of its text
/// (plain text, escaped on output).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quoted {
    pub number: u32,
    pub author: String,
    /// Empty when the post is hidden.
    pub excerpt: String,
    pub hidden: bool,
}

/// `/arbeitsgruppen/:slug/themen/:number`, one page of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadPageData {
    pub header: GroupHeader,
    pub number: u32,
    pub title: String,
    pub pinned: bool,
    pub locked: bool,
    pub posts: Vec<PostView>,
    pub page: u32,
    pub pages: u32,
    pub you: Abilities,
}

/// One post with the texts its edits replaced, and whether the reader may edit it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostEditData {
    pub header: GroupHeader,
    pub thread: u32,
    pub thread_title: String,
    pub number: u32,
    pub body_md: String,
    /// Earlier texts, newest first.
    pub history: Vec<Revision>,
    pub may_edit: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub revision: u32,
    pub editor: String,
    pub edited_at: String,
    pub body_md: String,
}

/// What the form for a new group offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGroupData {
    /// The catalog entry it is to be about (`?software=` from the entry's
    /// page): slug and name.
    pub software: Option<(String, String)>,
    /// Agreements of the reader's organisations: id and title.
    pub agreements: Vec<(String, String)>,
}

/// One step in a group's moderation log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModLogEntry {
    pub moderator: String,
    pub action: ModAction,
    /// The thread's number and title.
    pub thread: Option<(u32, String)>,
    pub post: Option<u32>,
    pub reason: String,
    pub at: String,
}

/// `/arbeitsgruppen/:slug/moderationsprotokoll`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModLogPage {
    pub header: GroupHeader,
    pub entries: Vec<ModLogEntry>,
}

/// One reader's flag on a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagView {
    pub id: String,
    pub reason: FlagReason,
    pub note: String,
    pub by: String,
    pub at: String,
}

/// A post as the moderators' pages show it: the review queue, the flag
/// form, the moderation form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeratedPost {
    pub thread: u32,
    pub thread_title: String,
    pub number: u32,
    pub author: String,
    /// The text as sanitised HTML; empty for a hidden post unless the
    /// reader moderates.
    pub body_html: String,
    pub hidden: Option<HiddenView>,
    /// Open flags, for the moderators only.
    pub flags: Vec<FlagView>,
}

/// `/arbeitsgruppen/:slug/pruefen`: posts with open flags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPage {
    pub header: GroupHeader,
    pub posts: Vec<ModeratedPost>,
}

/// The flag form and the moderation form of one post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostModerationData {
    pub header: GroupHeader,
    pub post: ModeratedPost,
    pub may_moderate: bool,
    /// The reader flagged it already (open flag).
    pub flagged_by_you: bool,
}
