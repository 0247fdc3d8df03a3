//! Browser sessions: tower-sessions over our own PostgreSQL table, and the
//! few things Allmende keeps in a session.

mod store;
mod values;

pub use store::PgSessionStore;
pub use values::{
    set_flash, set_pending_login, sign_in, signed_in_user, take_flash, take_pending_login, touch, SESSION_COOKIE_HTTP,
    SESSION_COOKIE_HTTPS,
};
