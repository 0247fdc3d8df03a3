//! Integration tests: the real HTTP stack against real PostgreSQL.

mod support;

mod health;
mod language;
mod migrations;
mod pages;
mod security;
mod seed;
