//! Who may do what in a working group, as one pure function over how the
//! person stands to the group and its settings. The service asks it inside
//! the transaction that makes the change; the pages ask it to decide which
//! controls to show, and nothing more.

use super::model::{GroupRole, Joining, Visibility};

/// How a person stands to one group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    pub signed_in: bool,
    pub site_admin: bool,
    /// Their role, if they are a member.
    pub role: Option<GroupRole>,
    /// A member of a party to the group's reuse agreement: sees the group
    /// and may join it whatever its joining rule.
    pub party_member: bool,
}

impl Standing {
    pub const ANONYMOUS: Standing = Standing {
        signed_in: false,
        site_admin: false,
        role: None,
        party_member: false,
    };

    fn at_least(self, role: GroupRole) -> bool {
        self.site_admin || self.role.is_some_and(|r| r >= role)
    }
}

/// A group's settings that the rules read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub visibility: Visibility,
    pub joining: Joining,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Read,
    Join,
    Leave,
    StartThread,
    /// Reply in a thread, which may be locked.
    Reply {
        locked: bool,
    },
    /// Edit a post; `own` when the person wrote it.
    EditPost {
        own: bool,
    },
    /// Pin, unpin, lock, unlock; hide a post; decide flags.
    Moderate,
    /// Flag a post for the moderators: anyone signed in who reads it.
    Flag,
    /// Approve or decline requests to join.
    DecideRequests,
    /// Change the settings, roles, remove members.
    Lead,
}

/// How joining goes for the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum JoinPath {
    Direct,
    Request,
}

/// Why not; the service turns it into the answer (404, 401, 403, 409).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The person may not know the group exists.
    Hidden,
    SignInFirst,
    NotAMember,
    NeedsModerator,
    NeedsChair,
    AlreadyMember,
    InvitationOnly,
    Locked,
}

impl Refusal {
    /// The catalog key of the sentence that explains a conflict.
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::Hidden => "error.not_found.text",
            Refusal::SignInFirst => "groups.error.sign_in",
            Refusal::NotAMember => "groups.error.not_a_member",
            Refusal::NeedsModerator => "groups.error.needs_moderator",
            Refusal::NeedsChair => "groups.error.needs_chair",
            Refusal::AlreadyMember => "groups.error.already_member",
            Refusal::InvitationOnly => "groups.error.invitation_only",
            Refusal::Locked => "groups.error.locked",
        }
    }
}

pub fn may_read(standing: Standing, settings: Settings) -> bool {
    settings.visibility == Visibility::Public || standing.site_admin || standing.role.is_some() || standing.party_member
}

/// Whether `standing` may take `action` in a group with `settings`.
pub fn check(standing: Standing, settings: Settings, action: Action) -> Result<(), Refusal> {
    if !may_read(standing, settings) {
        return Err(Refusal::Hidden);
    }
    if action == Action::Read {
        return Ok(());
    }
    if !standing.signed_in {
        return Err(Refusal::SignInFirst);
    }
    let member = standing.role.is_some();
    match action {
        Action::Read => Ok(()),
        Action::Join => join(standing, settings).map(|_| ()),
        Action::Flag => Ok(()),
        Action::Leave | Action::StartThread if !member => Err(Refusal::NotAMember),
        Action::Leave | Action::StartThread => Ok(()),
        Action::Reply { .. } if !member => Err(Refusal::NotAMember),
        Action::Reply { locked: true } if !standing.at_least(GroupRole::Moderator) => Err(Refusal::Locked),
        Action::Reply { .. } => Ok(()),
        // One's own post while one is a member; anyone's as a moderator.
        Action::EditPost { own: true } if member => Ok(()),
        Action::EditPost { .. } | Action::Moderate | Action::DecideRequests => {
            if standing.at_least(GroupRole::Moderator) {
                Ok(())
            } else if member {
                Err(Refusal::NeedsModerator)
            } else {
                Err(Refusal::NotAMember)
            }
        }
        Action::Lead if standing.at_least(GroupRole::Chair) => Ok(()),
        Action::Lead if member => Err(Refusal::NeedsChair),
        Action::Lead => Err(Refusal::NotAMember),
    }
}

