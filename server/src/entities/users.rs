//! `users`: people, however they sign in.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub display_name: String,
    /// Contact address; verified when a mail link was followed or the
    /// identity provider vouched for it.
    #[sea_orm(column_type = "Text")]
    pub email: Option<String>,
    pub email_verified: bool,
    /// `de` or `en`.
    #[sea_orm(column_type = "Text")]
    pub locale: String,
    pub is_site_admin: bool,
    /// Shown instead of the name once the account is deleted.
    #[sea_orm(column_type = "Text")]
    pub pseudonym: String,
    pub created_at: DateTimeUtc,
    pub last_login_at: Option<DateTimeUtc>,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::api_tokens::Entity")]
    ApiTokens,
    #[sea_orm(has_many = "super::audit_events::Entity")]
    AuditEvents,
    #[sea_orm(has_one = "super::local_logins::Entity")]
    LocalLogin,
    #[sea_orm(has_many = "super::mail_tokens::Entity")]
    MailTokens,
    #[sea_orm(has_many = "super::memberships::Entity")]
    Memberships,
    #[sea_orm(has_many = "super::oidc_identities::Entity")]
    OidcIdentities,
    #[sea_orm(has_many = "super::sessions::Entity")]
    Sessions,
}

impl Related<super::api_tokens::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ApiTokens.def()
    }
}

impl Related<super::audit_events::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AuditEvents.def()
    }
}

impl Related<super::local_logins::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LocalLogin.def()
    }
}

impl Related<super::mail_tokens::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MailTokens.def()
    }
}

impl Related<super::memberships::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Memberships.def()
    }
}

impl Related<super::oidc_identities::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OidcIdentities.def()
    }
}

impl Related<super::sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Sessions.def()
    }
}

/// The administrations this person is a member of, through `memberships`.
impl Related<super::organisations::Entity> for Entity {
    fn to() -> RelationDef {
        super::memberships::Relation::Organisation.def()
    }

    fn via() -> Option<RelationDef> {
        Some(super::memberships::Relation::User.def().rev())
    }
}

impl ActiveModelBehavior for ActiveModel {}
