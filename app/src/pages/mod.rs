//! One module per page; the route table is in `app.rs`.

mod error_page;
mod error_panel;
mod home;
mod legal;
mod not_found;

pub use error_page::ErrorPage;
pub use error_panel::ErrorPanel;
pub use home::HomePage;
pub use legal::LegalTextPage;
pub use not_found::NotFoundPage;
