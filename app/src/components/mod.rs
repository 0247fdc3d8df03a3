//! Small KERN UX building blocks shared by pages.

mod alert;
mod loaded;
mod pagination;
mod select_field;
mod table;

pub use alert::{Alert, AlertKind};
pub use loaded::{loaded, loaded_page};
pub use pagination::Pagination;
pub use select_field::SelectField;
pub use table::Table;
