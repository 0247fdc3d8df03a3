//! Connecting to PostgreSQL, creating the database, and migration state.

mod connect;
mod readiness;
pub mod sql;

pub use connect::{connect, ensure_database_exists, with_database};
pub use readiness::{check_ready, Readiness};
