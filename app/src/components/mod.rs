//! Small KERN UX building blocks shared by pages.

mod alert;
mod loaded;
mod select_field;

pub use alert::{Alert, AlertKind};
pub use loaded::{loaded, loaded_page};
pub use select_field::SelectField;
