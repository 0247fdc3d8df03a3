//! Site administration forms.

use crate::http::form_context::actor_or_return;
use crate::http::form_context::{Ctx, Fields};
use axum::extract::Path;
use axum::response::Response;

pub async fn verify_organisation(
    ctx: Ctx,
    Path(slug): Path<String>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    let actor = actor_or_return!(ctx, "/admin");
    let verified = fields.get("verified") == "true";
    match ctx.state.accounts.set_verified(&actor, &slug, verified, ctx.ip).await {
        Ok(()) => ctx.success("admin.notice.saved", "/admin#verwaltungen").await,
        Err(error) => ctx.error(error, "/admin").await,
    }
}

pub async fn site_admin(
    ctx: Ctx,
    Path(user): Path<crate::kernel::UserId>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    let actor = actor_or_return!(ctx, "/admin");
    let admin = fields.get("admin") == "true";
    match ctx.state.accounts.set_site_admin(&actor, user, admin, ctx.ip).await {
        Ok(()) => ctx.success("admin.notice.saved", "/admin#nutzer").await,
        Err(error) => ctx.error(error, "/admin").await,
    }
}
