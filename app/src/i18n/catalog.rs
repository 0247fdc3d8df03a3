//! Message catalogs: one file per language in `app/locales/`, in a small
//! subset of Fluent syntax (`key = value`, `# comment`, `{ $name }`).
//!
//! The files are compiled in, so the browser build needs no request for them,
//! and parsed once on first use.

use super::Locale;
use std::{collections::HashMap, sync::OnceLock};

pub(crate) const DE_SOURCE: &str = include_str!("../../locales/de.ftl");
pub(crate) const EN_SOURCE: &str = include_str!("../../locales/en.ftl");

type Messages = HashMap<&'static str, &'static str>;

/// Parses a catalog; a malformed line is a bug in the catalog, reported by the tests.
pub(crate) fn parse(source: &'static str) -> Result<Messages, String> {
    let mut messages = HashMap::new();
    for (number, line) in source.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {}: expected `key = value`", number + 1));
        };
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() || value.is_empty() {
            return Err(format!("line {}: empty key or value", number + 1));
        }
        if messages.insert(key, value).is_some() {
            return Err(format!("line {}: duplicate key `{key}`", number + 1));
        }
    }
    Ok(messages)
}

fn catalog(locale: Locale) -> &'static Messages {
    static DE: OnceLock<Messages> = OnceLock::new();
    static EN: OnceLock<Messages> = OnceLock::new();
    let (cell, source) = match locale {
        Locale::De => (&DE, DE_SOURCE),
        Locale::En => (&EN, EN_SOURCE),
    };
    cell.get_or_init(|| parse(source).unwrap_or_default())
}

/// The message for `key`; the key itself when missing, so that a gap shows
/// instead of failing the page (the catalog test keeps gaps out of main).
pub fn message(locale: Locale, key: &'static str) -> &'static str {
    catalog(locale).get(key).copied().unwrap_or(key)
}

/// The message for a key that arrives as data (from the server, in a flash
/// or a field error); the key itself when missing.
pub fn message_owned(locale: Locale, key: &str) -> String {
    catalog(locale)
        .get(key)
        .map(|m| (*m).to_owned())
        .unwrap_or_else(|| key.to_owned())
}

/// The message with `{ $name }` placeholders filled in.
pub fn message_with(locale: Locale, key: &'static str, args: &[(&str, &str)]) -> String {
    fill(message(locale, key).to_owned(), args)
}

/// Fills `{ $name }` placeholders.
pub fn fill(mut text: String, args: &[(&str, &str)]) -> String {
    for (name, value) in args {
        text = text.replace(&format!("{{ ${name} }}"), value);
    }
    text
}
