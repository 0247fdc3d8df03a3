//! An agreement's documents: taken only when their content is a PDF or an
//! ODF file within the size limit (checked before any transaction opens,
//! so that nothing is stored for a refused file), kept in PostgreSQL with
//! their SHA-256, and served only after the bytes still match it.

use super::{bump, lock_for_records, Reuse};
use crate::entities::agreement_documents as documents;
use crate::kernel::{map_db_error, Actor, AgreementId, OrganisationId, Permission, Tx, Who};
use app::error::{AppError, FieldError};
use app::reuse::documents::{self as rules, DocumentType};
use app::reuse::dto::DocumentView;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// A file as the form sent it.
pub struct Upload {
    pub title: String,
    /// As the browser named it (paths and control characters are dropped).
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A document to serve, its checksum verified.
pub struct Download {
    pub file_name: String,
    pub kind: DocumentType,
    pub bytes: Vec<u8>,
    pub sha256: [u8; 32],
}

impl Reuse {
    pub async fn add_document(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        id: AgreementId,
        acting_for: OrganisationId,
        upload: Upload,
    ) -> Result<crate::kernel::DocumentId, AppError> {
        let invalid = |key: &str| AppError::Invalid(vec![FieldError::new("datei", key)]);
        let kind = rules::sniff(&upload.bytes).map_err(|refusal| invalid(refusal.message_key()))?;
        let file_name = rules::file_name(&upload.file_name, kind);
        let title = rules::title(&upload.title, &file_name).map_err(|e| AppError::Invalid(vec![e]))?;
        let sha256 = Sha256::digest(&upload.bytes);
        let size = i32::try_from(upload.bytes.len()).map_err(|_| invalid("reuse.documents.error.too_large"))?;
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let locked = lock_for_records(&tx, actor, id, acting_for).await?;
        let document = crate::kernel::DocumentId::new();
        documents::ActiveModel {
            id: Set(document),
            agreement_id: Set(id),
            title: Set(title.clone()),
            file_name: Set(file_name),
            media_type: Set(kind.code().to_owned()),
            size_bytes: Set(size),
            sha256: Set(sha256.to_vec()),
            content: Set(upload.bytes),
            uploaded_by: Set(Some(actor.user_id)),
            uploaded_for: Set(Some(acting_for)),
            uploaded_at: Set(chrono::Utc::now()),
        }
        .insert(&tx)
        .await
        .map_err(map_db_error)?;
        bump(&tx, &locked.agreement).await?;
        let change = serde_json::json!(["", history_line(&title, &sha256)]);
        super::terms::record_edit(
            &tx,
            actor,
            acting_for,
            &locked.agreement,
            &locked.parties,
            locked.status,
            [("documents".to_owned(), change)].into_iter().collect(),
        )
        .await?;
        tx.done(document).await
    }

    /// Removes a document the party `acting_for` added; the other parties'
    /// documents are theirs to remove.
    pub async fn remove_document(
        &self,
        actor: &Actor,
        ip: Option<IpAddr>,
        id: AgreementId,
        acting_for: OrganisationId,
        document: crate::kernel::DocumentId,
    ) -> Result<(), AppError> {
        let tx = Tx::begin(&self.db, Who::actor(actor, ip), Permission::OwnAccount).await?;
        let locked = lock_for_records(&tx, actor, id, acting_for).await?;
        let (title, sha256, uploaded_for): (String, Vec<u8>, Option<OrganisationId>) =
            documents::Entity::find_by_id(document)
                .filter(documents::Column::AgreementId.eq(id))
                .select_only()
                .columns([
                    documents::Column::Title,
                    documents::Column::Sha256,
                    documents::Column::UploadedFor,
                ])
                .into_tuple()
                .one(&tx)
                .await
                .map_err(map_db_error)?
                .ok_or(AppError::NotFound)?;
        if uploaded_for != Some(acting_for) {
            return Err(AppError::Forbidden);
        }
        documents::Entity::delete_by_id(document)
            .exec(&tx)
            .await
            .map_err(map_db_error)?;
        bump(&tx, &locked.agreement).await?;
        let change = serde_json::json!([history_line(&title, &sha256), ""]);
        super::terms::record_edit(
            &tx,
            actor,
            acting_for,
            &locked.agreement,
            &locked.parties,
            locked.status,
            [("documents".to_owned(), change)].into_iter().collect(),
        )
        .await?;
        tx.done(()).await
    }

