//! The software catalog: publiccode.yml, search, the software page and
//! publishing.

pub mod api;
pub mod dto;
mod editor;
mod labels;
pub mod publiccode;
mod publish_page;
mod search_page;
pub(crate) mod software_page;

pub use editor::PubliccodeEditor;
pub use labels::code_label;
pub use publish_page::PublishPage;
pub use search_page::{CatalogSearchPage, OrganisationSoftware, SoftwareCard};
pub use software_page::SoftwarePage;
