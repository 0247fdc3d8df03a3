//! `POST /software/veroeffentlichen`: the publish form (multipart, so a file
//! can come along). Success redirects to the entry; anything else renders the
//! form again with the text as sent and the issues line by line.

use crate::catalog::{Outcome, Source};
use crate::http::form_context::Ctx;
use app::catalog::dto::PublishAttempt;
use app::catalog::publiccode::{self, MAX_BYTES};
use app::error::AppError;
use axum::body::Body;
use axum::extract::{Multipart, Request};
use axum::response::{IntoResponse, Response};

const BACK: &str = "/software/veroeffentlichen";

#[derive(Default)]
struct Submission {
    organisation: String,
    text: String,
    file: Vec<u8>,
    check_only: bool,
}

enum ReadError {
    TooLarge,
    Malformed,
    /// A NUL in a field other than the file (the validator reports those
    /// with their line and column).
    Nul(String),
}

/// Reads the form, refusing any part over the size limit while reading.
async fn read(mut multipart: Multipart) -> Result<Submission, ReadError> {
    let mut form = Submission::default();
    while let Some(mut field) = multipart.next_field().await.map_err(|_| ReadError::Malformed)? {
        let name = field.name().unwrap_or("").to_string();
        let mut data = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| ReadError::Malformed)? {
            if data.len() + chunk.len() > MAX_BYTES + 1 {
                return Err(ReadError::TooLarge);
            }
            data.extend_from_slice(&chunk);
        }
        if !matches!(name.as_str(), "publiccode" | "datei") && data.contains(&0) {
            return Err(ReadError::Nul(name));
        }
        match name.as_str() {
            "organisation" => form.organisation = String::from_utf8_lossy(&data).trim().to_string(),
            // Browsers send textarea lines with CRLF; the file is what was typed.
            "publiccode" => form.text = String::from_utf8_lossy(&data).replace("\r\n", "\n"),
            "datei" => form.file = data,
            "aktion" => form.check_only = data == b"pruefen",
            _ => {}
        }
    }
    Ok(form)
}

pub async fn publish(ctx: Ctx, multipart: Multipart) -> Response {
    let actor = match ctx.actor(BACK).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let form = match read(multipart).await {
        Ok(form) => form,
        Err(ReadError::TooLarge) => {
            let attempt = PublishAttempt {
                organisation: String::new(),
                text: String::new(),
                issues: vec![publiccode::Issue {
                    severity: publiccode::Severity::Error,
                    key: String::new(),
                    line: 1,
                    column: 1,
                    message: publiccode::Msg::TooLarge { limit: MAX_BYTES },
                }
                .to_json(ctx.locale)],
                refusal: None,
                checked_only: false,
                deactivated: None,
            };
            return render(&ctx, attempt).await;
        }
        Err(ReadError::Nul(field)) => {
            return crate::http::nul_guard::refusal(false, crate::http::nul_guard::Place::Field(field));
        }
        Err(ReadError::Malformed) => {
            let error = AppError::Invalid(vec![app::error::FieldError::new("publiccode", "catalog.error.form")]);
            return ctx.error(error, BACK).await;
        }
    };
    let (bytes, source) = if form.file.is_empty() {
        (form.text.clone().into_bytes(), Source::Paste)
    } else {
        (form.file.clone(), Source::Upload)
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let mut attempt = PublishAttempt {
        organisation: form.organisation.clone(),
        text,
        issues: Vec::new(),
        refusal: None,
        checked_only: form.check_only,
        deactivated: None,
    };
    if form.check_only {
        attempt.issues = publiccode::validate_bytes_with(&bytes, &publiccode::Registers::default())
            .issues
            .iter()
            .map(|i| i.to_json(ctx.locale))
            .collect();
        return render(&ctx, attempt).await;
    }
    let published = match ctx
        .state
        .catalog
        .publish(&actor, &form.organisation, source, &bytes, ctx.ip)
        .await
    {
        Ok(p) => p,
        Err(error) => return ctx.error(error, BACK).await,
    };
    attempt.issues = published.report.issues.iter().map(|i| i.to_json(ctx.locale)).collect();
    match published.outcome {
        Outcome::Created(slug) => {
            ctx.success("catalog.publish.created", &format!("/software/{slug}"))
                .await
        }
        Outcome::Updated(slug) => {
            ctx.success("catalog.publish.updated", &format!("/software/{slug}"))
                .await
        }
        Outcome::Unchanged(slug) => {
            ctx.success("catalog.publish.unchanged", &format!("/software/{slug}"))
                .await
        }
        Outcome::Deactivated(slug) => {
            attempt.deactivated = Some(slug);
            render(&ctx, attempt).await
        }
        Outcome::Invalid => render(&ctx, attempt).await,
        Outcome::Refused(refusal) => {
            attempt.refusal = Some(refusal.describe(ctx.locale, &published.organisation_name));
            render(&ctx, attempt).await
        }
    }
}

/// The publish page again, with this attempt (status 422, set by the page).
async fn render(ctx: &Ctx, attempt: PublishAttempt) -> Response {
    let mut request = Request::get(BACK).body(Body::empty()).expect("static request");
    request.extensions_mut().insert(ctx.locale);
    if let Some(actor) = &ctx.actor {
        request.extensions_mut().insert(actor.viewer());
    }
    request.extensions_mut().insert(attempt);
    crate::http::fallback::render_app(&ctx.state, request)
        .await
        .into_response()
}
