//! `GET /software/export.csv` and `/software/export.json`: the whole active
//! catalog, streamed page by page so 100,000 entries never sit in memory.

use std::sync::Arc;

use crate::catalog::{Catalog, FullEntry};
use crate::state::AppState;
use app::i18n::Locale;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use futures_util::{stream, StreamExt};
use http::header;

const PAGE: u32 = 500;

#[derive(Clone, Copy)]
enum Format {
    Csv,
    Json,
}

const CSV_HEADER: &str = "slug,name,organisation,url,developmentStatus,softwareType,license,categories,platforms,languages,maintenanceType,updatedAt,description\r\n";

/// One CSV field: quoted when needed, and a leading formula character
/// neutralised so a spreadsheet never executes catalog text (CWE-1236).
/// Quotes a field, and defuses what a spreadsheet would run as a formula:
/// a cell whose first character after leading blanks is `=`, `+`, `-`, `@`
/// (spreadsheets skip the blanks), or that starts with a tab or a line
/// break, gets a leading apostrophe.
pub(crate) fn csv_field(value: &str) -> String {
    let formula = value
        .trim_start_matches([' ', '\u{a0}'])
        .starts_with(['=', '+', '-', '@', '\t', '\r', '\n']);
    let value = if formula || value.starts_with(['\t', '\r', '\n']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

fn csv_row(e: &FullEntry) -> String {
    let s = &e.summary;
    let d = &e.document;
    let fields = [
        s.slug.clone(),
        s.name.clone(),
        s.organisation_slug.clone(),
        s.url.clone(),
        s.development_status.clone(),
        s.software_type.clone(),
        s.license.clone(),
        d.categories.join(";"),
        d.platforms.join(";"),
        d.localisation.available_languages.join(";"),
        d.maintenance.kind.clone(),
        s.updated_at.clone(),
        s.summary.clone(),
    ];
    let mut row = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
    row.push_str("\r\n");
    row
}

fn json_item(e: &FullEntry, base: &str, first: bool) -> String {
    let mut item = super::api::summary_json(&e.summary, base);
    item["publiccode"] = serde_json::to_value(&e.document).unwrap_or_default();
    format!("{}{}", if first { "\n" } else { ",\n" }, item)
}

enum Step {
    Start,
    After(Option<(String, String)>, bool),
    Done,
}

fn body(catalog: Arc<Catalog>, format: Format, base: String, locale: Locale) -> Body {
    let stream = stream::unfold(Step::Start, move |step| {
        let catalog = catalog.clone();
        let base = base.clone();
        async move {
            let (after, first) = match step {
                Step::Done => return None,
                Step::Start => {
                    let head = match format {
                        Format::Csv => CSV_HEADER.to_string(),
                        Format::Json => "[".to_string(),
                    };
                    return Some((Ok::<Bytes, std::io::Error>(Bytes::from(head)), Step::After(None, true)));
                }
                Step::After(after, first) => (after, first),
            };
            let page = match catalog.entries_page(after, PAGE, locale).await {
                Ok(page) => page,
                // The status line is sent already: end the body visibly broken.
                Err(_) => return Some((Err(std::io::Error::other("export aborted")), Step::Done)),
            };
            if page.is_empty() {
                let tail = match format {
                    Format::Csv => String::new(),
                    Format::Json => "\n]\n".to_string(),
                };
                return Some((Ok(Bytes::from(tail)), Step::Done));
            }
            let mut chunk = String::new();
            for (i, e) in page.iter().enumerate() {
                match format {
                    Format::Csv => chunk.push_str(&csv_row(e)),
                    Format::Json => chunk.push_str(&json_item(e, &base, first && i == 0)),
                }
            }
            let last = page
                .last()
                .map(|e| (e.summary.updated_at.clone(), e.summary.slug.clone()));
            let next = if page.len() < PAGE as usize {
                Step::After(Some(("-infinity".into(), String::new())), false)
            } else {
                Step::After(last, false)
            };
            Some((Ok(Bytes::from(chunk)), next))
        }
    });
    // Fused: the compression layer polls the body once more after its end
    // (for trailers), and an unfused `unfold` panics there, which cut every
    // compressed download off before the encoder's last bytes.
    Body::from_stream(stream.fuse())
}

pub async fn csv(State(state): State<AppState>) -> Response {
    let body = body(state.catalog.clone(), Format::Csv, state.config.origin(), Locale::En);
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"allmende-software.csv\"",
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn json(State(state): State<AppState>) -> Response {
    let body = body(state.catalog.clone(), Format::Json, state.config.origin(), Locale::En);
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"allmende-software.json\"",
            ),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
        // The probe's bypass: a blank before the formula.
        assert_eq!(csv_field(" =1+1"), "' =1+1");
        assert_eq!(csv_field("\u{a0}\u{a0}@SUM(A1)"), "'\u{a0}\u{a0}@SUM(A1)");
        assert_eq!(csv_field("a = b"), "a = b");
    }
}
