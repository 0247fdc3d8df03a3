//! Syntax checks for the typed strings of the standard: SPDX expressions,
//! BCP 47 tags, URLs, dates, e-mail addresses and media types. Written by
//! hand so the browser's copy of the validator stays small.

use super::vocabulary::{self, Listed};

/// Checks an SPDX license expression (SPDX spec annex D):
/// `id[+] [WITH exception]` terms joined by AND / OR, with parentheses;
/// `LicenseRef-…` and `DocumentRef-…:LicenseRef-…` accepted. Returns the
/// deprecated identifiers found, or what is wrong.
pub fn spdx_expression(text: &str) -> Result<Vec<String>, String> {
    let spaced = text.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    if tokens.is_empty() {
        return Err("empty expression".into());
    }
    let mut parser = Spdx {
        tokens,
        at: 0,
        deprecated: Vec::new(),
        depth: 0,
    };
    parser.expression()?;
    if parser.at < parser.tokens.len() {
        return Err(format!("unexpected `{}`", parser.tokens[parser.at]));
    }
    Ok(parser.deprecated)
}

struct Spdx<'a> {
    tokens: Vec<&'a str>,
    at: usize,
    deprecated: Vec<String>,
    depth: usize,
}

impl<'a> Spdx<'a> {
    fn peek(&self) -> Option<&'a str> {
        self.tokens.get(self.at).copied()
    }

    fn expression(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > 64 {
            return Err("nested too deeply".into());
        }
        self.term()?;
        while let Some(op) = self.peek() {
            if op.eq_ignore_ascii_case("AND") || op.eq_ignore_ascii_case("OR") {
                self.at += 1;
                self.term()?;
            } else {
                break;
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn term(&mut self) -> Result<(), String> {
        match self.peek() {
            None => Err("expression ends after an operator".into()),
            Some("(") => {
                self.at += 1;
                self.expression()?;
                if self.peek() != Some(")") {
                    return Err("missing `)`".into());
                }
                self.at += 1;
                Ok(())
            }
            Some(id) => {
                self.at += 1;
                self.licence(id)?;
                if self.peek().is_some_and(|w| w.eq_ignore_ascii_case("WITH")) {
                    self.at += 1;
                    let Some(exception) = self.peek() else {
                        return Err("`WITH` needs an exception".into());
                    };
                    self.at += 1;
                    if exception.starts_with("AdditionRef-") {
                        return Ok(());
                    }
                    match vocabulary::exception(exception) {
                        Listed::Current => {}
                        Listed::Deprecated => self.deprecated.push(exception.to_string()),
                        Listed::Unknown => return Err(format!("unknown exception `{exception}`")),
                    }
                }
                Ok(())
            }
        }
    }

    fn licence(&mut self, word: &'a str) -> Result<(), String> {
        if word == ")" || ["AND", "OR", "WITH"].iter().any(|op| word.eq_ignore_ascii_case(op)) {
            return Err(format!("unexpected `{word}`"));
        }
        let idstring =
            |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        let reference = word.split_once(':').map_or(word, |(doc, lic)| {
            if doc.starts_with("DocumentRef-") && idstring(&doc[12..]) {
                lic
            } else {
                word
            }
        });
        if let Some(rest) = reference.strip_prefix("LicenseRef-") {
            return if idstring(rest) {
                Ok(())
            } else {
                Err(format!("invalid reference `{word}`"))
            };
        }
        let id = word.strip_suffix('+').unwrap_or(word);
        match vocabulary::licence(id) {
            Listed::Current => Ok(()),
            Listed::Deprecated => {
                self.deprecated.push(id.to_string());
                Ok(())
            }
            Listed::Unknown => Err(format!("unknown license `{word}`")),
        }
    }
}

/// RFC 5646 `langtag` (well-formed; the registry holds no primary language
/// subtags of 5–8 letters, so 2–3 letters are required), with the primary
/// subtag checked against the IANA registry, as the reference parser does. Private-use tags (`x-…`) and
/// grandfathered tags are not languages a description can be written in.
pub fn language_tag(tag: &str) -> bool {
    let parts: Vec<&str> = tag.split('-').collect();
    let alpha =
        |s: &str, min: usize, max: usize| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic());
    let Some(first) = parts.first() else { return false };
    if !alpha(first, 2, 3) {
        return false;
    }
    if !vocabulary::is_registered_language(first) {
        return false;
    }
    let mut i = 1;
    // Up to three extended language subtags after a 2–3 letter language.
    if first.len() <= 3 {
        let mut ext = 0;
        while i < parts.len() && ext < 3 && alpha(parts[i], 3, 3) {
            i += 1;
            ext += 1;
        }
    }
    if i < parts.len() && alpha(parts[i], 4, 4) {
        i += 1; // script
    }
    if i < parts.len()
        && (alpha(parts[i], 2, 2) || (parts[i].len() == 3 && parts[i].bytes().all(|b| b.is_ascii_digit())))
    {
        i += 1; // region
    }
    let alnum = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    while i < parts.len() {
        let p = parts[i];
        let variant = alnum(p) && ((5..=8).contains(&p.len()) || (p.len() == 4 && p.as_bytes()[0].is_ascii_digit()));
        if variant {
            i += 1;
            continue;
        }
        // Extensions (singleton + 2–8 alnum subtags) and private use (x + 1–8).
        if p.len() == 1 && alnum(p) {
            let private = p.eq_ignore_ascii_case("x");
            let min = if private { 1 } else { 2 };
            i += 1;
            let start = i;
            while i < parts.len()
                && (min..=8).contains(&parts[i].len())
                && alnum(parts[i])
                && (private || parts[i].len() > 1)
            {
                i += 1;
            }
            if i == start {
                return false;
            }
            continue;
        }
        return false;
    }
    true
}

/// An absolute http(s) URL with a host and nothing a browser would choke on.
pub fn web_url(text: &str) -> bool {
    url_with_schemes(text, &["http", "https"])
}

/// A repository URL: the web schemes plus the ones Git and Subversion use.
pub fn repository_url(text: &str) -> bool {
    url_with_schemes(text, &["http", "https", "git", "ssh", "svn", "git+ssh", "svn+ssh"])
}

fn url_with_schemes(text: &str, schemes: &[&str]) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    if !schemes.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
        return false;
    }
    if text.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\' | '^' | '`' | '{' | '|' | '}')
    }) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        match host_port.find(']') {
            Some(end) => &host_port[..=end],
            None => return false,
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => {
                if !port.is_empty() && port.parse::<u16>().is_err() {
                    return false;
                }
                host
            }
            None => host_port,
        }
    };
    !host.is_empty()
        && (host.starts_with('[')
            || host.split('.').all(|label| {
                !label.is_empty()
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                    && !label.starts_with('-')
            }))
}

/// RFC 3986 `scheme ":" rest`, as `organisation.uri` allows URNs too.
pub fn uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
        && (!matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") || web_url(text))
}

/// The aliases the standard defines for `supports[].id`
/// (`docs/standard/aliases-list.rst`).
pub const SUPPORTS_ALIASES: &[&str] = &["gdpr", "eidas", "nis2", "cra", "spid", "cie", "anpr", "pagopa", "io"];

/// A `supports` id: a URN (RFC 2141: `urn:<nid>:<nss>`) or a URI with a
/// host. Aliases (`alias:gdpr`) are checked by the caller.
pub fn supports_id(text: &str) -> bool {
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if let Some(rest) = text.get(4..).filter(|_| text[..4].eq_ignore_ascii_case("urn:")) {
        let Some((nid, nss)) = rest.split_once(':') else {
            return false;
        };
        return (1..=32).contains(&nid.len())
            && !nid.starts_with('-')
            && nid.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !nid.eq_ignore_ascii_case("urn")
            && !nss.is_empty();
    }
    match text.split_once("://") {
        Some((scheme, rest)) => {
            uri(text) && !scheme.is_empty() && !rest.split(['/', '?', '#']).next().unwrap_or("").is_empty()
        }
        None => false,
    }
}

/// Exactly `YYYY-MM-DD`, a real calendar day.
pub fn date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        text[r.clone()]
            .bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| text[r.clone()].parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

pub fn email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'))
        && domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// `type/subtype` with RFC 6838 restricted names.
pub fn media_type(text: &str) -> bool {
    let name = |s: &str| {
        !s.is_empty()
            && s.len() <= 127
            && s.as_bytes()[0].is_ascii_alphanumeric()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    let base = text.split(';').next().unwrap_or("").trim();
    matches!(base.split_once('/'), Some((t, s)) if name(t) && name(s))
}

/// The lower-cased file extension of a path or URL (query and fragment cut).
pub fn extension(path: &str) -> Option<String> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let file = path.rsplit('/').next().unwrap_or(path);
    file.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spdx_expressions() {
        for ok in [
            "EUPL-1.2",
            "MIT OR Apache-2.0",
            "(MIT OR Apache-2.0) AND EUPL-1.2",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "LicenseRef-Kiel-1",
            "DocumentRef-x:LicenseRef-y",
            "eupl-1.2",
            "Apache-2.0+",
        ] {
            assert!(spdx_expression(ok).is_ok(), "{ok}");
        }
        assert_eq!(spdx_expression("GPL-3.0").unwrap(), vec!["GPL-3.0".to_string()]);
        for bad in [
            "",
            "MIT OR",
            "EUPL",
            "(MIT",
            "MIT)",
            "MIT AND AND EUPL-1.2",
            "MIT WITH",
            "MIT WITH Nothing-1",
            "Proprietary",
        ] {
            assert!(spdx_expression(bad).is_err(), "{bad}");
        }
        assert!(spdx_expression(&"(".repeat(1000)).is_err());
    }

    #[test]
    fn language_tags() {
        for ok in [
            "de",
            "en",
            "de-AT",
            "sl-IT-nedis",
            "zh-Hant-TW",
            "de-DE-1996",
            "gsw",
            "en-x-private",
            "es-419",
        ] {
            assert!(language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "d",
            "german",
            "xx",
            "de_DE",
            "de-",
            "-de",
            "de-AT-",
            "x-private",
            "en-a",
        ] {
            assert!(!language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn urls_dates_emails_media_types() {
        assert!(web_url("https://opencode.de/de/software"));
        assert!(web_url("http://[::1]:8080/x"));
        assert!(!web_url("opencode.de"));
        assert!(!web_url("https://"));
        assert!(!web_url("ftp://example.org"));
        assert!(!web_url("https://exa mple.org"));
        assert!(!web_url("https://example.org:99999/"));
        assert!(repository_url("git://example.org/repo.git"));
        assert!(uri("urn:x-allmende:kiel"));
        assert!(!uri("kiel"));
        assert!(date("2024-02-29"));
        assert!(!date("2023-02-29"));
        assert!(!date("2024-13-01"));
        assert!(!date("24-01-01"));
        assert!(!date("2024-1-01"));
        assert!(email("team@kiel.de"));
        assert!(!email("team@kiel"));
        assert!(!email("kiel.de"));
        assert!(media_type("text/plain"));
        assert!(media_type("application/vnd.oasis.opendocument.text"));
        assert!(!media_type("text"));
        assert_eq!(extension("img/Logo.SVG?raw=1").as_deref(), Some("svg"));
    }
}
