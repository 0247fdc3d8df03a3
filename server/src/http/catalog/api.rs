//! The catalog's JSON API under `/api/v1`: search, software, publishing
//! with a token, and the validator. Errors are RFC 7807 problem documents.

use crate::catalog::{Outcome, Source};
use crate::http::accounts::api::{bearer, problem, problem_for, problem_with};
use crate::state::AppState;
use app::catalog::dto::{Facet, SearchQuery, SearchResults, SoftwareSummary, Sort};
use app::catalog::publiccode::{self, MAX_BYTES};
use app::error::AppError;
use app::i18n::Locale;
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::{header, HeaderMap, StatusCode};
use serde_json::{json, Value};

/// The query's name/value pairs, decoded.
pub fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

/// Unknown parameters and malformed values are refused rather than
/// ignored: a typo in a script should not silently widen a search.
#[allow(clippy::result_large_err)] // the error is the answer itself, on the refusing path only
fn check_search_params(pairs: &[(String, String)]) -> Result<(), Response> {
    for (name, value) in pairs {
        let known = matches!(name.as_str(), "q" | "sort" | "cursor" | "limit") || Facet::from_api_param(name).is_some();
        let detail = if !known {
            Some(format!("unknown parameter `{name}`"))
        } else if value.len() > SearchQuery::MAX_TEXT {
            Some(format!("`{name}` is longer than {} bytes", SearchQuery::MAX_TEXT))
        } else if name == "sort" && Sort::parse(value).is_none() {
            Some("`sort` must be relevance, name or updated".to_string())
        } else if name == "limit"
            && !value
                .parse::<u32>()
                .is_ok_and(|n| (1..=SearchQuery::MAX_LIMIT).contains(&n))
        {
            Some(format!("`limit` must be a number from 1 to {}", SearchQuery::MAX_LIMIT))
        } else {
            None
        };
        if let Some(detail) = detail {
            return Err(problem_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Invalid query parameter.",
                &detail,
                json!({"parameter": name}),
            ));
        }
    }
    Ok(())
}

pub fn summary_json(s: &SoftwareSummary, base: &str) -> Value {
    json!({
        "slug": s.slug,
        "name": s.name,
        "description": s.summary,
        "organisation": {"slug": s.organisation_slug, "name": s.organisation_name},
        "developmentStatus": s.development_status,
        "softwareType": s.software_type,
        "license": s.license,
        "categories": s.categories,
        "url": s.url,
        "updatedAt": s.updated_at,
        "reuseCount": s.reuse_count,
        "links": {"self": format!("{base}/api/v1/software/{}", s.slug), "html": format!("{base}/software/{}", s.slug)},
    })
}

fn results_json(r: &SearchResults, base: &str, raw_query: &str) -> Value {
    let facets: serde_json::Map<String, Value> = r
        .facets
        .iter()
        .map(|f| {
            let values: Vec<Value> = f
                .values
                .iter()
                .map(|v| json!({"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}))
                .collect();
            (f.facet.api_param().to_string(), Value::Array(values))
        })
        .collect();
    let next = r.next_cursor.as_ref().map(|c| {
        let rest: Vec<(String, String)> = pairs(Some(raw_query))
            .into_iter()
            .filter(|(k, _)| k != "cursor")
            .collect();
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(rest);
        query.append_pair("cursor", c);
        format!("{base}/api/v1/software?{}", query.finish())
    });
    json!({
        "total": r.total,
        "items": r.items.iter().map(|s| summary_json(s, base)).collect::<Vec<_>>(),
        "facets": facets,
        "nextCursor": r.next_cursor,
        "suggestion": r.suggestion,
        "links": {"next": next},
    })
}

pub async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pairs = pairs(raw.as_deref());
    if let Err(response) = check_search_params(&pairs) {
        return response;
    }
    let query = SearchQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), true);
    match state.catalog.search(&query, Locale::En).await {
        Ok(results) => Json(results_json(
            &results,
            &state.config.origin(),
            raw.as_deref().unwrap_or(""),
        ))
        .into_response(),
        Err(error) => problem_for(&error),
    }
}

