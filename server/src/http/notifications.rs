//! `/benachrichtigungen`: marking read, the mail settings, and the
//! one-click unsubscribe from a mail (RFC 8058).

use crate::http::form_context::{actor_or_return, Ctx, Fields, Form};
use crate::kernel::NotificationId;
use crate::notifications::{Delivery, NoticeKind};
use crate::state::AppState;
use app::error::{AppError, FieldError};
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use http::StatusCode;

const PAGE: &str = "/benachrichtigungen";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/benachrichtigungen/gelesen", post(mark_all_read))
        .route("/benachrichtigungen/{id}/gelesen", post(mark_read))
        .route("/benachrichtigungen/einstellungen", post(settings))
        .route("/benachrichtigungen/abbestellen", post(unsubscribe))
}

async fn mark_all_read(ctx: Ctx) -> Response {
    let actor = actor_or_return!(ctx, PAGE);
    match ctx.state.notifications.mark_all_read(&actor).await {
        Ok(_) => ctx.success("notifications.notice.all_read", PAGE).await,
        Err(error) => ctx.error(error, PAGE).await,
    }
}

async fn mark_read(ctx: Ctx, Path(id): Path<String>) -> Response {
    let actor = actor_or_return!(ctx, PAGE);
    let Some(id) = NotificationId::parse(&id) else {
        return ctx.error(AppError::NotFound, PAGE).await;
    };
    match ctx.state.notifications.mark_read(&actor, id).await {
        Ok(()) => ctx.success("notifications.notice.read", PAGE).await,
        Err(error) => ctx.error(error, PAGE).await,
    }
}

/// One select per kind, named by the kind's code; a kind left out keeps
/// its setting, an unknown value is an error at its field.
async fn settings(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    let actor = actor_or_return!(ctx, PAGE);
    let mut choices = Vec::new();
    let mut errors = Vec::new();
    for kind in NoticeKind::ALL.iter().filter(|k| k.mailable()) {
        let value = fields.get(kind.code());
        if value.is_empty() {
            continue;
        }
        match Delivery::from_code(value) {
            Some(delivery) => choices.push((*kind, delivery)),
            None => errors.push(FieldError::new(kind.code(), "form.error.choice")),
        }
    }
    let result = if errors.is_empty() {
        ctx.state.notifications.set_settings(&actor, &choices).await
    } else {
        Err(AppError::Invalid(errors))
    };
    let back = format!("{PAGE}#einstellungen");
    match result {
        Ok(()) => ctx.success("notifications.notice.saved", &back).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "notification-settings",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

#[derive(serde::Deserialize)]
struct KeyQuery {
    #[serde(default)]
    key: String,
}

/// The key comes in the address, as in the mail's `List-Unsubscribe`
/// header; a mail program posts `List-Unsubscribe=One-Click` and gets a
/// plain answer, a person at the confirmation page gets the page again.
async fn unsubscribe(ctx: Ctx, Query(query): Query<KeyQuery>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let key = if query.key.is_empty() {
        fields.get("key").to_owned()
    } else {
        query.key
    };
    let one_click = fields.get("List-Unsubscribe") == "One-Click";
    let result = ctx.state.notifications.unsubscribe(&key).await;
    match (result, one_click) {
        (Ok(()), true) => (StatusCode::OK, "unsubscribed / abbestellt").into_response(),
        (Err(AppError::NotFound), true) => {
            (StatusCode::NOT_FOUND, "unknown key / unbekannter Schlüssel").into_response()
        }
        (Ok(()), false) => {
            ctx.success("notifications.notice.unsubscribed", "/benachrichtigungen/abbestellt")
                .await
        }
        (Err(error), _) => ctx.error(error, "/").await,
    }
}
