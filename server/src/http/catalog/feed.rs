//! `GET /software/feed.atom`: new and updated software, newest first.

use crate::state::AppState;
use app::i18n::Locale;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::header;

use crate::http::accounts::api::problem_for;

const ENTRIES: u32 = 50;

pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped rather than breaking the feed.
            c if !xml_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// XML 1.0's `Char` production: tab, line feed, carriage return, and
/// U+0020 to U+FFFD and U+10000 up, except the surrogates (which a Rust
/// `char` cannot be) and the noncharacters U+FFFE and U+FFFF.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

pub async fn atom(State(state): State<AppState>, locale: Option<axum::Extension<Locale>>) -> Response {
    let locale = locale.map(|l| l.0).unwrap_or_default();
    let entries = match state.catalog.entries_page(None, ENTRIES, locale).await {
        Ok(e) => e,
        Err(error) => return problem_for(&error),
    };
    let base = state.config.origin();
    let updated = entries
        .first()
        .map(|e| e.summary.updated_at.clone())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let title = if locale == Locale::En {
        "Allmende – new and updated software"
    } else {
        "Allmende – neue und aktualisierte Software"
    };
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n\
         <title>{}</title>\n<id>{base}/software</id>\n<updated>{updated}</updated>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{base}/software/feed.atom\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{base}/software\"/>\n<generator>Allmende</generator>\n",
        locale.tag(),
        xml_escape(title)
    );
    for e in &entries {
        let s = &e.summary;
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{base}/software/{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}/software/{}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n<author><name>{}</name><uri>{base}/verwaltungen/{}</uri></author>\n\
             <summary>{}</summary>\n{}</entry>\n",
            xml_escape(&s.name),
            s.slug,
            s.slug,
            e.created_at,
            s.updated_at,
            xml_escape(&s.organisation_name),
            s.organisation_slug,
            xml_escape(&s.summary),
            s.categories.iter().map(|c| format!("<category term=\"{}\"/>\n", xml_escape(c))).collect::<String>(),
        ));
    }
    xml.push_str("</feed>\n");
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response()
}

#[cfg(test)]
mod tests {
    use super::xml_escape;

    #[test]
    fn characters_xml_forbids_are_dropped() {
        assert_eq!(xml_escape("a\u{0}b\u{1b}c\u{FFFE}d\u{FFFF}e"), "abcde");
        assert_eq!(xml_escape("Tab\tü€😀 <&>"), "Tab\tü€😀 &lt;&amp;&gt;");
    }
}
