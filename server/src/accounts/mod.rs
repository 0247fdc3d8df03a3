//! Accounts and administrations. For now: the public directory of
//! administrations; login, roles and memberships follow.

mod directory;

pub use directory::DirectoryServiceImpl;
