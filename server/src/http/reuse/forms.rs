//! Reuse forms: asking for reuse from a software page, and an agreement's
//! steps. Plain form posts that answer with a redirect and a flash, so that
//! they work without JavaScript; the rules are the service's.

use crate::http::form_context::{actor_or_return, Ctx, Fields, Form};
use crate::kernel::{AgreementId, OrganisationId, UserId};
use crate::reuse::{agreement_path, Edited, ReuseRequest};
use crate::state::AppState;
use app::error::{AppError, FieldError};
use app::reuse::costs_section::FORM as COSTS_FORM;
use app::reuse::parties_section::CONTACT_FORM;
use app::reuse::terms::AgreementKind;
use app::reuse::terms_form::Terms;
use app::reuse::terms_page::FORM as TERMS_FORM;
use app::reuse::workflow::Action;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/software/{slug}/nachnutzung-anfragen", post(request))
        .route("/nachnutzung/vereinbarungen/{id}/schritt", post(step))
        .route("/nachnutzung/vereinbarungen/{id}/bedingungen", post(terms))
        .route("/nachnutzung/vereinbarungen/{id}/kosten", post(add_cost_block))
        .route(
            "/nachnutzung/vereinbarungen/{id}/kosten/{block}/entfernen",
            post(remove_cost_block),
        )
        .route("/nachnutzung/vereinbarungen/{id}/kontakt", post(contact))
        .route("/nachnutzung/vereinbarungen/{id}/veroeffentlichung", post(consent))
}

async fn request(ctx: Ctx, Path(slug): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let back = format!("/software/{slug}/nachnutzung-anfragen");
    let actor = actor_or_return!(ctx, &back);
    let mut errors = Vec::new();
    let reuser = OrganisationId::parse(fields.get("organisation"));
    if reuser.is_none() {
        errors.push(FieldError::new("organisation", "form.error.choice"));
    }
    let kind = AgreementKind::from_code(fields.get("kind"));
    if kind.is_none() {
        errors.push(FieldError::new("kind", "form.error.choice"));
    }
    let result = match (reuser, kind) {
        (Some(reuser), Some(kind)) if errors.is_empty() => {
            let request = ReuseRequest {
                software_slug: slug,
                reuser,
                kind,
                message: fields.get("message").to_owned(),
            };
            ctx.state.reuse.request_reuse(&actor, ctx.ip, request).await
        }
        _ => Err(AppError::Invalid(errors)),
    };
    match result {
        Ok(id) => ctx.success("reuse.notice.requested", &agreement_path(id)).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: "reuse-request",
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

async fn step(ctx: Ctx, Path(id): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let Some(id) = AgreementId::parse(&id) else {
        return ctx.error(AppError::NotFound, "/nachnutzung").await;
    };
    let back = agreement_path(id);
    let actor = actor_or_return!(ctx, &back);
    let parsed = (
        OrganisationId::parse(fields.get("organisation")),
        Action::from_code(fields.get("aktion")),
        fields.get("version").parse::<i32>().ok(),
    );
    let (Some(party), Some(action), Some(version)) = parsed else {
        return ctx
            .error(
                AppError::Invalid(vec![FieldError::new("aktion", "form.error.choice")]),
                &back,
            )
            .await;
    };
    match ctx.state.reuse.act(&actor, ctx.ip, id, party, action, version).await {
        Ok(_) => ctx.success("reuse.notice.step", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}

async fn terms(ctx: Ctx, Path(id): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let Some(id) = AgreementId::parse(&id) else {
        return ctx.error(AppError::NotFound, "/nachnutzung").await;
    };
    let back = format!("{}/bedingungen", agreement_path(id));
    let actor = actor_or_return!(ctx, &back);
    let result = match (
        party_and_version(&fields),
        Terms::from_form(|name| fields.get(name).to_owned()),
    ) {
        (_, Err(errors)) => Err(AppError::Invalid(errors)),
        (Err(error), _) => Err(error),
        (Ok((party, version)), Ok(terms)) => {
            ctx.state
                .reuse
                .edit_terms(&actor, ctx.ip, id, party, version, terms)
                .await
        }
    };
    match result {
        Ok(Edited::Saved(_)) => ctx.success("reuse.terms.saved", &agreement_path(id)).await,
        Ok(Edited::Unchanged) => ctx.success("reuse.terms.unchanged", &agreement_path(id)).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: TERMS_FORM,
                    back,
                    fields: &fields,
                },
            )
            .await
        }
    }
}

/// A form whose hidden fields were tampered with.
fn garbled() -> AppError {
    AppError::Invalid(vec![FieldError::new("organisation", "form.error.choice")])
}

/// The party every change of an agreement is made for.
pub(super) fn party(fields: &Fields) -> Result<OrganisationId, AppError> {
    OrganisationId::parse(fields.get("organisation")).ok_or_else(garbled)
}

/// The party and the version an edit of the terms or costs names.
fn party_and_version(fields: &Fields) -> Result<(OrganisationId, i32), AppError> {
    let version = fields.get("version").parse::<i32>().map_err(|_| garbled())?;
    Ok((party(fields)?, version))
}

async fn contact(ctx: Ctx, Path(id): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let Some(id) = AgreementId::parse(&id) else {
        return ctx.error(AppError::NotFound, "/nachnutzung").await;
    };
    let back = agreement_path(id);
    let actor = actor_or_return!(ctx, &back);
    let chosen = match fields.get("kontakt") {
        "" => Ok(None),
        text => UserId::parse(text)
            .map(Some)
            .ok_or_else(|| AppError::Invalid(vec![FieldError::new("kontakt", "form.error.choice")])),
    };
    let result = match (party(&fields), chosen) {
        (Ok(party), Ok(contact)) => ctx.state.reuse.set_contact(&actor, ctx.ip, id, party, contact).await,
        (Err(error), _) | (_, Err(error)) => Err(error),
    };
    match result {
        Ok(()) => {
            ctx.success("reuse.contact.saved", &format!("{back}#agreement-parties"))
                .await
        }
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: CONTACT_FORM,
                    back: format!("{back}#agreement-parties"),
                    fields: &fields,
                },
            )
            .await
        }
    }
}

