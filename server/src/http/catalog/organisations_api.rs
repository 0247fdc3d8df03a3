//! `GET /api/v1/organisations[/{slug}]`: the directory for scripts.

use crate::http::accounts::api::{problem_for, problem_with};
use crate::state::AppState;
use app::directory::dto::{OrganisationSummary, LAENDER};
use app::i18n::Locale;
use app::ports::DirectoryService;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use http::StatusCode;
use serde_json::json;

use super::api::{pairs, summary_json};

fn organisation_json(o: &OrganisationSummary, base: &str) -> serde_json::Value {
    json!({
        "slug": o.slug,
        "name": o.name,
        "shortName": o.short_name,
        "kind": o.kind.code(),
        "land": o.land,
        "verified": o.verified,
        "links": {"self": format!("{base}/api/v1/organisations/{}", o.slug), "html": format!("{base}/verwaltungen/{}", o.slug)},
    })
}

pub async fn list(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let invalid = |detail: &str, name: &str| {
        problem_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid query parameter.",
            detail,
            json!({"parameter": name}),
        )
    };
    let (mut text, mut land, mut after, mut limit) = (None, None, String::new(), 50u32);
    for (name, value) in pairs(raw.as_deref()) {
        match name.as_str() {
            "q" if value.len() <= 100 => text = Some(value),
            "land" if LAENDER.iter().any(|(code, _)| *code == value) => land = Some(value),
            "limit" => match value.parse::<u32>() {
                Ok(n) if (1..=200).contains(&n) => limit = n,
                _ => return invalid("`limit` must be a number from 1 to 200", "limit"),
            },
            "cursor" => match base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(&value)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
            {
                Some(slug) => after = slug,
                None => return invalid("`cursor` is not a cursor this API issued", "cursor"),
            },
            "q" => return invalid("`q` is longer than 100 bytes", "q"),
            "land" => return invalid("`land` must be an ISO 3166-2 code of a Land, e.g. DE-SH", "land"),
            other => return invalid(&format!("unknown parameter `{other}`"), other),
        }
    }
    let directory = crate::accounts::DirectoryServiceImpl { db: state.db.clone() };
    match directory
        .page_after(text.as_deref(), land.as_deref(), &after, limit)
        .await
    {
        Ok(mut items) => {
            let next = (items.len() > limit as usize).then(|| {
                items.truncate(limit as usize);
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&items.last().expect("non-empty").slug)
            });
            let base = state.config.origin();
            Json(json!({
                "items": items.iter().map(|o| organisation_json(o, &base)).collect::<Vec<_>>(),
                "nextCursor": next,
            }))
            .into_response()
        }
        Err(error) => problem_for(&error),
    }
}

pub async fn detail(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let directory = crate::accounts::DirectoryServiceImpl { db: state.db.clone() };
    let org = match directory.organisation(&slug, Locale::En).await {
        Ok(org) => org,
        Err(error) => return problem_for(&error),
    };
    let software = match state.catalog.organisation_software(None, &slug, Locale::En).await {
        Ok(s) => s,
        Err(error) => return problem_for(&error),
    };
    let base = state.config.origin();
    let mut body = organisation_json(&org.summary, &base);
    body["uri"] = json!(org.uri);
    body["website"] = json!(org.website);
    body["ars"] = json!(org.ars);
    body["leitwegId"] = json!(org.leitweg_id);
    body["parent"] = json!(org.parent.as_ref().map(|p| &p.slug));
    body["software"] = json!(software.iter().map(|s| summary_json(s, &base)).collect::<Vec<_>>());
    Json(body).into_response()
}
