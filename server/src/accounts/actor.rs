use app::accounts::dto::{MembershipRef, Role, Viewer};
use uuid::Uuid;

/// Who is acting: a signed-in person with their roles, loaded fresh for every
/// request, so that a revoked role takes effect at once.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: Uuid,
    pub display_name: String,
    pub is_site_admin: bool,
    pub memberships: Vec<Membership>,
}

#[derive(Clone, Debug)]
pub struct Membership {
    pub organisation_id: Uuid,
    pub slug: String,
    pub name: String,
    pub role: Role,
}

impl Actor {
    pub fn role_in(&self, organisation_id: Uuid) -> Option<Role> {
        self.memberships
            .iter()
            .find(|m| m.organisation_id == organisation_id)
            .map(|m| m.role)
    }

    /// What the pages are told about the actor.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            user_id: self.user_id.to_string(),
            display_name: self.display_name.clone(),
            is_site_admin: self.is_site_admin,
            memberships: self
                .memberships
                .iter()
                .map(|m| MembershipRef {
                    slug: m.slug.clone(),
                    name: m.name.clone(),
                    role: m.role,
                })
                .collect(),
        }
    }
}
