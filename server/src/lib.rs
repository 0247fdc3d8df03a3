//! Allmende's server: configuration, the HTTP stack, the domain services over
//! PostgreSQL, and the command-line entry points. `main.rs` only dispatches.
// Leptos views are deeply nested types; the route table outgrew the default.
#![recursion_limit = "256"]

pub mod accounts;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod config;
pub mod db;
pub mod embedded_pg;
pub mod entities;
pub mod groups;
pub mod http;
pub mod kernel;
pub mod mail;
pub mod markdown;
pub mod mirror;
pub mod notifications;
pub mod reuse;
pub mod seed;
pub mod sessions;
pub mod site;
pub mod state;
pub mod telemetry;