    /// A document for a reader who sees the agreement's confidential parts
    /// (anyone else learns nothing, not even that it exists), once its
    /// bytes still match their checksum.
    pub async fn document(
        &self,
        reader: Option<&Actor>,
        id: AgreementId,
        document: crate::kernel::DocumentId,
    ) -> Result<Download, AppError> {
        let parties = super::reads::parties_of(&self.db, id).await?;
        if !super::reads::sees_confidential(reader, &parties) {
            return Err(if reader.is_none() {
                AppError::Unauthenticated
            } else {
                AppError::NotFound
            });
        }
        let row = documents::Entity::find_by_id(document)
            .filter(documents::Column::AgreementId.eq(id))
            .one(&self.db)
            .await
            .map_err(map_db_error)?
            .ok_or(AppError::NotFound)?;
        let sha256: [u8; 32] = Sha256::digest(&row.content).into();
        if row.sha256 != sha256 {
            // Never serve bytes that are not what was uploaded.
            tracing::error!(%document, agreement = %id, "a stored document no longer matches its SHA-256");
            return Err(AppError::Internal);
        }
        Ok(Download {
            file_name: row.file_name,
            kind: DocumentType::from_code(&row.media_type).ok_or(AppError::Internal)?,
            bytes: row.content,
            sha256,
        })
    }

    /// The documents' list (without their bytes), newest last, with what
    /// the reader may remove for the parties they keep records for.
    pub(super) async fn document_views(
        &self,
        id: AgreementId,
        removable_for: &[OrganisationId],
    ) -> Result<Vec<DocumentView>, AppError> {
        #[derive(sea_orm::FromQueryResult)]
        struct Row {
            id: uuid::Uuid,
            title: String,
            file_name: String,
            media_type: String,
            size_bytes: i32,
            sha256: Vec<u8>,
            uploaded_at: String,
            uploaded_by: Option<String>,
            uploaded_for_id: Option<OrganisationId>,
            uploaded_for: Option<String>,
        }
        let rows: Vec<Row> = crate::db::sql::all(
            &self.db,
            &format!(
                "SELECT d.id, d.title, d.file_name, d.media_type, d.size_bytes, d.sha256, \
                        to_char(d.uploaded_at AT TIME ZONE 'UTC', {}) AS uploaded_at, \
                        u.display_name AS uploaded_by, d.uploaded_for AS uploaded_for_id, o.name_de AS uploaded_for \
                 FROM agreement_documents d LEFT JOIN users u ON u.id = d.uploaded_by \
                 LEFT JOIN organisations o ON o.id = d.uploaded_for \
                 WHERE d.agreement_id = $1 ORDER BY d.uploaded_at, d.id",
                super::reads::TS
            ),
            [id.into()],
        )
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(DocumentView {
                    id: r.id.to_string(),
                    title: r.title,
                    file_name: r.file_name,
                    kind: DocumentType::from_code(&r.media_type).ok_or(AppError::Internal)?,
                    size_bytes: i64::from(r.size_bytes),
                    sha256: hex::encode(&r.sha256),
                    uploaded_at: r.uploaded_at,
                    uploaded_by: r.uploaded_by,
                    uploaded_for: r.uploaded_for,
                    removable_for: r
                        .uploaded_for_id
                        .filter(|party| removable_for.contains(party))
                        .map(|party| party.to_string()),
                })
            })
            .collect()
    }
}

/// A document in the history: its title and the start of its checksum.
fn history_line(title: &str, sha256: &[u8]) -> String {
    format!("{title} (SHA-256 {}…)", &hex::encode(sha256)[..12])
}
