//! What every domain shares, so that a domain writes only its own rules:
//! the error policy (`db_error`) and the job queue for what a change asks
//! to happen after it commits (`jobs`).

mod db_error;
pub mod jobs;
pub mod workers;

pub use db_error::{internal, map_db_error};
