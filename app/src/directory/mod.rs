//! The public directory of administrations: list with search and filters,
//! and a page per administration.

pub mod api;
mod detail_page;
pub mod dto;
mod list_page;

pub use detail_page::OrganisationPage;
pub use list_page::DirectoryPage;
