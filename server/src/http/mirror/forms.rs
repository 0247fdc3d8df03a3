//! The plain HTML forms of the repository pages.

use crate::http::form_context::{Ctx, Fields, Form};
use crate::kernel::RepositoryId;
use axum::extract::Path;
use axum::response::Response;

fn list_page(slug: &str) -> String {
    format!("/verwaltungen/{slug}/repositorien")
}

/// Where to return after acting on a repository: the page the form said.
fn back(fields: &Fields) -> String {
    let to = fields.get("zurueck");
    if to.starts_with('/') && !to.starts_with("//") {
        to.to_string()
    } else {
        "/".to_string()
    }
}

pub async fn register(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = list_page(&slug);
    let actor = match ctx.actor(&back).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match ctx
        .state
        .mirror
        .register(&actor, &slug, fields.get("url"), ctx.ip)
        .await
    {
        Ok(_) => ctx.success("mirror.notice.registered", &back).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "register",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

pub async fn sync(ctx: Ctx, Path(id): Path<RepositoryId>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = back(&fields);
    let actor = match ctx.actor(&back).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match ctx.state.mirror.request_sync(&actor, id).await {
        Ok(()) => ctx.success("mirror.notice.queued", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}

pub async fn rotate(ctx: Ctx, Path(id): Path<RepositoryId>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = back(&fields);
    let actor = match ctx.actor(&back).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match ctx.state.mirror.rotate_secret(&actor, id, ctx.ip).await {
        Ok(()) => ctx.success("mirror.notice.rotated", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}

pub async fn remove(ctx: Ctx, Path(id): Path<RepositoryId>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = back(&fields);
    let actor = match ctx.actor(&back).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match ctx.state.mirror.remove(&actor, id, ctx.ip).await {
        Ok(()) => ctx.success("mirror.notice.removed", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}

pub async fn requeue(ctx: Ctx, Path(job): Path<i64>) -> Response {
    let back = "/admin/synchronisation";
    let actor = match ctx.actor(back).await {
        Ok(a) => a,
        Err(response) => return response,
    };
    match ctx.state.mirror.requeue(&actor, job, ctx.ip).await {
        Ok(()) => ctx.success("mirror.notice.requeued", back).await,
        Err(error) => ctx.error(error, back).await,
    }
}
