//! Allmende's pages, compiled twice: for the server (`ssr`, rendering) and for
//! the browser (`hydrate`, the interactive islands). Server-only code sits
//! behind the `ssr` feature.
// Leptos views are deeply nested types; the route table outgrew the default.
#![recursion_limit = "256"]

pub mod accounts;
pub mod api;
pub mod api_docs;
pub mod app;
pub mod catalog;
pub mod closed_set;
pub mod components;
pub mod directory;
pub mod dto;
pub mod error;
pub mod forms;
pub mod groups;
pub mod i18n;
pub mod layout;
pub mod mirror;
pub mod notifications;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ports;
pub mod raw_text;
pub mod request;
pub mod reuse;
#[cfg(feature = "ssr")]
pub mod shell;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
