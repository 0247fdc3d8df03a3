//! Typed IDs: a `UserId` can never be passed where an `OrganisationId` is
//! meant (Lemmy's `newtypes.rs`). Each is a UUID in the database and binds
//! and reads like one (`DeriveValueType`), so `id.into()` still gives a
//! statement parameter and `sql::value::<UserId>` reads one.

macro_rules! typed_id {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, sea_orm::DeriveValueType,
        )]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            pub fn new() -> Self {
                Self(uuid::Uuid::new_v4())
            }

            pub fn uuid(self) -> uuid::Uuid {
                self.0
            }

            pub fn parse(text: &str) -> Option<Self> {
                uuid::Uuid::parse_str(text).ok().map(Self)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl From<uuid::Uuid> for $name {
            fn from(id: uuid::Uuid) -> Self {
                Self(id)
            }
        }

        // Entities with a typed primary key need it; a UUID never comes
        // from an auto-increment.
        impl sea_orm::TryFromU64 for $name {
            fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
                Err(sea_orm::DbErr::ConvertFromU64(stringify!($name)))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

typed_id! {
    /// A person with an account.
    UserId,
    /// An administration (or other organisation) in the directory.
    OrganisationId,
    /// A catalog entry.
    SoftwareId,
    /// A mirrored Git repository.
    RepositoryId,
    /// One notification for one person.
    NotificationId,
    /// A reuse agreement between administrations.
    AgreementId,
    /// An organisation's declaration that it uses a catalog entry.
    DeclarationId,
    /// One block of an agreement's costs.
    CostBlockId,
    /// A document filed with an agreement.
    DocumentId,
    /// A working group.
    GroupId,
    /// A thread in a working group.
    ThreadId,
    /// A post in a thread.
    PostId,
    /// A reader's flag on a post.
    FlagId,
    /// One entry of a group's moderation log.
    ModLogId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_prints_and_parses_as_its_uuid() {
        let id = UserId::new();
        assert_eq!(UserId::parse(&id.to_string()), Some(id));
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
        assert_eq!(UserId::parse("not-a-uuid"), None);
    }
}
