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
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Request(_) => 500,
        }
    }

    /// Catalog key of the message shown to the reader.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error.not_found.text",
            AppError::Unavailable => "error.unavailable.text",
            AppError::Internal | AppError::Request(_) => "error.internal.text",
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}
