//! Local accounts: registering, confirming the address, a new password.

use crate::accounts::local_logins::Registration;
use crate::http::form_context::{Ctx, Fields, Form};
use axum::response::Response;

pub async fn register(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    let input = Registration {
        display_name: fields.get("display_name").to_owned(),
        email: fields.get("email").to_owned(),
        password: fields.get("password").to_owned(),
        password_repeat: fields.get("password_repeat").to_owned(),
    };
    match ctx.state.accounts.register(input, ctx.locale, ctx.ip).await {
        Ok(()) => ctx.success("register.notice.sent", "/anmelden").await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "register",
                    back: "/registrieren".into(),
                    fields: &fields,
                },
            )
            .await
        }
    }
}

pub async fn verify(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    match ctx.state.accounts.verify_email(fields.get("token"), ctx.ip).await {
        Ok(_) => ctx.success("register.notice.verified", "/anmelden").await,
        Err(error) => {
            let back = format!(
                "/bestaetigen?token={}",
                crate::http::form_context::urlencode(fields.get("token"))
            );
            ctx.failed(
                error,
                Form {
                    name: "verify",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

pub async fn forgot(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    match ctx
        .state
        .accounts
        .request_password_reset(fields.get("email"), ctx.ip)
        .await
    {
        Ok(()) => ctx.success("reset.notice.sent", "/anmelden").await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "forgot",
                    back: "/passwort-vergessen".into(),
                    fields: &fields,
                },
            )
            .await
        }
    }
}

pub async fn reset(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    let result = ctx
        .state
        .accounts
        .reset_password(
            fields.get("token"),
            fields.get("password").to_owned(),
            fields.get("password_repeat"),
            ctx.ip,
        )
        .await;
    match result {
        Ok(_) => ctx.success("reset.notice.done", "/anmelden").await,
        Err(error) => {
            let back = format!(
                "/passwort-neu?token={}",
                crate::http::form_context::urlencode(fields.get("token"))
            );
            ctx.failed(
                error,
                Form {
                    name: "reset",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}
