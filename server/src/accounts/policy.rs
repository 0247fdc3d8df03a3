//! Who may do what, as pure functions over an [`Actor`]: every service asks
//! here before it changes anything, whatever the page showed.

use super::Actor;
use app::accounts::dto::Role;
use app::error::AppError;
use uuid::Uuid;

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
}

/// The least role each permission needs; site administrators hold them all.
fn least_role(permission: OrgPermission) -> Role {
    match permission {
        OrgPermission::ReadMembers => Role::Member,
        OrgPermission::Publish => Role::Publisher,
        OrgPermission::ManageMembers | OrgPermission::ReadAudit => Role::Owner,
    }
}

pub fn allows(actor: &Actor, organisation_id: Uuid, permission: OrgPermission) -> bool {
    actor.is_site_admin
        || actor
            .role_in(organisation_id)
            .is_some_and(|r| r >= least_role(permission))
}

pub fn require(actor: &Actor, organisation_id: Uuid, permission: OrgPermission) -> Result<(), AppError> {
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

/// API token scopes and the least role that may hold each.
pub const SCOPES: [(&str, Role); 2] = [
    ("catalog:publish", Role::Publisher),
    ("organisation:read", Role::Member),
];

/// The scopes a person with `role` may put on a token.
pub fn scopes_for(role: Role) -> Vec<&'static str> {
    SCOPES
        .iter()
        .filter(|(_, least)| role >= *least)
        .map(|(s, _)| *s)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::actor::Membership;

    fn actor(admin: bool, roles: &[(Uuid, Role)]) -> Actor {
        Actor {
            user_id: Uuid::new_v4(),
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
        }
    }

    #[test]
    fn roles_grant_exactly_their_permissions() {
        let org = Uuid::new_v4();
        let all = [
            OrgPermission::ReadMembers,
            OrgPermission::Publish,
            OrgPermission::ManageMembers,
            OrgPermission::ReadAudit,
        ];
        let expect = |role: Option<Role>, admin: bool| -> Vec<bool> {
            let a = actor(admin, &role.map(|r| vec![(org, r)]).unwrap_or_default());
            all.iter().map(|p| allows(&a, org, *p)).collect()
        };
        assert_eq!(expect(None, false), [false, false, false, false]);
        assert_eq!(expect(Some(Role::Member), false), [true, false, false, false]);
        assert_eq!(expect(Some(Role::Publisher), false), [true, true, false, false]);
        assert_eq!(expect(Some(Role::Owner), false), [true, true, true, true]);
        assert_eq!(expect(None, true), [true, true, true, true]);
    }

    #[test]
    fn a_role_elsewhere_grants_nothing_here() {
        let (mine, theirs) = (Uuid::new_v4(), Uuid::new_v4());
        let owner_elsewhere = actor(false, &[(mine, Role::Owner)]);
        assert!(!allows(&owner_elsewhere, theirs, OrgPermission::ReadMembers));
        assert_eq!(
            require(&owner_elsewhere, theirs, OrgPermission::Publish),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn members_may_not_hold_publishing_scopes() {
        assert_eq!(scopes_for(Role::Member), ["organisation:read"]);
        assert_eq!(scopes_for(Role::Publisher), ["catalog:publish", "organisation:read"]);
    }
}
