//! Browser sessions: tower-sessions over our own PostgreSQL table, and the
//! few things Allmende keeps in a session.

mod store;
mod values;

pub use store::PgSessionStore;
pub use values::{
    sign_in, signed_in_user, take_flash, set_flash, touch, take_pending_login, set_pending_login, SESSION_COOKIE_HTTP,
    SESSION_COOKIE_HTTPS,
};
