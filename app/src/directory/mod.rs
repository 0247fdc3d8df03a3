//! The public directory of administrations: list with search and filters,
//! a page per administration, and the form to register or edit one.

pub mod api;
mod detail_page;
pub mod dto;
mod edit_page;
pub mod editing;
mod list_page;

pub use detail_page::OrganisationPage;
pub use edit_page::{EditOrganisationPage, NewOrganisationPage};
pub use list_page::DirectoryPage;
