//! Signing in, the account page, memberships and site administration.
//! Reads come through server functions; every change is a plain form POST to
//! the server's handlers, so all of it works without JavaScript.

mod account_page;
mod admin_page;
pub mod api;
mod audit_page;
pub mod dto;
mod invitation_page;
mod login_page;
mod members_page;
mod password_pages;
mod register_page;

pub use account_page::AccountPage;
pub use admin_page::AdminPage;
pub use audit_page::{OrganisationAuditPage, SiteAuditPage};
pub use invitation_page::InvitationPage;
pub use login_page::LoginPage;
pub use members_page::{MembersPage, MembershipPanel};
pub use password_pages::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage};
pub use register_page::RegisterPage;
