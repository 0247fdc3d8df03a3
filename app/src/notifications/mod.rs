//! Notifications: the header's badge and the page that lists them, with
//! the person's choices of what comes by mail.

pub mod dto;
pub mod page;
pub mod unsubscribe_page;
