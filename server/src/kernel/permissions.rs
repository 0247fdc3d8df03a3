//! The permission vocabulary: who may do what, as pure functions over an
//! [`Actor`]. Every change states its permission to [`super::change`],
//! which asks here before anything is written, whatever the page showed.

use super::actor::Actor;
use super::ids::OrganisationId;
use app::accounts::dto::Role;
use app::error::AppError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgPermission {
    /// See the member list, invitations and requests.
    ReadMembers,
    /// Invite, approve, change roles, remove members, register mail domains.
    ManageMembers,
    /// Publish software and create tokens with `catalog:publish`.
    Publish,
    /// Read the organisation's own audit events.
    ReadAudit,
    /// Make API tokens for the organisation (with the scopes the role allows).
    HoldTokens,
}

/// The least role each permission needs; site administrators hold them all.
fn least_role(permission: OrgPermission) -> Role {
    match permission {
        OrgPermission::ReadMembers | OrgPermission::HoldTokens => Role::Member,
        OrgPermission::Publish => Role::Publisher,
        OrgPermission::ManageMembers | OrgPermission::ReadAudit => Role::Owner,
    }
}

pub fn allows(actor: &Actor, organisation_id: OrganisationId, permission: OrgPermission) -> bool {
    actor.is_site_admin
        || actor
            .role_in(organisation_id)
            .is_some_and(|r| r >= least_role(permission))
}

pub fn require(actor: &Actor, organisation_id: OrganisationId, permission: OrgPermission) -> Result<(), AppError> {
    if allows(actor, organisation_id, permission) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn require_site_admin(actor: &Actor) -> Result<(), AppError> {
    if actor.is_site_admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

crate::closed_set! {
    /// What an API token may do; `api_tokens.scopes` allows exactly these.
    pub enum Scope {
        CatalogPublish = "catalog:publish",
        OrganisationRead = "organisation:read",
        /// Read agreements and declarations as the token's organisation
        /// sees them (confidential parts where it is a party).
        ReuseRead = "reuse:read",
        /// Act for the token's organisation in reuse: declare use, ask
        /// for reuse, take an agreement's steps (each still by its rule).
        ReuseWrite = "reuse:write",
    }
}

impl Scope {
    /// The least role that may hold the scope.
    pub fn least_role(self) -> Role {
        match self {
            Scope::CatalogPublish => Role::Publisher,
            Scope::OrganisationRead | Scope::ReuseRead | Scope::ReuseWrite => Role::Member,
        }
    }
}

/// The scopes a person with `role` may put on a token.
pub fn scopes_for(role: Role) -> Vec<Scope> {
    Scope::ALL.iter().copied().filter(|s| role >= s.least_role()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::actor::Membership;
    use crate::kernel::ids::{OrganisationId, UserId};

    fn actor(admin: bool, roles: &[(OrganisationId, Role)]) -> Actor {
        Actor {
            user_id: UserId::new(),
            display_name: "T".into(),
            is_site_admin: admin,
            memberships: roles
                .iter()
                .map(|(id, role)| Membership {
                    organisation_id: *id,
                    slug: "x".into(),
                    name: "X".into(),
                    role: *role,
                })
                .collect(),
            unread_notifications: 0,
        }
    }

    #[test]
    fn roles_grant_exactly_their_permissions() {
        let org = OrganisationId::new();
        let all = [
            OrgPermission::ReadMembers,
            OrgPermission::Publish,
            OrgPermission::ManageMembers,
            OrgPermission::ReadAudit,
            OrgPermission::HoldTokens,
        ];
        let expect = |role: Option<Role>, admin: bool| -> Vec<bool> {
            let a = actor(admin, &role.map(|r| vec![(org, r)]).unwrap_or_default());
            all.iter().map(|p| allows(&a, org, *p)).collect()
        };
        assert_eq!(expect(None, false), [false, false, false, false, false]);
        assert_eq!(expect(Some(Role::Member), false), [true, false, false, false, true]);
        assert_eq!(expect(Some(Role::Publisher), false), [true, true, false, false, true]);
        assert_eq!(expect(Some(Role::Owner), false), [true, true, true, true, true]);
        assert_eq!(expect(None, true), [true, true, true, true, true]);
    }

    #[test]
    fn a_role_elsewhere_grants_nothing_here() {
        let (mine, theirs) = (OrganisationId::new(), OrganisationId::new());
        let owner_elsewhere = actor(false, &[(mine, Role::Owner)]);
        assert!(!allows(&owner_elsewhere, theirs, OrgPermission::ReadMembers));
        assert_eq!(
            require(&owner_elsewhere, theirs, OrgPermission::Publish),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn members_may_not_hold_publishing_scopes() {
        // Reuse scopes are a member's: the services still ask the role a
        // step needs (a publisher to ask for reuse, an owner to sign).
        assert_eq!(
            scopes_for(Role::Member),
            [Scope::OrganisationRead, Scope::ReuseRead, Scope::ReuseWrite]
        );
        assert_eq!(
            scopes_for(Role::Publisher),
            [
                Scope::CatalogPublish,
                Scope::OrganisationRead,
                Scope::ReuseRead,
                Scope::ReuseWrite
            ]
        );
    }
}
