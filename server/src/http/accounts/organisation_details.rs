//! Registering and editing an organisation's details.

use crate::http::form_context::actor_or_return;
use crate::http::form_context::{Ctx, Fields, Form};
use app::directory::editing::OrganisationForm;
use app::forms::{Notice, NoticeKind};
use axum::extract::Path;
use axum::response::Response;

fn form_of(fields: &Fields) -> OrganisationForm {
    let text = |name: &str| fields.get(name).to_owned();
    OrganisationForm {
        slug: text("slug"),
        name_de: text("name_de"),
        name_en: text("name_en"),
        short_name: text("short_name"),
        kind: text("kind"),
        parent: text("parent"),
        land: text("land"),
        ars: text("ars"),
        leitweg_id: text("leitweg_id"),
        uri: text("uri"),
        website: text("website"),
        contact_email: text("contact_email"),
        version: fields.get("version").parse().unwrap_or(0),
        verified: false,
    }
}

pub async fn create(ctx: Ctx, axum::Form(fields): axum::Form<Fields>) -> Response {
    let actor = actor_or_return!(ctx, "/verwaltungen/neu");
    match ctx
        .state
        .accounts
        .create_organisation(&actor, &form_of(&fields), ctx.ip)
        .await
    {
        Ok(slug) => {
            ctx.success("organisations.notice.created", &format!("/verwaltungen/{slug}"))
                .await
        }
        Err(error) => {
            let form = Form {
                name: "organisation",
                back: "/verwaltungen/neu".into(),
                fields: &fields,
            };
            ctx.failed(error, form).await
        }
    }
}

pub async fn update(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = format!("/verwaltungen/{slug}/bearbeiten");
    let actor = actor_or_return!(ctx, &back);
    match ctx
        .state
        .accounts
        .update_organisation(&actor, &slug, &form_of(&fields), ctx.ip)
        .await
    {
        Ok((slug, withdrawn)) => {
            let key = if withdrawn {
                "organisations.notice.saved_unverified"
            } else {
                "organisations.notice.saved"
            };
            ctx.notice(Notice::new(NoticeKind::Success, key), &format!("/verwaltungen/{slug}"))
                .await
        }
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "organisation",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}
