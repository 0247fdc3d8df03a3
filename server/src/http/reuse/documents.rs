//! An agreement's documents over HTTP: the upload (multipart, refused while
//! reading once it passes the limit), the download (only for readers who
//! see the confidential parts, its checksum verified, never rendered
//! inline) and the removal.

use super::forms::party;
use crate::http::form_context::{actor_or_return, Ctx, Fields, Form};
use crate::kernel::AgreementId;
use crate::reuse::{agreement_path, Download, Upload};
use app::error::{AppError, FieldError};
use app::reuse::documents::MAX_BYTES;
use app::reuse::documents_section::FORM;
use axum::extract::{DefaultBodyLimit, Multipart, Path};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine;
use http::header;

/// Room for the other fields and the multipart framing beside the file.
const FORM_OVERHEAD: usize = 64 * 1024;

pub(super) fn routes() -> Router<crate::state::AppState> {
    Router::new()
        .route(
            "/nachnutzung/vereinbarungen/{id}/dokumente",
            // Twice the limit, so that a file just over it is refused with
            // its message, not as a broken form.
            post(upload).layer(DefaultBodyLimit::max(2 * MAX_BYTES + FORM_OVERHEAD)),
        )
        .route("/nachnutzung/vereinbarungen/{id}/dokumente/{document}", get(download))
        .route(
            "/nachnutzung/vereinbarungen/{id}/dokumente/{document}/entfernen",
            post(remove),
        )
}

enum Refused {
    TooLarge,
    Malformed,
}

/// The form's text fields and the file, refusing a file over the limit
/// as soon as it passes it.
async fn read(mut multipart: Multipart) -> Result<(Fields, Upload), Refused> {
    let mut fields = Fields::default();
    let mut upload = Upload {
        title: String::new(),
        file_name: String::new(),
        bytes: Vec::new(),
    };
    while let Some(mut field) = multipart.next_field().await.map_err(|e| refused(&e))? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "datei" {
            upload.file_name = field.file_name().unwrap_or("").to_owned();
            while let Some(chunk) = field.chunk().await.map_err(|e| refused(&e))? {
                if upload.bytes.len() + chunk.len() > MAX_BYTES {
                    return Err(Refused::TooLarge);
                }
                upload.bytes.extend_from_slice(&chunk);
            }
        } else {
            let text = field.text().await.map_err(|e| refused(&e))?;
            if text.len() > FORM_OVERHEAD || text.contains('\0') {
                return Err(Refused::Malformed);
            }
            fields.0.push((name, text));
        }
    }
    upload.title = fields.get("titel").to_owned();
    Ok((fields, upload))
}

fn refused(error: &axum::extract::multipart::MultipartError) -> Refused {
    if error.status() == http::StatusCode::PAYLOAD_TOO_LARGE {
        Refused::TooLarge
    } else {
        Refused::Malformed
    }
}

async fn upload(ctx: Ctx, Path(id): Path<String>, multipart: Multipart) -> Response {
    let Some(id) = AgreementId::parse(&id) else {
        return ctx.error(AppError::NotFound, "/nachnutzung").await;
    };
    let back = agreement_path(id);
    let actor = actor_or_return!(ctx, &back);
    let file_error = |key: &str| AppError::Invalid(vec![FieldError::new("datei", key)]);
    let (fields, result) = match read(multipart).await {
        Ok((fields, upload)) => {
            let result = match party(&fields) {
                Ok(party) => ctx
                    .state
                    .reuse
                    .add_document(&actor, ctx.ip, id, party, upload)
                    .await
                    .map(|_| ()),
                Err(error) => Err(error),
            };
            (fields, result)
        }
        Err(Refused::TooLarge) => (Fields::default(), Err(file_error("reuse.documents.error.too_large"))),
        Err(Refused::Malformed) => (Fields::default(), Err(file_error("reuse.documents.error.form"))),
    };
    match result {
        Ok(()) => {
            ctx.success("reuse.documents.saved", &format!("{back}#agreement-documents"))
                .await
        }
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: FORM,
                    back: format!("{back}#documents-add"),
                    fields: &fields,
                },
            )
            .await
        }
    }
}

async fn download(ctx: Ctx, Path((id, document)): Path<(String, String)>) -> Response {
    let (Some(id), Ok(document)) = (
        AgreementId::parse(&id),
        crate::kernel::DocumentId::parse(&document).ok_or(()),
    ) else {
        return ctx.error(AppError::NotFound, "/nachnutzung").await;
    };
    let here = format!("{}/dokumente/{document}", agreement_path(id));
    match ctx.state.reuse.document(ctx.actor.as_ref(), id, document).await {
        Ok(file) => served(file),
        Err(error) => ctx.error(error, &here).await,
    }
}

/// The file as an attachment, with its checksum (RFC 9530 `Repr-Digest`);
/// confidential, so kept by no cache.
fn served(file: Download) -> Response {
    let digest = base64::engine::general_purpose::STANDARD.encode(file.sha256);
    // An ASCII name for old clients, the real one as RFC 6266 `filename*`.
    let ascii: String = file
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._- ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = percent_encoding::utf8_percent_encode(&file.file_name, percent_encoding::NON_ALPHANUMERIC);
    (
        [
            (header::CONTENT_TYPE, file.kind.media_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'".to_owned(),
            ),
            (
                header::HeaderName::from_static("repr-digest"),
                format!("sha-256=:{digest}:"),
            ),
        ],
        file.bytes,
    )
        .into_response()
}

async fn remove(
    ctx: Ctx,
    Path((id, document)): Path<(String, String)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    let (Some(id), Ok(document)) = (
        AgreementId::parse(&id),
        crate::kernel::DocumentId::parse(&document).ok_or(()),
    ) else {
        return ctx.error(AppError::NotFound, "/nachnutzung").await;
    };
    let back = agreement_path(id);
    let actor = actor_or_return!(ctx, &back);
    let result = match party(&fields) {
        Ok(party) => {
            ctx.state
                .reuse
                .remove_document(&actor, ctx.ip, id, party, document)
                .await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => {
            ctx.success("reuse.documents.removed", &format!("{back}#agreement-documents"))
                .await
        }
        Err(error) => ctx.error(error, &back).await,
    }
}