/// How the person joins, or why they cannot.
pub fn join(standing: Standing, settings: Settings) -> Result<JoinPath, Refusal> {
    if !may_read(standing, settings) {
        return Err(Refusal::Hidden);
    }
    if !standing.signed_in {
        return Err(Refusal::SignInFirst);
    }
    if standing.role.is_some() {
        return Err(Refusal::AlreadyMember);
    }
    if standing.party_member {
        return Ok(JoinPath::Direct);
    }
    match settings.joining {
        Joining::Open => Ok(JoinPath::Direct),
        Joining::Request => Ok(JoinPath::Request),
        Joining::Invitation => Err(Refusal::InvitationOnly),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLIC_OPEN: Settings = Settings {
        visibility: Visibility::Public,
        joining: Joining::Open,
    };
    const CLOSED: Settings = Settings {
        visibility: Visibility::Members,
        joining: Joining::Invitation,
    };

    fn signed_in() -> Standing {
        Standing {
            signed_in: true,
            ..Standing::ANONYMOUS
        }
    }

    fn member(role: GroupRole) -> Standing {
        Standing {
            role: Some(role),
            ..signed_in()
        }
    }

    #[test]
    fn a_members_only_group_is_hidden_from_everyone_else() {
        for outsider in [Standing::ANONYMOUS, signed_in()] {
            for action in [Action::Read, Action::Join, Action::StartThread, Action::Moderate] {
                assert_eq!(check(outsider, CLOSED, action), Err(Refusal::Hidden), "{action:?}");
            }
        }
        assert_eq!(check(member(GroupRole::Member), CLOSED, Action::Read), Ok(()));
        let admin = Standing {
            site_admin: true,
            ..signed_in()
        };
        assert_eq!(check(admin, CLOSED, Action::Read), Ok(()));
        let party = Standing {
            party_member: true,
            ..signed_in()
        };
        assert_eq!(join(party, CLOSED), Ok(JoinPath::Direct), "a party's member may join");
    }

    #[test]
    fn joining_follows_the_groups_rule() {
        let request = Settings {
            joining: Joining::Request,
            ..PUBLIC_OPEN
        };
        let invitation = Settings {
            joining: Joining::Invitation,
            ..PUBLIC_OPEN
        };
        assert_eq!(join(signed_in(), PUBLIC_OPEN), Ok(JoinPath::Direct));
        assert_eq!(join(signed_in(), request), Ok(JoinPath::Request));
        assert_eq!(join(signed_in(), invitation), Err(Refusal::InvitationOnly));
        assert_eq!(join(Standing::ANONYMOUS, PUBLIC_OPEN), Err(Refusal::SignInFirst));
        assert_eq!(
            join(member(GroupRole::Member), PUBLIC_OPEN),
            Err(Refusal::AlreadyMember)
        );
    }

    #[test]
    fn posting_needs_membership_and_a_locked_thread_a_moderator() {
        assert_eq!(check(Standing::ANONYMOUS, PUBLIC_OPEN, Action::Read), Ok(()));
        assert_eq!(
            check(Standing::ANONYMOUS, PUBLIC_OPEN, Action::StartThread),
            Err(Refusal::SignInFirst)
        );
        assert_eq!(
            check(signed_in(), PUBLIC_OPEN, Action::StartThread),
            Err(Refusal::NotAMember)
        );
        let m = member(GroupRole::Member);
        assert_eq!(check(m, PUBLIC_OPEN, Action::Reply { locked: false }), Ok(()));
        assert_eq!(
            check(m, PUBLIC_OPEN, Action::Reply { locked: true }),
            Err(Refusal::Locked)
        );
        assert_eq!(
            check(
                member(GroupRole::Moderator),
                PUBLIC_OPEN,
                Action::Reply { locked: true }
            ),
            Ok(())
        );
    }

    #[test]
    fn moderation_and_lead_follow_the_roles() {
        let m = member(GroupRole::Member);
        let moderator = member(GroupRole::Moderator);
        let chair = member(GroupRole::Chair);
        assert_eq!(check(m, PUBLIC_OPEN, Action::EditPost { own: true }), Ok(()));
        assert_eq!(
            check(m, PUBLIC_OPEN, Action::EditPost { own: false }),
            Err(Refusal::NeedsModerator)
        );
        assert_eq!(
            check(signed_in(), PUBLIC_OPEN, Action::EditPost { own: true }),
            Err(Refusal::NotAMember)
        );
        assert_eq!(check(moderator, PUBLIC_OPEN, Action::EditPost { own: false }), Ok(()));
        assert_eq!(check(moderator, PUBLIC_OPEN, Action::Moderate), Ok(()));
        assert_eq!(check(moderator, PUBLIC_OPEN, Action::DecideRequests), Ok(()));
        assert_eq!(check(moderator, PUBLIC_OPEN, Action::Lead), Err(Refusal::NeedsChair));
        assert_eq!(check(chair, PUBLIC_OPEN, Action::Lead), Ok(()));
        assert_eq!(check(m, PUBLIC_OPEN, Action::Moderate), Err(Refusal::NeedsModerator));
        assert_eq!(check(signed_in(), PUBLIC_OPEN, Action::Lead), Err(Refusal::NotAMember));
        assert_eq!(check(signed_in(), PUBLIC_OPEN, Action::Flag), Ok(()));
        assert_eq!(
            check(Standing::ANONYMOUS, PUBLIC_OPEN, Action::Flag),
            Err(Refusal::SignInFirst)
        );
        assert_eq!(check(signed_in(), CLOSED, Action::Flag), Err(Refusal::Hidden));
    }
}
