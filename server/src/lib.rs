//! Allmende's server: configuration, the HTTP stack, the domain services over
//! PostgreSQL, and the command-line entry points. `main.rs` only dispatches.

pub mod accounts;
pub mod cli;
pub mod commands;
pub mod config;
pub mod db;
pub mod embedded_pg;
pub mod http;
pub mod mail;
pub mod markdown;
pub mod seed;
pub mod sessions;
pub mod site;
pub mod state;
pub mod telemetry;
