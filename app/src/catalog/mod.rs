//! The software catalog: publiccode.yml, entries, search.

pub mod publiccode;
