//! Reuse as the pages reach it (`app::ports::ReuseService`).

use super::Reuse;
use crate::db::sql;
use crate::kernel::{Actor, AgreementId, OrganisationId};
use app::accounts::dto::{Role, Viewer};
use app::error::AppError;
use app::ports::ReuseService;
use app::reuse::dto::{AgreementList, AgreementView, EntryReuse, ReuseRequestForm};
use app::reuse::query::AgreementQuery;
use app::reuse::report::{ReuseGraph, ReuseReport};
use app::reuse::usage::UsageFormData;
use sea_orm::FromQueryResult;

#[async_trait::async_trait]
impl ReuseService for Reuse {
    async fn agreement(&self, viewer: Option<&Viewer>, id: &str) -> Result<AgreementView, AppError> {
        let id = AgreementId::parse(id).ok_or(AppError::NotFound)?;
        let reader = viewer.and_then(Actor::from_viewer);
        Reuse::agreement(self, reader.as_ref(), id).await
    }

    async fn agreements(&self, query: &AgreementQuery) -> Result<AgreementList, AppError> {
        Reuse::agreements(self, query).await
    }

    async fn entry_reuse(&self, viewer: Option<&Viewer>, software_slug: &str) -> Result<EntryReuse, AppError> {
        let reader = viewer.and_then(Actor::from_viewer);
        let mut reuse = Reuse::entry_reuse(self, software_slug).await?;
        reuse.usage = Reuse::entry_usage(self, reader.as_ref(), software_slug).await?;
        Ok(reuse)
    }

    async fn usage_form(&self, viewer: &Viewer, software_slug: &str) -> Result<UsageFormData, AppError> {
        let actor = Actor::from_viewer(viewer).ok_or(AppError::Unauthenticated)?;
        Reuse::usage_form(self, &actor, software_slug).await
    }

    async fn land_report(&self, viewer: Option<&Viewer>, land: &str) -> Result<ReuseReport, AppError> {
        let reader = viewer.and_then(Actor::from_viewer);
        Reuse::land_report(self, reader.as_ref(), land).await
    }

    async fn organisation_report(&self, viewer: Option<&Viewer>, slug: &str) -> Result<ReuseReport, AppError> {
        let reader = viewer.and_then(Actor::from_viewer);
        Reuse::organisation_report(self, reader.as_ref(), slug).await
    }

    async fn graph(&self) -> Result<ReuseGraph, AppError> {
        Reuse::graph(self).await
    }

    async fn request_form(&self, viewer: &Viewer, software_slug: &str) -> Result<ReuseRequestForm, AppError> {
        #[derive(FromQueryResult)]
        struct Entry {
            slug: String,
            name: String,
            provider_id: OrganisationId,
            provider_name: String,
        }
        let entry: Entry = sql::one(
            &self.db,
            "SELECT s.slug, s.name, o.id AS provider_id, o.name_de AS provider_name \
             FROM software s JOIN organisations o ON o.id = s.organisation_id WHERE s.slug = $1 AND s.active",
            [software_slug.into()],
        )
        .await?
        .ok_or(AppError::NotFound)?;
        let provider = entry.provider_id.to_string();
        Ok(ReuseRequestForm {
            software_slug: entry.slug,
            software_name: entry.name,
            provider_name: entry.provider_name,
            organisations: viewer
                .memberships
                .iter()
                .filter(|m| m.role >= Role::Publisher && m.organisation_id != provider)
                .map(|m| (m.organisation_id.clone(), m.name.clone()))
                .collect(),
        })
    }
}
