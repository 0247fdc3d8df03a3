//! `GET /nachnutzung/export.csv`, `/nachnutzung/export.json` and
//! `/nachnutzung/feed.atom`: the agreements' public summaries (never the
//! request's text or the costs), with the list's filters (`stand`, `art`,
//! `land`), so that a Land can take its reuse into a report.

use crate::http::accounts::api::problem_for;
use crate::http::catalog::export::csv_field;
use crate::http::catalog::feed::xml_escape;
use crate::state::AppState;
use app::i18n::{message, Locale};
use app::reuse::dto::AgreementSummary;
use app::reuse::query::AgreementQuery;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use http::header;
use std::collections::HashMap;

const CSV_HEADER: &str = "id,url,software,softwareUrl,provider,reusers,kind,status,openedAt,changedAt\r\n";
/// The feed's length: the latest changes.
const FEED_ENTRIES: usize = 50;

fn query(params: &HashMap<String, String>) -> AgreementQuery {
    let get = |name: &str| params.get(name).cloned();
    AgreementQuery::from_params(get("stand"), get("art"), get("land"), None)
}

fn url(base: &str, a: &AgreementSummary) -> String {
    format!("{base}/nachnutzung/vereinbarungen/{}", a.id)
}

pub(super) fn json_item(base: &str, a: &AgreementSummary) -> serde_json::Value {
    serde_json::json!({
        "id": a.id,
        "url": url(base, a),
        "software": {"slug": a.software_slug, "name": a.software_name, "url": format!("{base}/software/{}", a.software_slug)},
        "provider": {"slug": a.provider.slug, "name": a.provider.name},
        "reusers": a.reusers.iter().map(|r| serde_json::json!({"slug": r.slug, "name": r.name})).collect::<Vec<_>>(),
        "kind": a.kind.code(),
        "status": a.status.code(),
        "openedAt": a.opened_at,
        "changedAt": a.changed_at,
    })
}

pub async fn csv(State(state): State<AppState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let items = match state.reuse.all_agreements(&query(&params)).await {
        Ok(items) => items,
        Err(error) => return problem_for(&error),
    };
    let base = state.config.origin();
    let mut body = String::from(CSV_HEADER);
    for a in &items {
        let reusers: Vec<&str> = a.reusers.iter().map(|r| r.slug.as_str()).collect();
        let fields = [
            a.id.clone(),
            url(&base, a),
            a.software_name.clone(),
            format!("{base}/software/{}", a.software_slug),
            a.provider.slug.clone(),
            reusers.join(";"),
            a.kind.code().to_owned(),
            a.status.code().to_owned(),
            a.opened_at.clone(),
            a.changed_at.clone(),
        ];
        body.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        body.push_str("\r\n");
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"allmende-nachnutzung.csv\"",
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn json(State(state): State<AppState>, Query(params): Query<HashMap<String, String>>) -> Response {
    let items = match state.reuse.all_agreements(&query(&params)).await {
        Ok(items) => items,
        Err(error) => return problem_for(&error),
    };
    let base = state.config.origin();
    let body = serde_json::Value::Array(items.iter().map(|a| json_item(&base, a)).collect());
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"allmende-nachnutzung.json\"",
            ),
        ],
        body.to_string(),
    )
        .into_response()
}

pub async fn atom(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
    locale: Option<axum::Extension<Locale>>,
) -> Response {
    let locale = locale.map(|l| l.0).unwrap_or_default();
    let list = match state.reuse.agreements(&query(&params)).await {
        Ok(list) => list,
        Err(error) => return problem_for(&error),
    };
    let base = state.config.origin();
    let t = |key: &'static str| message(locale, key);
    let updated = list
        .items
        .first()
        .map(|a| a.changed_at.clone())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n\
         <title>{}</title>\n<id>{base}/nachnutzung</id>\n<updated>{updated}</updated>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{base}/nachnutzung/feed.atom\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{base}/nachnutzung\"/>\n<generator>Allmende</generator>\n",
        locale.tag(),
        xml_escape(&format!("Allmende – {}", t("reuse.feed.title"))),
    );
    for a in list.items.iter().take(FEED_ENTRIES) {
        let reusers: Vec<&str> = a.reusers.iter().map(|r| r.name.as_str()).collect();
        let title = format!("{}: {}", a.software_name, t(a.status.label_key()));
        let summary = format!(
            "{} {} → {} ({})",
            t(a.kind.label_key()),
            a.provider.name,
            reusers.join(", "),
            t(a.status.label_key())
        );
        // The id stays with the agreement; each change is a new `updated`.
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n<author><name>{}</name><uri>{base}/verwaltungen/{}</uri></author>\n\
             <summary>{}</summary>\n<category term=\"{}\"/>\n</entry>\n",
            xml_escape(&title),
            url(&base, a),
            url(&base, a),
            a.opened_at,
            a.changed_at,
            xml_escape(&a.provider.name),
            a.provider.slug,
            xml_escape(&summary),
            a.status.code(),
        ));
    }
    xml.push_str("</feed>\n");
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response()
}
