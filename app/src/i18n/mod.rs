//! The one translation layer: every visible string goes through [`I18n`].

mod catalog;
mod locale;
#[cfg(test)]
mod tests;

pub use catalog::{fill, message, message_owned, message_with};
pub use locale::{Locale, LOCALE_COOKIE};

use leptos::prelude::*;

/// Translations for the current page's language. Cheap to copy into closures.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    pub locale: Locale,
}

impl I18n {
    pub fn t(&self, key: &'static str) -> &'static str {
        message(self.locale, key)
    }

    /// A message whose key is data rather than a literal.
    pub fn text(&self, key: &str) -> String {
        message_owned(self.locale, key)
    }

    /// A message whose key is data, with its placeholders filled in.
    pub fn text_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.text(key), args)
    }

    pub fn t_with(&self, key: &'static str, args: &[(&str, &str)]) -> String {
        message_with(self.locale, key, args)
    }

    /// Formats an integer the way the language writes it (1.234 / 1,234).
    pub fn number(&self, value: i64) -> String {
        let separator = match self.locale {
            Locale::De => '.',
            Locale::En => ',',
        };
        let digits = value.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if value < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(c);
        }
        out
    }
}

/// The page's translations, from the locale the server chose for the request
/// (or that the shell wrote into `<html lang>`, in the browser).
pub fn use_i18n() -> I18n {
    I18n {
        locale: use_context::<Locale>().unwrap_or_default(),
    }
}