pub async fn software(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match state.catalog.software(None, &slug, Locale::En).await {
        Ok(detail) => {
            let base = state.config.origin();
            let mut body = summary_json(&detail.summary, &base);
            body["createdAt"] = json!(detail.created_at);
            body["publiccode"] = serde_json::to_value(&detail.document).unwrap_or(Value::Null);
            body["basedOn"] = json!(detail.origin.iter().map(|l| &l.slug).collect::<Vec<_>>());
            body["variants"] = json!(detail.variants.iter().map(|l| &l.slug).collect::<Vec<_>>());
            Json(body).into_response()
        }
        Err(error) => problem_for(&error),
    }
}

/// The request body, at most `MAX_BYTES` (plus one to tell "too large").
async fn body_bytes(body: Body) -> Result<Bytes, Response> {
    axum::body::to_bytes(body, MAX_BYTES + 1).await.map_err(|_| {
        problem_with(
            StatusCode::PAYLOAD_TOO_LARGE,
            "The file is too large.",
            &format!("publiccode.yml files may have at most {} KiB", MAX_BYTES / 1024),
            json!({}),
        )
    })
}

fn issues_json(report: &publiccode::Report, locale: Locale) -> Vec<publiccode::IssueJson> {
    report.issues.iter().map(|i| i.to_json(locale)).collect()
}

fn lang_of(raw: Option<&str>) -> Locale {
    match pairs(raw)
        .into_iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v)
        .as_deref()
    {
        Some("en") => Locale::En,
        _ => Locale::De,
    }
}

pub async fn validate(RawQuery(raw): RawQuery, body: Body) -> Response {
    let bytes = match body_bytes(body).await {
        Ok(b) => b,
        Err(response) => return response,
    };
    let report = publiccode::validate_bytes_with(&bytes, &publiccode::Registers::default());
    Json(json!({"valid": report.is_valid(), "issues": issues_json(&report, lang_of(raw.as_deref()))})).into_response()
}

/// `POST /api/v1/software`: what a CI pipeline calls on every release.
pub async fn publish(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Some(token) = bearer(&headers) else {
        return problem(
            StatusCode::UNAUTHORIZED,
            "An API token is required (Authorization: Bearer alm_…).",
        );
    };
    let token = match state.accounts.authenticate_token(token).await {
        Ok(t) => t,
        Err(error) => return problem_for(&error),
    };
    if let Err(error) = token.require_scope(crate::kernel::Scope::CatalogPublish) {
        return problem_for(&error);
    }
    let requested = pairs(raw.as_deref())
        .into_iter()
        .find(|(k, _)| k == "organisation")
        .map(|(_, v)| v);
    // A token speaks for the one organisation it was made for.
    if requested.as_deref().is_some_and(|o| o != token.organisation_slug) {
        return problem_for(&AppError::Forbidden);
    }
    let bytes = match body_bytes(body).await {
        Ok(b) => b,
        Err(response) => return response,
    };
    let locale = lang_of(raw.as_deref());
    let published = match state
        .catalog
        .publish(&token.actor, &token.organisation_slug, Source::Api, &bytes, None)
        .await
    {
        Ok(p) => p,
        Err(error) => return problem_for(&error),
    };
    let base = state.config.origin();
    let issues = issues_json(&published.report, locale);
    let ok = |status: StatusCode, outcome: &str, slug: &str| {
        let location = format!("{base}/api/v1/software/{slug}");
        (
            status,
            [(header::LOCATION, location.clone())],
            Json(json!({"outcome": outcome, "slug": slug, "links": {"self": location, "html": format!("{base}/software/{slug}")}, "issues": issues})),
        )
            .into_response()
    };
    match published.outcome {
        Outcome::Created(slug) => ok(StatusCode::CREATED, "created", &slug),
        Outcome::Updated(slug) => ok(StatusCode::OK, "updated", &slug),
        Outcome::Unchanged(slug) => ok(StatusCode::OK, "unchanged", &slug),
        Outcome::Deactivated(slug) => problem_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The publiccode.yml is invalid; the entry was marked inactive.",
            &format!("{} error(s); see `issues`", published.report.errors().count()),
            json!({"issues": issues, "slug": slug}),
        ),
        Outcome::Invalid => problem_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The publiccode.yml is invalid.",
            &format!("{} error(s); see `issues`", published.report.errors().count()),
            json!({"issues": issues}),
        ),
        Outcome::Refused(refusal) => problem_with(
            StatusCode::CONFLICT,
            "The publiccode.yml cannot be published by this organisation.",
            &refusal.describe(locale, &published.organisation_name),
            json!({"issues": issues}),
        ),
    }
}
