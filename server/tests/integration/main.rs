//! Integration tests: the real HTTP stack against real PostgreSQL.

mod support;

mod accounts_data;
mod accounts_local;
mod accounts_memberships;
mod accounts_oidc;
mod api_contract;
mod authorisation;
mod catalog_api;
mod catalog_publishing;
mod closed_sets;
mod directory;
mod embedded_default;
mod health;
mod hostile_rendering;
mod jobs;
mod kernel;
mod language;
mod migrations;
mod mirror_api;
mod mirror_sync;
mod notifications;
mod nul_input;
mod organisations;
mod pages;
mod publiccode_cli;
mod races;
mod reuse_agreements;
mod reuse_pages;
mod reuse_records;
mod reuse_records_pages;
mod schema;
mod secrets;
mod security;
mod seed;
