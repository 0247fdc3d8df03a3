//! The forms of working groups. Thin: read the fields, call one method of
//! the service, answer; the rules are the service's.

use crate::groups::{Edited, NewGroup, PostAt, ThreadChange};
use crate::http::form_context::{actor_or_return, Ctx, Fields, Form};
use crate::kernel::{AgreementId, UserId};
use app::error::{AppError, FieldError};
use app::groups::model::{group_path, post_path, thread_path, Joining, Topic, Visibility};
use app::groups::model::{FlagReason, GroupRole};
use app::groups::{group_page, new_group_page, new_thread_page, post_moderation_pages, thread_page, versions_page};
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

/// A path's group slug that no group can have (control characters, slashes)
/// is not found, before it reaches a redirect's `Location`.
macro_rules! group_or_404 {
    ($ctx:expr, $slug:expr) => {
        if !crate::groups::valid_slug(&$slug) {
            return $ctx.error(AppError::NotFound, "/arbeitsgruppen").await;
        }
    };
}

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/arbeitsgruppen/neu", post(create))
        .route("/arbeitsgruppen/{slug}/beitreten", post(join))
        .route("/arbeitsgruppen/{slug}/austreten", post(leave))
        .route("/arbeitsgruppen/{slug}/mitglieder", post(add_member))
        .route("/arbeitsgruppen/{slug}/mitglieder/{user}/rolle", post(set_role))
        .route(
            "/arbeitsgruppen/{slug}/mitglieder/{user}/entfernen",
            post(remove_member),
        )
        .route("/arbeitsgruppen/{slug}/anfragen/{user}", post(decide))
        .route("/arbeitsgruppen/{slug}/neues-thema", post(start_thread))
        .route("/arbeitsgruppen/{slug}/themen/{number}/antworten", post(reply))
        .route("/arbeitsgruppen/{slug}/themen/{number}/moderation", post(moderate))
        .route(
            "/arbeitsgruppen/{slug}/themen/{number}/beitraege/{post}",
            get(permalink),
        )
        .route(
            "/arbeitsgruppen/{slug}/themen/{number}/beitraege/{post}/bearbeiten",
            post(edit),
        )
        .route(
            "/arbeitsgruppen/{slug}/themen/{number}/beitraege/{post}/melden",
            post(flag),
        )
        .route(
            "/arbeitsgruppen/{slug}/themen/{number}/beitraege/{post}/ausblenden",
            post(hide),
        )
        .route(
            "/arbeitsgruppen/{slug}/themen/{number}/beitraege/{post}/meldungen-zurueckweisen",
            post(dismiss),
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
            let back = match fields.get("software") {
                "" => back,
                software => format!("{back}?software={}", crate::http::form_context::urlencode(software)),
            };
            ctx.failed(
                error,
                Form {
                    name: new_group_page::FORM,
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

async fn join(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    group_or_404!(ctx, slug);
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
    group_or_404!(ctx, slug);
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
    group_or_404!(ctx, slug);
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

async fn add_member(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    group_or_404!(ctx, slug);
    let back = format!("{}#group-members", group_path(&slug));
    let actor = actor_or_return!(ctx, &back);
    match ctx
        .state
        .groups
        .add_member(&actor, ctx.ip, &slug, fields.get("email"))
        .await
    {
        Ok(()) => ctx.success("groups.notice.member_added", &back).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: group_page::ADD_FORM,
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

async fn set_role(
    ctx: Ctx,
    Path((slug, user)): Path<(String, String)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    group_or_404!(ctx, slug);
    let back = format!("{}#group-members", group_path(&slug));
    let actor = actor_or_return!(ctx, &back);
    let (Some(user), Some(role)) = (UserId::parse(&user), GroupRole::from_code(fields.get("role"))) else {
        return ctx
            .error(
                AppError::Invalid(vec![FieldError::new("role", "form.error.choice")]),
                &back,
            )
            .await;
    };
    match ctx.state.groups.set_role(&actor, ctx.ip, &slug, user, role).await {
        Ok(()) => ctx.success("groups.notice.role_changed", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}

async fn remove_member(ctx: Ctx, Path((slug, user)): Path<(String, String)>) -> Response {
    group_or_404!(ctx, slug);
    let back = format!("{}#group-members", group_path(&slug));
    let actor = actor_or_return!(ctx, &back);
    let Some(user) = UserId::parse(&user) else {
        return ctx.error(AppError::NotFound, &back).await;
    };
    match ctx.state.groups.remove_member(&actor, ctx.ip, &slug, user).await {
        Ok(()) => ctx.success("groups.notice.member_removed", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}

async fn start_thread(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    group_or_404!(ctx, slug);
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
    group_or_404!(ctx, slug);
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
    group_or_404!(ctx, slug);
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
        .moderate_thread(&actor, ctx.ip, &slug, thread, change, fields.get("reason"))
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
    group_or_404!(ctx, slug);
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

async fn flag(
    ctx: Ctx,
    Path((slug, thread, post)): Path<(String, u32, u32)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    group_or_404!(ctx, slug);
    let back = format!("{}/beitraege/{post}/melden", thread_path(&slug, thread));
    let actor = actor_or_return!(ctx, &back);
    let result = match FlagReason::from_code(fields.get("reason")) {
        Some(reason) => {
            ctx.state
                .groups
                .flag_post(
                    &actor,
                    ctx.ip,
                    PostAt {
                        slug: &slug,
                        thread,
                        post,
                    },
                    reason,
                    fields.get("note"),
                )
                .await
        }
        None => Err(AppError::Invalid(vec![FieldError::new("reason", "form.error.choice")])),
    };
    match result {
        Ok(()) => {
            ctx.success("groups.notice.flagged", &post_path(&slug, thread, post))
                .await
        }
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: post_moderation_pages::FLAG_FORM,
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

/// The moderation page of a post, where its forms come back to.
fn moderation_page(slug: &str, thread: u32, post: u32) -> String {
    format!("{}/beitraege/{post}/moderieren", thread_path(slug, thread))
}

async fn hide(
    ctx: Ctx,
    Path((slug, thread, post)): Path<(String, u32, u32)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    group_or_404!(ctx, slug);
    let back = moderation_page(&slug, thread, post);
    let actor = actor_or_return!(ctx, &back);
    let hide = match fields.get("aktion") {
        "ausblenden" => Some(true),
        "einblenden" => Some(false),
        _ => None,
    };
    let result = match hide {
        Some(hide) => ctx
            .state
            .groups
            .hide_post(
                &actor,
                ctx.ip,
                PostAt {
                    slug: &slug,
                    thread,
                    post,
                },
                hide,
                fields.get("reason"),
            )
            .await
            .map(|()| hide),
        None => Err(AppError::Invalid(vec![FieldError::new("reason", "form.error.choice")])),
    };
    match result {
        Ok(true) => {
            ctx.success("groups.notice.hidden", &post_path(&slug, thread, post))
                .await
        }
        Ok(false) => {
            ctx.success("groups.notice.shown", &post_path(&slug, thread, post))
                .await
        }
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: post_moderation_pages::HIDE_FORM,
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

async fn dismiss(
    ctx: Ctx,
    Path((slug, thread, post)): Path<(String, u32, u32)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    group_or_404!(ctx, slug);
    let back = moderation_page(&slug, thread, post);
    let actor = actor_or_return!(ctx, &back);
    let result = ctx
        .state
        .groups
        .dismiss_flags(
            &actor,
            ctx.ip,
            PostAt {
                slug: &slug,
                thread,
                post,
            },
            fields.get("reason"),
        )
        .await;
    match result {
        Ok(()) => {
            ctx.success("groups.notice.dismissed", &format!("{}/pruefen", group_path(&slug)))
                .await
        }
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: post_moderation_pages::HIDE_FORM,
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
