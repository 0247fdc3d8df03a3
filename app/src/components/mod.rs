//! Small KERN UX building blocks shared by pages.

mod alert;

pub use alert::{Alert, AlertKind};
