use super::ids::{OrganisationId, UserId};
use app::accounts::dto::{MembershipRef, Role, Viewer};

/// Who is acting: a signed-in person with their roles, loaded fresh for every
/// request, so that a revoked role takes effect at once.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: UserId,
    pub display_name: String,
    pub is_site_admin: bool,
    pub memberships: Vec<Membership>,
    /// For the header's badge: read with the rest, in the same statement.
    pub unread_notifications: i64,
}

#[derive(Clone, Debug)]
pub struct Membership {
    pub organisation_id: OrganisationId,
    pub slug: String,
    pub name: String,
    pub role: Role,
}

impl Actor {
    pub fn role_in(&self, organisation_id: OrganisationId) -> Option<Role> {
        self.memberships
            .iter()
            .find(|m| m.organisation_id == organisation_id)
            .map(|m| m.role)
    }

    /// The actor as an API token acts: only the token's organisation, with
    /// the owner's role there, and no site administration. A token made for
    /// one organisation never reaches another, whatever else its owner may.
    pub fn confined_to(mut self, organisation_id: OrganisationId) -> Actor {
        self.is_site_admin = false;
        self.memberships.retain(|m| m.organisation_id == organisation_id);
        self
    }

    /// What the pages are told about the actor.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            user_id: self.user_id.to_string(),
            display_name: self.display_name.clone(),
            is_site_admin: self.is_site_admin,
            unread_notifications: self.unread_notifications,
            memberships: self
                .memberships
                .iter()
                .map(|m| MembershipRef {
                    organisation_id: m.organisation_id.to_string(),
                    slug: m.slug.clone(),
                    name: m.name.clone(),
                    role: m.role,
                })
                .collect(),
        }
    }

    /// The actor behind a viewer. The viewer is what the session layer built
    /// from this request's fresh database read, so nothing is read again.
    pub fn from_viewer(viewer: &Viewer) -> Option<Actor> {
        Some(Actor {
            user_id: UserId::parse(&viewer.user_id)?,
            display_name: viewer.display_name.clone(),
            is_site_admin: viewer.is_site_admin,
            unread_notifications: viewer.unread_notifications,
            memberships: viewer
                .memberships
                .iter()
                .map(|m| {
                    Some(Membership {
                        organisation_id: OrganisationId::parse(&m.organisation_id)?,
                        slug: m.slug.clone(),
                        name: m.name.clone(),
                        role: m.role,
                    })
                })
                .collect::<Option<_>>()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_actor_survives_the_way_through_the_viewer() {
        let actor = Actor {
            user_id: UserId::new(),
            display_name: "Pia".into(),
            is_site_admin: false,
            memberships: vec![Membership {
                organisation_id: OrganisationId::new(),
                slug: "kiel".into(),
                name: "Landeshauptstadt Kiel".into(),
                role: Role::Publisher,
            }],
            unread_notifications: 2,
        };
        let back = Actor::from_viewer(&actor.viewer()).unwrap();
        assert_eq!(back.user_id, actor.user_id);
        assert_eq!(
            back.role_in(actor.memberships[0].organisation_id),
            Some(Role::Publisher)
        );
        let mut broken = actor.viewer();
        broken.user_id = "not-a-uuid".into();
        assert!(Actor::from_viewer(&broken).is_none());
    }
}
