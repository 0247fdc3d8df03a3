use crate::error::FieldError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What one request leaves for the next page the reader sees, and only that
/// page: a notice, and a form that came back with errors.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Flash {
    pub notice: Option<Notice>,
    pub form: Option<FormState>,
    /// A value shown exactly once (a new API token); never written back.
    pub secret: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoticeKind {
    Success,
    Info,
    Danger,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub kind: NoticeKind,
    /// Catalog key of the text.
    pub key: String,
    /// Values for the text's placeholders.
    pub args: Vec<(String, String)>,
}

impl Notice {
    pub fn new(kind: NoticeKind, key: &str) -> Notice {
        Notice {
            kind,
            key: key.to_owned(),
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl Into<String>) -> Notice {
        self.args.push((name.to_owned(), value.into()));
        self
    }
}

/// A submitted form that was refused: its name, the values to show again
/// (never passwords), and the errors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormState {
    pub form: String,
    pub values: BTreeMap<String, String>,
    pub errors: Vec<FieldError>,
}

impl FormState {
    pub fn value(&self, field: &str) -> Option<&str> {
        self.values.get(field).map(String::as_str)
    }

    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.key.as_str())
    }
}

/// The flash the server took out of the session for this page render.
pub fn use_flash() -> Flash {
    crate::request::request_extension().unwrap_or_default()
}

impl Flash {
    /// The returned form named `form`, if that is the one that came back.
    pub fn form(&self, form: &str) -> Option<FormState> {
        self.form.clone().filter(|f| f.form == form)
    }
}
