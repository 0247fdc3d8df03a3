//! Server functions for the account pages: each takes the viewer from the
//! request and asks one service method, which checks what they may see.

use super::dto::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api/fn", endpoint = "login_options")]
pub async fn fetch_login_options() -> Result<LoginOptions, AppError> {
    Ok(crate::ports::services()?.accounts.login_options())
}

#[server(prefix = "/api/fn", endpoint = "account")]
pub async fn fetch_account() -> Result<AccountOverview, AppError> {
    let viewer = crate::request::require_viewer()?;
    let locale = crate::request::request_locale();
    crate::ports::services()?.accounts.account(&viewer, locale).await
}

#[server(prefix = "/api/fn", endpoint = "members")]
pub async fn fetch_members(slug: String) -> Result<MembersPageData, AppError> {
    let viewer = crate::request::require_viewer()?;
    let locale = crate::request::request_locale();
    crate::ports::services()?.accounts.members(&viewer, &slug, locale).await
}

#[server(prefix = "/api/fn", endpoint = "invitation")]
pub async fn fetch_invitation(token: String) -> Result<InvitationPageData, AppError> {
    let locale = crate::request::request_locale();
    crate::ports::services()?.accounts.invitation(&token, locale).await
}

#[server(prefix = "/api/fn", endpoint = "admin")]
pub async fn fetch_admin() -> Result<AdminPageData, AppError> {
    let viewer = crate::request::require_viewer()?;
    let locale = crate::request::request_locale();
    crate::ports::services()?.accounts.admin(&viewer, locale).await
}

#[server(prefix = "/api/fn", endpoint = "audit")]
pub async fn fetch_audit(slug: Option<String>, page: u32) -> Result<AuditPageData, AppError> {
    let viewer = crate::request::require_viewer()?;
    let locale = crate::request::request_locale();
    crate::ports::services()?
        .accounts
        .audit(&viewer, slug.as_deref(), page, locale)
        .await
}
