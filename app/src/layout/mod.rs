//! The frame around every page: skip link, header, footer.

mod account_links;
mod footer;
mod header;
mod language_switch;
mod skip_link;

pub use account_links::AccountLinks;
pub use footer::Footer;
pub use header::Header;
pub use language_switch::LanguageSwitch;
pub use skip_link::SkipLink;

/// `id` of the main content, the skip link's target.
pub const MAIN_ID: &str = "inhalt";
