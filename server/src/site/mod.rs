//! The site itself: its front-page figures and the operator's legal texts.

mod legal_texts;
mod service;

pub use legal_texts::LegalTexts;
pub use service::SiteServiceImpl;
