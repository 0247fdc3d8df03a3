//! An agreement's terms as the parties write them: kind, legal basis, the
//! versions it covers, the provider's conditions (Interoperable Europe Act,
//! Art. 4 (2): support, maintenance, contributing changes back), and its
//! dates. Read from a form with every error named at its field; compared
//! field by field for the history and for the conflict a late save sees.

use super::terms::{AgreementKind, LegalBasis};
use crate::catalog::publiccode::formats::date;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub kind: AgreementKind,
    pub legal_basis: Option<LegalBasis>,
    pub legal_basis_note: String,
    /// Which versions it covers, as the parties write it ("ab 2.0").
    pub versions: String,
    pub support: String,
    pub maintenance: String,
    /// The reusers contribute their changes back.
    pub contribute_back: bool,
    /// `YYYY-MM-DD`.
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub notice_months: Option<i32>,
}

/// The form's field names, in the form's order; the history's `changes`
/// use them too.
pub const FIELDS: [&str; 10] = [
    "kind",
    "legal_basis",
    "legal_basis_note",
    "versions",
    "support",
    "maintenance",
    "contribute_back",
    "starts_on",
    "ends_on",
    "notice_months",
];

/// Longest texts, as the schema's `CHECK`s allow.
const NOTE_MAX: usize = 1000;
const VERSIONS_MAX: usize = 100;
const CONDITION_MAX: usize = 4000;

/// A date as browsers send it (`YYYY-MM-DD`), or as Germans type it where
/// a browser has no date picker (`1.7.2027`), as `YYYY-MM-DD`.
fn iso_date(text: &str) -> String {
    let parts: Vec<&str> = text.split('.').collect();
    match parts.as_slice() {
        [d, m, y] if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => format!("{y}-{m:0>2}-{d:0>2}"),
        _ => text.to_owned(),
    }
}

