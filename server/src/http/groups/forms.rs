//! The forms of working groups. Thin: read the fields, call one method of
//! the service, answer; the rules are the service's.

use crate::groups::{Edited, NewGroup, ThreadChange};
use crate::http::form_context::{actor_or_return, Ctx, Fields, Form};
use crate::kernel::{AgreementId, UserId};
use app::error::{AppError, FieldError};
use app::groups::model::{group_path, post_path, thread_path, Joining, Topic, Visibility};
use app::groups::{group_page, new_group_page, new_thread_page, thread_page, versions_page};
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/arbeitsgruppen/neu", post(create))
        .route("/arbeitsgruppen/{slug}/beitreten", post(join))
        .route("/arbeitsgruppen/{slug}/austreten", post(leave))
        .route("/arbeitsgruppen/{slug}/anfragen/{user}", post(decide))
        .route("/arbeitsgruppen/{slug}/neues-thema", post(start_thread))
        .route("/arbeitsgruppen/{slug}/themen/{thread}/antworten", post(reply))
        .route("/arbeitsgruppen/{slug}/themen/{thread}/moderation", post(moderate))
        .route(
            "/arbeitsgruppen/{slug}/themen/{thread}/beitraege/{post}",
            get(permalink),
        )
        .route(
            "/arbeitsgruppen/{slug}/themen/{thread}/beitraege/{post}/bearbeiten",
            post(edit),
        )
}

async fn create(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = "/arbeitsgruppen/neu".to_owned();
    let actor = actor_or_return!(ctx, &back);
    let mut errors = Vec::new();
    let visibility = Visibility::from_code(fields.get("visibility"));
    if visibility.is_none() {
        errors.push(FieldError::new("visibility", "form.error.choice"));
    }
    let joining = Joining::from_code(fields.get("joining"));
    if joining.is_none() {
        errors.push(FieldError::new("joining", "form.error.choice"));
    }
    let topics: Option<Vec<Topic>> = fields.all("topics").iter().map(|t| Topic::from_code(t)).collect();
    if topics.is_none() {
        errors.push(FieldError::new("topics", "form.error.choice"));
    }
    let agreement = match fields.get("agreement") {
        "" => Ok(None),
        text => AgreementId::parse(text).map(Some).ok_or(()),
    };
    if agreement.is_err() {
        errors.push(FieldError::new("agreement", "form.error.choice"));
    }
    let result = match (visibility, joining, topics, agreement) {
        (Some(visibility), Some(joining), Some(topics), Ok(agreement)) if errors.is_empty() => {
            let new = NewGroup {
                name: fields.get("name").to_owned(),
                slug: fields.get("slug").to_owned(),
                summary: fields.get("summary").to_owned(),
                description: fields.get("description").to_owned(),
                visibility,
                joining,
                topics,
                land: Some(fields.get("land").to_owned()).filter(|l| !l.is_empty()),
                software: Some(fields.get("software").to_owned()).filter(|s| !s.is_empty()),
                agreement,
            };
            ctx.state.groups.create_group(&actor, ctx.ip, new).await
        }
        _ => Err(AppError::Invalid(errors)),
    };
    match result {
        Ok(slug) => ctx.success("groups.notice.created", &group_path(&slug)).await,
        Err(error) => {
            // The ticked topics come back as one value (the flash keeps one per name).
            let mut kept = Fields(fields.0.iter().filter(|(k, _)| k != "topics").cloned().collect());
            kept.0.push(("topics".into(), fields.all("topics").join(",")));
            let back = match fields.get("software") {
                "" => back,
                software => format!("{back}?software={}", crate::http::form_context::urlencode(software)),
            };
            ctx.failed(
                error,
                Form {
                    name: new_group_page::FORM,
                    back,
                    fields: &kept,
                },
            )
            .await
        }
    }
}

