//! Readable names for the codes of the standard, where the catalog has them.

use crate::i18n::I18n;

/// The label of a development status, software type or maintenance type;
/// other codes (categories, licences) are shown as they are written.
pub fn code_label(i18n: &I18n, kind: &str, code: &str) -> String {
    let key = format!("catalog.{kind}.{}", code.replace('/', "_"));
    let text = i18n.text(&key);
    if text == key {
        code.to_string()
    } else {
        text
    }
}
