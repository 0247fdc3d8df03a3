//! Server functions: thin adapters that take what they need from the context,
//! call one service method and return its result.

use crate::dto::{HomeStats, LegalPage, LegalPageKind};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api/fn", endpoint = "home_stats")]
pub async fn fetch_home_stats() -> Result<HomeStats, AppError> {
    crate::ports::services()?.site.home_stats().await
}

#[server(prefix = "/api/fn", endpoint = "legal_page")]
pub async fn fetch_legal_page(kind: LegalPageKind) -> Result<LegalPage, AppError> {
    let locale = crate::request::request_locale();
    crate::ports::services()?.site.legal_page(kind, locale).await
}
