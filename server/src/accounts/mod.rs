//! Accounts and administrations: the public directory, sign-in (OpenID
//! Connect and local accounts), roles in organisations, API tokens, the
//! audit log and a person's own data. Every write goes through [`crate::kernel::change`].

mod administration;
pub mod api_tokens;
mod directory;
mod identities;
pub mod local_logins;
mod login_throttle;
pub mod memberships;
pub mod oidc;
pub mod organisations;
mod passwords;
pub mod personal_data;
mod rate_limit;
mod reads;
mod secret_token;
mod service;
pub mod users;
pub mod validate;

pub use crate::kernel::actor::{Actor, Membership};
pub use directory::DirectoryServiceImpl;
pub use passwords::hash as hash_password;
pub use service::{AccountSettings, Accounts};
