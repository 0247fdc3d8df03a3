//! The languages Allmende speaks and how a request picks one.

use serde::{Deserialize, Serialize};

/// A supported interface language. German first: it is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    De,
    En,
}

/// The cookie that remembers the reader's choice (set by the language switch form).
pub const LOCALE_COOKIE: &str = "allmende_lang";

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::De, Locale::En];

    /// BCP 47 tag, as used in `lang` attributes and the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::De => "de",
            Locale::En => "en",
        }
    }

    /// The language's own name, shown in the switch whatever the current language.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::De => "Deutsch",
            Locale::En => "English",
        }
    }

    /// Parses a tag such as `de`, `en-GB` or `DE-at`; only the primary subtag counts.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Locale::De),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the language of a request: the remembered choice wins, then the
    /// browser's `Accept-Language` by quality, then German.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
        if let Some(locale) = cookie.and_then(Locale::from_tag) {
            return locale;
        }
        accept_language.and_then(best_from_accept_language).unwrap_or_default()
    }
}

/// The supported language with the highest quality in an `Accept-Language` value.
fn best_from_accept_language(header: &str) -> Option<Locale> {
    let mut best: Option<(f32, Locale)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let Some(locale) = parts.next().and_then(Locale::from_tag) else {
            continue;
        };
        let quality = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .filter_map(|q| q.trim().parse::<f32>().ok())
            .next()
            .unwrap_or(1.0);
        if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, locale));
        }
    }
    best.map(|(_, locale)| locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_wins_over_header() {
        assert_eq!(Locale::negotiate(Some("en"), Some("de-DE")), Locale::En);
    }

    #[test]
    fn header_quality_decides() {
        assert_eq!(Locale::negotiate(None, Some("fr;q=1, en;q=0.8, de;q=0.5")), Locale::En);
        assert_eq!(Locale::negotiate(None, Some("en-GB;q=0.3, de-AT")), Locale::De);
        assert_eq!(Locale::negotiate(None, Some("en;q=0")), Locale::De);
    }

    #[test]
    fn defaults_to_german() {
        assert_eq!(Locale::negotiate(None, None), Locale::De);
        assert_eq!(Locale::negotiate(Some("xx"), Some("fr, it")), Locale::De);
    }
}
