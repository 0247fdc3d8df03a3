//! The error a page or server function can report, in terms the reader can act on.
//!
//! Services map their failures onto these variants; the page turns each into a
//! translated message and the right HTTP status.

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// The database or another dependency is temporarily unreachable (HTTP 503).
    #[error("temporarily unavailable")]
    Unavailable,
    /// An unexpected failure; details are in the server log, never on the page.
    #[error("internal error")]
    Internal,
    /// The transport failed (network, serialisation): reported by Leptos.
    #[error("request failed: {0}")]
    Request(String),
    /// Signing in is needed first (HTTP 401).
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, but not allowed to do this (HTTP 403).
    #[error("forbidden")]
    Forbidden,
    /// The input was wrong; each error names its field (HTTP 422).
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The action contradicts the current state; the key explains (HTTP 409).
    #[error("conflict: {0}")]
    Conflict(String),
    /// Too many attempts; try again later (HTTP 429).
    #[error("too many requests")]
    TooManyRequests,
}

/// One thing wrong with one input: the field's name and a catalog key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub key: String,
}

impl FieldError {
    pub fn new(field: &str, key: &str) -> FieldError {
        FieldError {
            field: field.to_owned(),
            key: key.to_owned(),
        }
    }
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Request(_) => 500,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::Invalid(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::TooManyRequests => 429,
        }
    }

    /// Catalog key of the message shown to the reader.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error.not_found.text",
            AppError::Unavailable => "error.unavailable.text",
            AppError::Internal | AppError::Request(_) => "error.internal.text",
            AppError::Unauthenticated => "error.unauthenticated.text",
            AppError::Forbidden => "error.forbidden.text",
            AppError::Invalid(_) => "error.invalid.text",
            AppError::Conflict(_) => "error.conflict.text",
            AppError::TooManyRequests => "error.too_many.text",
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}
