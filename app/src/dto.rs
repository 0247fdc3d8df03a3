//! Data that crosses from the server to pages: plain, serialisable, wasm-safe.

use serde::{Deserialize, Serialize};

/// The figures on the home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeStats {
    pub organisations: i64,
    pub laender: i64,
}

/// The three texts every German public website must carry, written by the operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LegalPageKind {
    Impressum,
    Datenschutz,
    Barrierefreiheit,
}

impl LegalPageKind {
    pub const ALL: [LegalPageKind; 3] = [
        LegalPageKind::Impressum,
        LegalPageKind::Datenschutz,
        LegalPageKind::Barrierefreiheit,
    ];

    /// File stem of the operator's text and URL segment of the page.
    pub fn slug(self) -> &'static str {
        match self {
            LegalPageKind::Impressum => "impressum",
            LegalPageKind::Datenschutz => "datenschutz",
            LegalPageKind::Barrierefreiheit => "barrierefreiheit",
        }
    }

    /// Catalog key of the page's title.
    pub fn title_key(self) -> &'static str {
        match self {
            LegalPageKind::Impressum => "legal.impressum",
            LegalPageKind::Datenschutz => "legal.datenschutz",
            LegalPageKind::Barrierefreiheit => "legal.barrierefreiheit",
        }
    }
}

/// A legal text, already rendered and sanitised on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalPage {
    pub kind: LegalPageKind,
    /// Language of the text itself: it may fall back to German.
    pub lang: String,
    pub html: String,
}
