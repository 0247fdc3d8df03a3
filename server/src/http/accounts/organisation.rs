//! Membership management of one organisation, under `/verwaltungen/{slug}/…`.

use crate::http::form_context::actor_or_return;
use crate::http::form_context::{Ctx, Fields, Form};
use axum::extract::Path;
use axum::response::Response;
use uuid::Uuid;

fn members_page(slug: &str) -> String {
    format!("/verwaltungen/{slug}/mitglieder")
}

pub async fn invite(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = members_page(&slug);
    let actor = actor_or_return!(ctx, &back);
    let result = ctx
        .state
        .accounts
        .invite(
            &actor,
            &slug,
            fields.get("email"),
            fields.get("role"),
            ctx.locale,
            ctx.ip,
        )
        .await;
    match result {
        Ok(()) => ctx.success("members.notice.invited", &back).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "invite",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

pub async fn revoke_invitation(ctx: Ctx, Path((slug, id)): Path<(String, Uuid)>) -> Response {
    let back = members_page(&slug);
    let actor = actor_or_return!(ctx, &back);
    match ctx.state.accounts.revoke_invitation(&actor, &slug, id, ctx.ip).await {
        Ok(()) => ctx.success("members.notice.invitation_revoked", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}

pub async fn accept_invitation(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = format!(
        "/einladung?token={}",
        crate::http::form_context::urlencode(fields.get("token"))
    );
    let actor = actor_or_return!(ctx, &back);
    match ctx
        .state
        .accounts
        .accept_invitation(&actor, fields.get("token"), ctx.ip)
        .await
    {
        Ok(slug) => {
            ctx.success("members.notice.joined", &format!("/verwaltungen/{slug}"))
                .await
        }
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "accept",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

pub async fn request(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = format!("/verwaltungen/{slug}");
    let actor = actor_or_return!(ctx, &back);
    match ctx
        .state
        .accounts
        .request_membership(&actor, &slug, fields.get("message"), ctx.ip)
        .await
    {
        Ok(()) => ctx.success("members.notice.requested", &back).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "request",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

pub async fn decide(
    ctx: Ctx,
    Path((slug, id)): Path<(String, Uuid)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    let back = members_page(&slug);
    let actor = actor_or_return!(ctx, &back);
    let approve = fields.get("decision") == "approve";
    match ctx
        .state
        .accounts
        .decide_request(&actor, &slug, id, approve, ctx.ip)
        .await
    {
        Ok(()) => {
            let key = if approve {
                "members.notice.approved"
            } else {
                "members.notice.declined"
            };
            ctx.success(key, &back).await
        }
        Err(error) => ctx.error(error, &back).await,
    }
}

pub async fn change_role(
    ctx: Ctx,
    Path((slug, user)): Path<(String, crate::kernel::UserId)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    let back = members_page(&slug);
    let actor = actor_or_return!(ctx, &back);
    match ctx
        .state
        .accounts
        .change_role(&actor, &slug, user, fields.get("role"), ctx.ip)
        .await
    {
        Ok(()) => ctx.success("members.notice.role_changed", &back).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "role",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

pub async fn remove(ctx: Ctx, Path((slug, user)): Path<(String, crate::kernel::UserId)>) -> Response {
    let back = members_page(&slug);
    let actor = actor_or_return!(ctx, &back);
    let leaving = actor.user_id == user;
    match ctx.state.accounts.remove_member(&actor, &slug, user, ctx.ip).await {
        Ok(()) if leaving => {
            ctx.success("members.notice.left", &format!("/verwaltungen/{slug}"))
                .await
        }
        Ok(()) => ctx.success("members.notice.removed", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}

pub async fn add_domain(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = members_page(&slug);
    let actor = actor_or_return!(ctx, &back);
    match ctx
        .state
        .accounts
        .add_domain(&actor, &slug, fields.get("domain"), ctx.ip)
        .await
    {
        Ok(()) => ctx.success("members.notice.domain_added", &back).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "domain",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

pub async fn remove_domain(ctx: Ctx, Path((slug, domain)): Path<(String, String)>) -> Response {
    let back = members_page(&slug);
    let actor = actor_or_return!(ctx, &back);
    match ctx.state.accounts.remove_domain(&actor, &slug, &domain, ctx.ip).await {
        Ok(()) => ctx.success("members.notice.domain_removed", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}
