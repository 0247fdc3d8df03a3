//! README images and other files of a mirrored repository, served from the
//! mirror so that pages request nothing from other hosts. Images are sent
//! with their type; anything else as plain text; all sandboxed.

use crate::http::accounts::api::problem_for;
use crate::kernel::RepositoryId;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::header;

fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        _ => "text/plain; charset=utf-8",
    }
}

pub async fn file(State(state): State<AppState>, Path((id, path)): Path<(RepositoryId, String)>) -> Response {
    if path.split('/').any(|p| p == ".." || p.is_empty()) {
        return problem_for(&app::error::AppError::NotFound);
    }
    match state.mirror.raw_file(id, path.clone()).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type(&path)),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'; sandbox",
                ),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => problem_for(&error),
    }
}