async fn consent(ctx: Ctx, Path(id): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let Some(id) = AgreementId::parse(&id) else {
        return ctx.error(AppError::NotFound, "/nachnutzung").await;
    };
    let back = agreement_path(id);
    let actor = actor_or_return!(ctx, &back);
    let consents = match fields.get("zustimmung") {
        "ja" => Ok(true),
        "nein" => Ok(false),
        _ => Err(garbled()),
    };
    let result = match (party(&fields), consents) {
        (Ok(party), Ok(consents)) => ctx.state.reuse.set_consent(&actor, ctx.ip, id, party, consents).await,
        (Err(error), _) | (_, Err(error)) => Err(error),
    };
    match result {
        Ok(()) => {
            ctx.success("reuse.publication.saved", &format!("{back}#agreement-parties"))
                .await
        }
        Err(error) => ctx.error(error, &back).await,
    }
}

async fn add_cost_block(ctx: Ctx, Path(id): Path<String>, axum::Form(fields): axum::Form<Fields>) -> Response {
    let Some(id) = AgreementId::parse(&id) else {
        return ctx.error(AppError::NotFound, "/nachnutzung").await;
    };
    let back = agreement_path(id);
    let actor = actor_or_return!(ctx, &back);
    let result = match party_and_version(&fields) {
        Ok((party, version)) => {
            ctx.state
                .reuse
                .add_cost_block(&actor, ctx.ip, id, party, version, |name| fields.get(name).to_owned())
                .await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => ctx.success("reuse.costs.added", &back).await,
        Err(error) => {
            ctx.failed(
                error,
                Form {
                    name: COSTS_FORM,
                    back: format!("{back}#costs-add"),
                    fields: &fields,
                },
            )
            .await
        }
    }
}

async fn remove_cost_block(
    ctx: Ctx,
    Path((id, block)): Path<(String, String)>,
    axum::Form(fields): axum::Form<Fields>,
) -> Response {
    let (Some(id), Ok(block)) = (
        AgreementId::parse(&id),
        crate::kernel::CostBlockId::parse(&block).ok_or(()),
    ) else {
        return ctx.error(AppError::NotFound, "/nachnutzung").await;
    };
    let back = agreement_path(id);
    let actor = actor_or_return!(ctx, &back);
    let result = match party_and_version(&fields) {
        Ok((party, version)) => {
            ctx.state
                .reuse
                .remove_cost_block(&actor, ctx.ip, id, party, version, block)
                .await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => ctx.success("reuse.costs.removed", &back).await,
        Err(error) => ctx.error(error, &back).await,
    }
}
