use super::LegalTexts;
use crate::kernel::map_db_error;
use app::dto::{HomeStats, LegalPage, LegalPageKind};
use app::error::AppError;
use app::i18n::Locale;
use app::ports::SiteService;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

pub struct SiteServiceImpl {
    pub db: DatabaseConnection,
    pub legal: LegalTexts,
}

#[async_trait::async_trait]
impl SiteService for SiteServiceImpl {
    async fn home_stats(&self) -> Result<HomeStats, AppError> {
        let row = self
            .db
            .query_one(Statement::from_string(
                self.db.get_database_backend(),
                "SELECT count(*) AS organisations, count(DISTINCT land) AS laender FROM organisations",
            ))
            .await
            .map_err(map_db_error)?
            .ok_or(AppError::Internal)?;
        Ok(HomeStats {
            organisations: row.try_get("", "organisations").map_err(map_db_error)?,
            laender: row.try_get("", "laender").map_err(map_db_error)?,
        })
    }

    async fn legal_page(&self, kind: LegalPageKind, locale: Locale) -> Result<LegalPage, AppError> {
        Ok(self.legal.page(kind, locale))
    }
}
