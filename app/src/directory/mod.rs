//! The public directory of administrations: list with search and filters,
//! and a page per administration.

pub mod api;
pub mod dto;
mod detail_page;
mod list_page;

pub use detail_page::OrganisationPage;
pub use list_page::DirectoryPage;