async fn join(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = group_path(&slug);
    let actor = actor_or_return!(ctx, &back);
    match ctx
        .state
        .groups
        .join(&actor, ctx.ip, &slug, fields.get("message"))
        .await
    {
        Ok(crate::groups::Joined::Member) => ctx.success("groups.notice.joined", &back).await,
        Ok(crate::groups::Joined::Requested) => ctx.success("groups.notice.requested", &back).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: group_page::JOIN_FORM,
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

async fn leave(ctx: Ctx, Path(slug): Path<String>) -> Response {
    let back = group_path(&slug);
    let actor = actor_or_return!(ctx, &back);
    match ctx.state.groups.leave(&actor, ctx.ip, &slug).await {
        Ok(()) => ctx.success("groups.notice.left", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}

async fn decide(
    ctx: Ctx,
    Path((slug, user)): Path<(String, String)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    let back = group_path(&slug);
    let actor = actor_or_return!(ctx, &back);
    let admit = match fields.get("entscheidung") {
        "annehmen" => Some(true),
        "ablehnen" => Some(false),
        _ => None,
    };
    let (Some(user), Some(admit)) = (UserId::parse(&user), admit) else {
        return ctx
            .error(
                AppError::Invalid(vec![FieldError::new("entscheidung", "form.error.choice")]),
                &back,
            )
            .await;
    };
    match ctx
        .state
        .groups
        .decide_request(&actor, ctx.ip, &slug, user, admit)
        .await
    {
        Ok(()) if admit => ctx.success("groups.notice.approved", &back).await,
        Ok(()) => ctx.success("groups.notice.declined", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}

async fn start_thread(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = format!("{}/neues-thema", group_path(&slug));
    let actor = actor_or_return!(ctx, &back);
    let result = ctx
        .state
        .groups
        .start_thread(&actor, ctx.ip, &slug, fields.get("title"), fields.get("body"))
        .await;
    match result {
        Ok(number) => {
            ctx.success("groups.notice.thread_started", &thread_path(&slug, number))
                .await
        }
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: new_thread_page::FORM,
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

async fn reply(
    ctx: Ctx,
    Path((slug, thread)): Path<(String, u32)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    let reply_to = match fields.get("reply_to") {
        "" => Ok(None),
        n => n.parse::<u32>().map(Some),
    };
    let back = match reply_to {
        Ok(Some(n)) => format!("{}?antwort={n}#antworten", thread_path(&slug, thread)),
        _ => format!("{}#antworten", thread_path(&slug, thread)),
    };
    let actor = actor_or_return!(ctx, &back);
    let result = match reply_to {
        Ok(reply_to) => {
            ctx.state
                .groups
                .reply(&actor, ctx.ip, &slug, thread, reply_to, fields.get("body"))
                .await
        }
        Err(_) => Err(AppError::Invalid(vec![FieldError::new(
            "body",
            "groups.error.reply_to",
        )])),
    };
    match result {
        Ok(number) => {
            ctx.success("groups.notice.replied", &post_path(&slug, thread, number))
                .await
        }
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: thread_page::REPLY_FORM,
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

async fn moderate(
    ctx: Ctx,
    Path((slug, thread)): Path<(String, u32)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    let back = thread_path(&slug, thread);
    let actor = actor_or_return!(ctx, &back);
    let Some(change) = ThreadChange::from_code(fields.get("aktion")) else {
        return ctx
            .error(
                AppError::Invalid(vec![FieldError::new("aktion", "form.error.choice")]),
                &back,
            )
            .await;
    };
    match ctx
        .state
        .groups
        .moderate_thread(&actor, ctx.ip, &slug, thread, change)
        .await
    {
        Ok(()) => ctx.success("groups.notice.moderated", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}

async fn edit(
    ctx: Ctx,
    Path((slug, thread, post)): Path<(String, u32, u32)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    let back = format!("{}/beitraege/{post}/versionen#bearbeiten", thread_path(&slug, thread));
    let actor = actor_or_return!(ctx, &back);
    let result = ctx
        .state
        .groups
        .edit_post(&actor, ctx.ip, &slug, thread, post, fields.get("body"))
        .await;
    let done = post_path(&slug, thread, post);
    match result {
        Ok(Edited::Saved) => ctx.success("groups.notice.edited", &done).await,
        Ok(Edited::Unchanged) => ctx.success("groups.notice.unchanged", &done).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: versions_page::FORM,
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

/// `…/beitraege/N`: the post on its page of the thread. Numbers alone say
/// the page, so nothing is read; the thread page answers 404 for a post or
/// group the reader may not see.
async fn permalink(ctx: Ctx, Path((slug, thread, post)): Path<(String, u32, u32)>) -> Response {
    if !crate::groups::valid_slug(&slug) || thread == 0 || post == 0 {
        return ctx.error(AppError::NotFound, "/arbeitsgruppen").await;
    }
    Redirect::to(&post_path(&slug, thread, post)).into_response()
}
