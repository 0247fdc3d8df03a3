//! Signing in and out: password, OpenID Connect, and ending sessions.

use crate::accounts::oidc::Callback;
use crate::http::form_context::{Ctx, Fields, Form};
use crate::http::language::is_local_path;
use crate::sessions;
use app::error::AppError;
use app::forms::{Notice, NoticeKind};
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};

fn return_to(fields: &Fields) -> String {
    let to = fields.get("zurueck");
    if is_local_path(to) && !to.starts_with("/anmelden") {
        to.to_owned()
    } else {
        "/konto".to_owned()
    }
}

async fn signed_in(ctx: &Ctx, user_id: crate::kernel::UserId, to: &str) -> Response {
    if let Err(error) = sessions::sign_in(&ctx.session, user_id).await {
        tracing::error!(%error, "could not store the session");
        return ctx.error(AppError::Unavailable, "/anmelden").await;
    }
    ctx.success("login.notice.welcome", to).await
}

pub async fn password(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    let accounts = ctx.state.accounts.clone();
    let back = format!(
        "/anmelden?zurueck={}",
        crate::http::form_context::urlencode(&return_to(&fields))
    );
    match accounts
        .login_local(fields.get("email"), fields.get("password").to_owned(), ctx.ip)
        .await
    {
        Ok(user_id) => signed_in(&ctx, user_id, &return_to(&fields)).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "login",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

/// Starts an OpenID Connect login (a POST, so that no other site can start
/// one for the reader).
pub async fn oidc_start(ctx: Ctx, Path(provider): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    match ctx.state.accounts.oidc.begin(&provider, return_to(&fields)).await {
        Ok((url, pending)) => {
            if sessions::set_pending_login(&ctx.session, pending).await.is_err() {
                return ctx.error(AppError::Unavailable, "/anmelden").await;
            }
            Redirect::to(url.as_str()).into_response()
        }
        Err(error) => {
            let notice = Notice::new(NoticeKind::Danger, error.message_key());
            ctx.notice(notice, "/anmelden").await
        }
    }
}

/// The provider sends the browser back here with a code and the state.
pub async fn oidc_callback(ctx: Ctx, Path(provider): Path<String>, Query(callback): Query<Callback>) -> Response {
    let pending = sessions::take_pending_login(&ctx.session)
        .await
        .filter(|p| p.provider == provider);
    let return_to = pending
        .as_ref()
        .map(|p| p.return_to.clone())
        .unwrap_or_else(|| "/konto".into());
    let accounts = ctx.state.accounts.clone();
    match accounts.oidc.finish(pending, callback).await {
        Ok(identity) => match accounts.sign_in_with(identity, ctx.locale, ctx.ip).await {
            Ok(user_id) => signed_in(&ctx, user_id, &return_to).await,
            Err(error) => ctx.error(error, "/anmelden").await,
        },
        Err(error) => {
            tracing::warn!(provider = %provider, %error, "OpenID Connect login refused");
            let name = accounts.oidc.name_of(&provider).unwrap_or(&provider).to_owned();
            let notice = Notice::new(NoticeKind::Danger, error.message_key()).with("provider", name);
            ctx.notice(notice, "/anmelden").await
        }
    }
}

pub async fn logout(ctx: Ctx) -> Response {
    if let Err(error) = ctx.session.flush().await {
        tracing::warn!(%error, "could not end the session");
    }
    ctx.success("login.notice.signed_out", "/").await
}

/// Ends every session of the signed-in person, on every device.
pub async fn logout_everywhere(ctx: Ctx) -> Response {
    let actor = match ctx.actor("/konto").await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    match ctx.state.accounts.sign_out_everywhere(&actor, ctx.ip).await {
        Ok(_) => {
            let _ = ctx.session.flush().await;
            ctx.success("login.notice.signed_out_everywhere", "/anmelden").await
        }
        Err(error) => ctx.error(error, "/konto").await,
    }
}
