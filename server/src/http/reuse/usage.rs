//! Usage declarations over plain form posts: declare (or update and
//! renew) from `/software/{slug}/nutzung`, renew or withdraw from the
//! software page's table. Each answers with a redirect and a notice.

use crate::http::form_context::{actor_or_return, Ctx, Fields, Form};
use crate::kernel::DeclarationId;
use crate::reuse::usage_path;
use crate::state::AppState;
use app::error::AppError;
use app::reuse::usage::UsageForm;
use app::reuse::usage_page::FORM;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/software/{slug}/nutzung", post(declare))
        .route("/nutzung/{id}/erneuern", post(renew))
        .route("/nutzung/{id}/zurueckziehen", post(withdraw))
}

async fn declare(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = format!("/software/{slug}/nutzung");
    let actor = actor_or_return!(ctx, &back);
    let form = UsageForm {
        organisation: fields.get("organisation"),
        version: fields.get("version"),
        use_case: fields.get("use_case"),
        contact: fields.get("contact"),
        instance_url: fields.get("instance_url"),
        instance_public: !fields.get("instance_public").is_empty(),
    };
    let remind = !fields.get("remind").is_empty();
    let result = match form.parse() {
        Ok(declared) => {
            ctx.state
                .reuse
                .declare_usage(&actor, ctx.ip, &slug, declared, remind)
                .await
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match result {
        Ok(_) => ctx.success("reuse.usage.notice.declared", &usage_path(&slug)).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: FORM,
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

async fn renew(ctx: Ctx, Path(id): Path<String>) -> Response {
    let Some(id) = DeclarationId::parse(&id) else {
        return ctx.error(AppError::NotFound, "/software").await;
    };
    let actor = actor_or_return!(ctx, "/software");
    match ctx.state.reuse.renew_usage(&actor, ctx.ip, id).await {
        Ok(slug) => ctx.success("reuse.usage.notice.renewed", &usage_path(&slug)).await,
        Err(error) => ctx.error(error, "/software").await,
    }
}

async fn withdraw(ctx: Ctx, Path(id): Path<String>) -> Response {
    let Some(id) = DeclarationId::parse(&id) else {
        return ctx.error(AppError::NotFound, "/software").await;
    };
    let actor = actor_or_return!(ctx, "/software");
    match ctx.state.reuse.withdraw_usage(&actor, ctx.ip, id).await {
        Ok(slug) => ctx.success("reuse.usage.notice.withdrawn", &usage_path(&slug)).await,
        Err(error) => ctx.error(error, "/software").await,
    }
}