impl Terms {
    /// Reads the form (`get` answers "" for a field that was not sent).
    pub fn from_form(get: impl Fn(&str) -> String) -> Result<Terms, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = |name: &str, max: usize, errors: &mut Vec<FieldError>| {
            let value = get(name).trim().to_owned();
            if value.chars().count() > max {
                errors.push(FieldError::new(name, "reuse.terms.error.too_long"));
            }
            value
        };
        let kind = AgreementKind::from_code(&get("kind"));
        if kind.is_none() {
            errors.push(FieldError::new("kind", "form.error.choice"));
        }
        let basis = get("legal_basis");
        let legal_basis = match basis.as_str() {
            "" => None,
            code => {
                let parsed = LegalBasis::from_code(code);
                if parsed.is_none() {
                    errors.push(FieldError::new("legal_basis", "form.error.choice"));
                }
                parsed
            }
        };
        let legal_basis_note = text("legal_basis_note", NOTE_MAX, &mut errors);
        if legal_basis == Some(LegalBasis::Other) && legal_basis_note.is_empty() {
            errors.push(FieldError::new(
                "legal_basis_note",
                "reuse.terms.error.name_other_basis",
            ));
        }
        let versions = text("versions", VERSIONS_MAX, &mut errors);
        let support = text("support", CONDITION_MAX, &mut errors);
        let maintenance = text("maintenance", CONDITION_MAX, &mut errors);
        let day = |name: &str, errors: &mut Vec<FieldError>| {
            let value = iso_date(get(name).trim());
            if value.is_empty() {
                None
            } else if date(&value) {
                Some(value)
            } else {
                errors.push(FieldError::new(name, "reuse.terms.error.date"));
                None
            }
        };
        let starts_on = day("starts_on", &mut errors);
        let ends_on = day("ends_on", &mut errors);
        // ISO dates compare as text.
        if let (Some(start), Some(end)) = (&starts_on, &ends_on) {
            if end < start {
                errors.push(FieldError::new("ends_on", "reuse.terms.error.ends_before_start"));
            }
        }
        let notice = get("notice_months");
        let notice_months = match notice.trim() {
            "" => None,
            n => match n.parse::<i32>() {
                Ok(months) if (0..=120).contains(&months) => Some(months),
                _ => {
                    errors.push(FieldError::new("notice_months", "reuse.terms.error.notice_months"));
                    None
                }
            },
        };
        match kind {
            Some(kind) if errors.is_empty() => Ok(Terms {
                kind,
                legal_basis,
                legal_basis_note,
                versions,
                support,
                maintenance,
                contribute_back: get("contribute_back") == "ja",
                starts_on,
                ends_on,
                notice_months,
            }),
            _ => Err(errors),
        }
    }

    /// A field as text: what the history records and a form shows.
    pub fn field(&self, name: &str) -> String {
        match name {
            "kind" => self.kind.code().to_owned(),
            "legal_basis" => self.legal_basis.map(|b| b.code().to_owned()).unwrap_or_default(),
            "legal_basis_note" => self.legal_basis_note.clone(),
            "versions" => self.versions.clone(),
            "support" => self.support.clone(),
            "maintenance" => self.maintenance.clone(),
            "contribute_back" => if self.contribute_back { "ja" } else { "" }.to_owned(),
            "starts_on" => self.starts_on.clone().unwrap_or_default(),
            "ends_on" => self.ends_on.clone().unwrap_or_default(),
            "notice_months" => self.notice_months.map(|m| m.to_string()).unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// The fields that differ from `newer`: `(field, before, after)`.
    pub fn changes(&self, newer: &Terms) -> Vec<(&'static str, String, String)> {
        FIELDS
            .iter()
            .filter_map(|&name| {
                let (before, after) = (self.field(name), newer.field(name));
                (before != after).then_some((name, before, after))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn form(pairs: &[(&str, &str)]) -> impl Fn(&str) -> String {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned().unwrap_or_default()
    }

    fn keys(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|e| (e.field, e.key)).collect()
    }

    #[test]
    fn a_complete_form_reads_and_round_trips_through_its_fields() {
        let terms = Terms::from_form(form(&[
            ("kind", "development_partnership"),
            ("legal_basis", "gwb_108_6"),
            ("legal_basis_note", "  Kooperation nach § 108 Abs. 6 GWB "),
            ("versions", "ab 2.0"),
            ("support", "Zweite Ebene werktags"),
            ("maintenance", "Sicherheitsupdates für 3 Jahre"),
            ("contribute_back", "ja"),
            ("starts_on", "2027-01-01"),
            ("ends_on", "2029-12-31"),
            ("notice_months", "6"),
        ]))
        .unwrap();
        assert_eq!(terms.legal_basis_note, "Kooperation nach § 108 Abs. 6 GWB", "trimmed");
        assert!(terms.contribute_back);
        let again = Terms::from_form(|name| terms.field(name)).unwrap();
        assert_eq!(again, terms);
        assert!(terms.changes(&again).is_empty());
    }

    #[test]
    fn every_error_is_named_at_its_field() {
        let long = "x".repeat(CONDITION_MAX + 1);
        let errors = Terms::from_form(form(&[
            ("kind", "handshake"),
            ("legal_basis", "other"),
            ("support", &long),
            ("starts_on", "2027-02-30"),
            ("ends_on", "morgen"),
            ("notice_months", "121"),
        ]))
        .unwrap_err();
        assert_eq!(
            keys(errors),
            [
                ("kind", "form.error.choice"),
                ("legal_basis_note", "reuse.terms.error.name_other_basis"),
                ("support", "reuse.terms.error.too_long"),
                ("starts_on", "reuse.terms.error.date"),
                ("ends_on", "reuse.terms.error.date"),
                ("notice_months", "reuse.terms.error.notice_months"),
            ]
            .map(|(f, k)| (f.to_owned(), k.to_owned()))
        );
        let errors = Terms::from_form(form(&[
            ("kind", "licence_only"),
            ("starts_on", "2027-06-01"),
            ("ends_on", "2027-05-31"),
        ]))
        .unwrap_err();
        assert_eq!(
            keys(errors),
            [("ends_on".to_owned(), "reuse.terms.error.ends_before_start".to_owned())]
        );
        // Typed the German way where a browser offers no date picker.
        let typed = Terms::from_form(form(&[("kind", "licence_only"), ("starts_on", "1.7.2027")])).unwrap();
        assert_eq!(typed.starts_on.as_deref(), Some("2027-07-01"));
        assert!(Terms::from_form(form(&[("kind", "licence_only"), ("starts_on", "31.2.2027")])).is_err());
    }

    #[test]
    fn changes_name_each_field_with_both_values() {
        let before = Terms::from_form(form(&[("kind", "licence_only"), ("notice_months", "3")])).unwrap();
        let after = Terms::from_form(form(&[
            ("kind", "licence_only"),
            ("notice_months", "6"),
            ("contribute_back", "ja"),
        ]))
        .unwrap();
        assert_eq!(
            before.changes(&after),
            vec![
                ("contribute_back", String::new(), "ja".to_owned()),
                ("notice_months", "3".to_owned(), "6".to_owned()),
            ]
        );
    }
}
