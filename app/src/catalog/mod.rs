//! The software catalog: publiccode.yml, entries, search.

pub mod dto;
pub mod publiccode;
