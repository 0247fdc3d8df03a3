//! `/konto`: profile, API tokens, personal data, deleting the account.

use crate::accounts::api_tokens::NewToken;
use crate::http::form_context::{Ctx, Fields, Form};
use app::forms::{Flash, Notice, NoticeKind};
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use http::header;

use crate::http::form_context::actor_or_return;

pub async fn profile(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    let actor = actor_or_return!(ctx, "/konto");
    match ctx
        .state
        .accounts
        .update_profile(&actor, fields.get("display_name"), fields.get("locale"))
        .await
    {
        Ok(()) => ctx.success("account.notice.saved", "/konto").await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "profile",
                    back: "/konto".into(),
                    fields: &fields,
                },
            )
            .await
        }
    }
}

pub async fn create_token(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    let actor = actor_or_return!(ctx, "/konto");
    let input = NewToken {
        organisation: fields.get("organisation").to_owned(),
        name: fields.get("name").to_owned(),
        scopes: fields.all("scopes"),
        days: fields.get("days").to_owned(),
    };
    match ctx.state.accounts.create_token(&actor, input, ctx.ip).await {
        Ok(plain) => {
            // Shown once on the next page; the flash is removed as it is read.
            crate::sessions::set_flash(
                &ctx.session,
                Flash {
                    notice: Some(Notice::new(NoticeKind::Success, "tokens.notice.created")),
                    secret: Some(plain),
                    ..Flash::default()
                },
            )
            .await;
            Redirect::to("/konto#tokens").into_response()
        }
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "token",
                    back: "/konto#tokens".into(),
                    fields: &fields,
                },
            )
            .await
        }
    }
}

pub async fn revoke_token(ctx: Ctx, Path(id): Path<uuid::Uuid>) -> Response {
    let actor = actor_or_return!(ctx, "/konto");
    match ctx.state.accounts.revoke_token(&actor, id, ctx.ip).await {
        Ok(()) => ctx.success("tokens.notice.revoked", "/konto#tokens").await,
        Err(error) => ctx.error(error, "/konto").await,
    }
}

/// Everything stored about the signed-in person, as a JSON download.
pub async fn export(ctx: Ctx) -> Response {
    let actor = actor_or_return!(ctx, "/konto");
    match ctx.state.accounts.export(&actor).await {
        Ok(data) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"allmende-daten.json\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Err(error) => ctx.error(error, "/konto").await,
    }
}

pub async fn delete(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    let actor = actor_or_return!(ctx, "/konto");
    match ctx
        .state
        .accounts
        .delete_account(&actor, fields.get("confirm"), ctx.ip)
        .await
    {
        Ok(()) => {
            let _ = ctx.session.flush().await;
            ctx.success("account.notice.deleted", "/").await
        }
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "delete",
                    back: "/konto#loeschen".into(),
                    fields: &fields,
                },
            )
            .await
        }
    }
}
