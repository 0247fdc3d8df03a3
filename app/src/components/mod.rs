//! Small KERN UX building blocks shared by pages.

mod alert;
mod select_field;

pub use alert::{Alert, AlertKind};
pub use select_field::SelectField;
